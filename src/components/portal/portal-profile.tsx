'use client';
// F12: the customer's profile — their data (read only), adding an e-mail or a phone (added to their
// lists, never replacing one) and changing their password (which ends every session: back to sign-in).
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { Alert, Button, Card, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { clearOfflinePages } from '@/components/pwa/service-worker';

function AddContact({ kind }: { kind: 'email' | 'phone' }) {
  const t = useTranslations('portal');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState('');
  const [added, setAdded] = useState(false);
  const options = { onSuccess: (profile: unknown) => {
    queryClient.setQueryData(trpc.portal.profile.get.queryKey(), profile as never);
    setValue('');
    setAdded(true);
  } };
  const addEmail = useMutation(trpc.portal.profile.addEmail.mutationOptions(options));
  const addPhone = useMutation(trpc.portal.profile.addPhone.mutationOptions(options));
  const add = kind === 'email' ? addEmail : addPhone;
  const errors = formErrors(add.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    setAdded(false);
    if (kind === 'email') addEmail.mutate({ email: value });
    else addPhone.mutate({ phone: value });
  }
  const label = kind === 'email' ? t('addEmail') : t('addPhone');
  return (
    <form onSubmit={submit} noValidate className="mt-3 space-y-2" aria-label={label}>
      <TextInput
        label={label}
        name={kind}
        type={kind === 'email' ? 'email' : 'tel'}
        autoComplete={kind === 'email' ? 'email' : 'tel'}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={errors.field(kind) ?? (errors.message && !errors.field(kind) ? errors.message : undefined)}
      />
      {added ? <p role="status" className="text-sm text-green-700">{t('contactAdded')}</p> : null}
      <Button type="submit" variant="secondary" disabled={add.isPending || !value.trim()}>{t('add')}</Button>
    </form>
  );
}

function ChangePortalPassword() {
  const t = useTranslations('account');
  const trpc = useTRPC();
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation(trpc.portal.profile.changePassword.mutationOptions());
  const errors = formErrors(change.error);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const newPassword = String(f.get('newPassword'));
    const differs = newPassword !== String(f.get('confirmPassword'));
    setMismatch(differs);
    if (differs) return;
    change.mutate(
      { currentPassword: String(f.get('currentPassword')), newPassword },
      {
        // Every session ended, this one too: sign in again with the new password.
        onSuccess: async () => {
          await clearOfflinePages();
          await signOut({ redirect: false });
          window.location.assign('/portal/login?changed=1');
        },
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label={t('changePassword')}>
      {errors.message && !Object.keys(errors.fields).length ? <Alert>{errors.message}</Alert> : null}
      <TextInput label={t('currentPassword')} name="currentPassword" type="password" autoComplete="current-password" required error={errors.field('currentPassword')} />
      <TextInput label={t('newPassword')} name="newPassword" type="password" autoComplete="new-password" required hint={t('passwordRule')} error={errors.field('newPassword')} />
      <TextInput label={t('confirmPassword')} name="confirmPassword" type="password" autoComplete="new-password" required error={mismatch ? t('mismatch') : undefined} />
      <Button type="submit" disabled={change.isPending}>{change.isPending ? t('saving') : t('savePassword')}</Button>
    </form>
  );
}

export function PortalProfile() {
  const t = useTranslations('portal');
  const account = useTranslations('account');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const profile = useQuery(trpc.portal.profile.get.queryOptions());
  if (profile.error) return <Alert>{profile.error.message}</Alert>;
  if (!profile.data) return <p role="status">{common('loading')}</p>;
  const p = profile.data;
  const list = (items: string[], label: string) =>
    items.length ? (
      <ul aria-label={label} className="space-y-1 text-sm">
        {items.map((item) => <li key={item} className="break-all">{item}</li>)}
      </ul>
    ) : (
      <p className="text-sm text-slate-600">{t('none')}</p>
    );
  return (
    <div className="space-y-4">
      <MyEquipment />
      <Card title={t('myData')}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-slate-600">{t('name')}</dt>
          <dd>{p.name}</dd>
          <dt className="text-slate-600">{t('code')}</dt>
          <dd>{p.code}</dd>
          {p.taxId ? (
            <>
              <dt className="text-slate-600">{t('taxId')}</dt>
              <dd>{p.taxId}</dd>
            </>
          ) : null}
          {p.address ? (
            <>
              <dt className="text-slate-600">{t('address')}</dt>
              <dd>{p.address}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      <Card title={t('emails')}>
        {list(p.emails, t('emails'))}
        <AddContact kind="email" />
      </Card>
      <Card title={t('phones')}>
        {list(p.phones, t('phones'))}
        <AddContact kind="phone" />
      </Card>
      <Card title={account('changePassword')}>
        <ChangePortalPassword />
      </Card>
    </div>
  );
}

/** G7: the customer's equipment as the ISP has it on record, read only. */
function MyEquipment() {
  const te = useTranslations('equipment');
  const enums = useTranslations('enums');
  const trpc = useTRPC();
  const mine = useQuery(trpc.portal.equipment.queryOptions());
  if (!mine.data || mine.data.equipment.length === 0) return null;
  const siteOf = (id: string | null) => mine.data.sites.find((s) => s.id === id);
  return (
    <Card title={te('myEquipment')}>
      <p className="mb-2 text-sm text-slate-600">{te('portalHint')}</p>
      <ul className="space-y-2 text-sm" data-testid="portal-equipment">
        {mine.data.equipment.map((e) => (
          <li key={e.id}>
            <p className="font-medium">{enums(`equipmentType.${e.type}`)} · {e.brand} {e.model}</p>
            {e.serial ? <p className="font-mono text-xs">{te('serialShort')} {e.serial}</p> : null}
            {siteOf(e.siteId) ? <p className="text-xs text-slate-600">{te('site')}: {siteOf(e.siteId)!.label}</p> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
