'use client';
// A2: staff users — list; admins create, change role, reset password, deactivate and reactivate.
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { ROLES, type Role } from '@/lib/permissions';
import { Alert, Badge, Button, Card, Select, TextInput } from '@/components/ui/controls';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formErrors } from '@/components/ui/use-form-errors';
import { useSubmission } from '@/components/ui/use-submission';
import { useCan } from '@/components/shell/permissions';

type User = RouterOutputs['users']['list'][number];

function NewUserForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations('users');
  const roles = useTranslations('roles');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() });
        onDone();
      },
    }),
  );
  const errors = formErrors(create.error);
  const submission = useSubmission();
  // G2: a partner company's manager or technician belongs to one of the tenant's companies.
  const tc = useTranslations('companies');
  const companies = useQuery(trpc.companies.options.queryOptions());
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!submission.begin()) return;
    const f = new FormData(event.currentTarget);
    create.mutate({ name: String(f.get('name')), email: String(f.get('email')), role: String(f.get('role')) as Role, password: String(f.get('password')), phone: String(f.get('phone')) || null, companyId: String(f.get('companyId') ?? '') || null }, { onSettled: (_data, error) => submission.end(!error) });
  }
  return (
    <Card title={t('new')}>
      <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
        {errors.message ? <div className="sm:col-span-2"><Alert>{errors.message}</Alert></div> : null}
        <TextInput label={t('name')} name="name" required error={errors.field('name')} />
        <TextInput label={t('email')} name="email" type="email" required error={errors.field('email')} />
        <Select label={t('role')} name="role" defaultValue="OPERATOR" options={ROLES.map((r) => ({ value: r, label: roles(r) }))} error={errors.field('role')} />
        <Select label={tc('userCompany')} name="companyId" defaultValue="" options={[{ value: '', label: tc('noCompany') }, ...(companies.data ?? []).map((c) => ({ value: c.id, label: c.name }))]} error={errors.field('companyId')} />
        <TextInput label={t('phone')} name="phone" type="tel" error={errors.field('phone')} />
        <TextInput label={t('password')} name="password" type="password" autoComplete="new-password" required error={errors.field('password')} />
        <div className="flex items-end justify-end gap-2">
          <Button variant="secondary" onClick={onDone}>{common('cancel')}</Button>
          <Button type="submit" disabled={create.isPending}>{common('create')}</Button>
        </div>
      </form>
    </Card>
  );
}

function UserRow({ user, manage }: { user: User; manage: boolean }) {
  const t = useTranslations('users');
  const roles = useTranslations('roles');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.list.pathKey() });
  const update = useMutation(trpc.users.update.mutationOptions({ onSuccess: refresh }));
  const deactivate = useMutation(trpc.users.deactivate.mutationOptions({ onSuccess: refresh }));
  const activate = useMutation(trpc.users.activate.mutationOptions({ onSuccess: refresh }));
  const error = formErrors(update.error ?? deactivate.error ?? activate.error);
  const [password, setPassword] = useState('');
  return (
    <tr className={user.active ? '' : 'bg-slate-50 text-slate-500'} data-testid={`user-${user.email}`}>
      <td className="px-3 py-2">
        <Link href={`/users/${user.id}`} className="font-medium text-brand-700 hover:underline">{user.name}</Link>
        <span className="block text-xs text-slate-600">{user.email}</span>
        {error.message ? <p role="alert" className="mt-1 text-xs text-red-700">{Object.values(error.fields)[0] ?? error.message}</p> : null}
      </td>
      <td className="px-3 py-2">
        {manage ? (
          <select
            aria-label={`${t('role')} — ${user.name}`}
            value={user.role}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ id: user.id, role: e.target.value as Role })}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm"
          >
            {ROLES.map((r) => <option key={r} value={r}>{roles(r)}</option>)}
          </select>
        ) : (
          roles(user.role)
        )}
        {user.company ? <span className="block text-xs text-slate-600" data-testid="user-company">{user.company.name}</span> : null}
      </td>
      <td className="px-3 py-2">{user.active ? <Badge tone="green">{t('active')}</Badge> : <Badge>{t('inactive')}</Badge>}</td>
      {manage ? (
        <td className="space-y-2 px-3 py-2">
          <div className="flex flex-wrap gap-2">
            {user.active ? (
              <ConfirmButton label={t('deactivate')} question={t('deactivateQuestion', { name: user.name })} onConfirm={() => deactivate.mutate({ id: user.id })} />
            ) : (
              <Button variant="secondary" onClick={() => activate.mutate({ id: user.id })}>{t('activate')}</Button>
            )}
          </div>
          <form
            className="flex gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              update.mutate({ id: user.id, password }, { onSuccess: () => setPassword('') });
            }}
          >
            <input
              type="password"
              aria-label={`${t('newPassword')} — ${user.name}`}
              placeholder={t('newPassword')}
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className="w-36 rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
            <Button variant="secondary" type="submit" disabled={!password}>{t('setPassword')}</Button>
          </form>
        </td>
      ) : null}
    </tr>
  );
}

export function UserAdmin() {
  const t = useTranslations('users');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const can = useCan();
  const manage = can('users.manage');
  const users = useQuery(trpc.users.list.queryOptions({ includeInactive: true }));
  const [creating, setCreating] = useState(false);
  return (
    <div className="space-y-6">
      {manage && !creating ? <Button onClick={() => setCreating(true)}>{t('new')}</Button> : null}
      {creating ? <NewUserForm onDone={() => setCreating(false)} /> : null}
      {users.error ? <Alert>{users.error.message}</Alert> : null}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">{t('title')}</caption>
          <thead className="bg-slate-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">{t('name')}</th>
              <th scope="col" className="px-3 py-2">{t('role')}</th>
              <th scope="col" className="px-3 py-2">{t('state')}</th>
              {manage ? <th scope="col" className="px-3 py-2">{common('actions')}</th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {(users.data ?? []).map((u) => <UserRow key={u.id} user={u} manage={manage} />)}
          </tbody>
        </table>
      </div>
    </div>
  );
}
