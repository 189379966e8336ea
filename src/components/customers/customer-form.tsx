'use client';
// A3: create or edit a customer. On create, a first connection can be entered in the same form.
import { useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { taxIdTypesFor, formatTaxId, type TaxIdType } from '@/lib/tax-id';
import { Alert, Button, Card, Checkbox, Select, TextArea, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useSubmission } from '@/components/ui/use-submission';
import { useStaffContext } from '@/components/shell/permissions';
import { ListInput } from './list-input';
import { ConnectionFields, EMPTY_CONNECTION, connectionInput, type ConnectionDraft } from './connection-fields';

export type CustomerDraft = {
  code: string;
  name: string;
  taxIdType: TaxIdType | '';
  taxId: string;
  emails: string[];
  phones: string[];
  address: string;
  localityId: string;
  notes: string;
};

const EMPTY: CustomerDraft = { code: '', name: '', taxIdType: '', taxId: '', emails: [''], phones: [''], address: '', localityId: '', notes: '' };

function customerFields(d: CustomerDraft) {
  return {
    name: d.name,
    taxIdType: d.taxIdType || null,
    taxId: d.taxId || null,
    emails: d.emails.filter((e) => e.trim()),
    phones: d.phones.filter((p) => p.trim()),
    address: d.address || null,
    localityId: d.localityId || null,
    notes: d.notes || null,
  };
}

/** `compact`: one column, for a narrow place (the ticket view's side column); `onCancel` adds a Cancel button. */
export function CustomerForm({ customerId, initial, onSaved, onCancel, compact }: { customerId?: string; initial?: CustomerDraft; onSaved?: () => void; onCancel?: () => void; compact?: boolean }) {
  const t = useTranslations('customers');
  const common = useTranslations('common');
  const enums = useTranslations('enums');
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { tenant } = useStaffContext();
  const [draft, setDraft] = useState<CustomerDraft>(initial ?? EMPTY);
  const [withConnection, setWithConnection] = useState(false);
  const [connection, setConnection] = useState<ConnectionDraft>(EMPTY_CONNECTION);
  const localities = useQuery(trpc.catalog.localities.queryOptions());
  const submission = useSubmission();
  const nextCode = useQuery({ ...trpc.customers.nextCode.queryOptions(), enabled: !customerId });

  const create = useMutation(trpc.customers.create.mutationOptions({ onSuccess: (c) => router.push(`/customers/${c.id}`) }));
  const update = useMutation(
    trpc.customers.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
        onSaved?.();
      },
    }),
  );
  const mutation = customerId ? update : create;
  const errors = formErrors(mutation.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    // A double click saves once: a second submit waits for the first's answer.
    if (!submission.begin()) return;
    if (customerId) update.mutate({ id: customerId, code: draft.code, ...customerFields(draft) }, { onSettled: (_data, error) => submission.end(!error) });
    else create.mutate({ code: draft.code || undefined, ...customerFields(draft), connections: withConnection ? [connectionInput(connection)] : [] }, { onSettled: (_data, error) => submission.end(!error) });
  }

  const set = (field: keyof CustomerDraft) => (e: { target: { value: string } }) => setDraft({ ...draft, [field]: e.target.value });
  const none = { value: '', label: `— ${common('none')} —` };

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label={t('details')}>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      {update.isSuccess && !update.isPending ? <Alert tone="success">{common('saved')}</Alert> : null}
      <Card title={t('details')}>
        <div className={compact ? 'grid gap-4' : 'grid gap-4 sm:grid-cols-2'}>
          <TextInput label={t('name')} value={draft.name} onChange={set('name')} error={errors.field('name')} required autoComplete="off" />
          <TextInput
            label={t('code')}
            value={draft.code}
            onChange={set('code')}
            error={errors.field('code')}
            hint={!customerId && nextCode.data ? t('codeHint', { next: nextCode.data }) : undefined}
          />
          <Select
            label={t('taxIdType')}
            value={draft.taxIdType}
            onChange={set('taxIdType')}
            error={errors.field('taxIdType')}
            options={[none, ...taxIdTypesFor(tenant.country).map((v) => ({ value: v, label: enums(`taxIdType.${v}`) }))]}
          />
          <TextInput
            label={t('taxIdNumber')}
            value={draft.taxId}
            onChange={set('taxId')}
            onBlur={() => draft.taxIdType && setDraft({ ...draft, taxId: formatTaxId(draft.taxIdType || null, draft.taxId.replace(/[\s.\-/]/g, '').toUpperCase()) })}
            error={errors.field('taxId')}
          />
          <TextInput label={t('address')} value={draft.address} onChange={set('address')} error={errors.field('address')} />
          <Select label={t('locality')} value={draft.localityId} onChange={set('localityId')} error={errors.field('localityId')} options={[none, ...(localities.data ?? []).map((l) => ({ value: l.id, label: l.name }))]} />
          <ListInput name="emails" type="email" values={draft.emails} onChange={(emails) => setDraft({ ...draft, emails })} itemLabel={(n) => t('emailN', { n })} addLabel={t('addEmail')} errors={errors.field} />
          <ListInput name="phones" type="tel" values={draft.phones} onChange={(phones) => setDraft({ ...draft, phones })} itemLabel={(n) => t('phoneN', { n })} addLabel={t('addPhone')} errors={errors.field} />
          <div className={compact ? '' : 'sm:col-span-2'}>
            <TextArea label={t('notes')} value={draft.notes} onChange={set('notes')} error={errors.field('notes')} />
          </div>
        </div>
      </Card>
      {!customerId ? (
        <Card title={t('firstConnection')}>
          <Checkbox label={t('withConnection')} checked={withConnection} onChange={(e) => setWithConnection(e.target.checked)} />
          {withConnection ? (
            <div className="mt-4">
              <ConnectionFields value={connection} onChange={setConnection} errors={errors.field} prefix="connections.0." />
            </div>
          ) : null}
        </Card>
      ) : null}
      <div className="flex justify-end gap-2">
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel} disabled={mutation.isPending}>
            {common('cancel')}
          </Button>
        ) : null}
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? common('saving') : customerId ? common('save') : common('create')}
        </Button>
      </div>
    </form>
  );
}
