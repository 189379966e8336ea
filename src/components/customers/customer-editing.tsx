'use client';
// A3/C6: what the customer's page and the ticket view's customer card share — the edit form started
// from the customer as `customers.get` returns it, and the portal password regeneration (confirmed
// first, the new password shown once). The server enforces customers.update / customers.portalPassword;
// callers show these only to roles that have them.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { formatTaxId } from '@/lib/tax-id';
import { Alert } from '@/components/ui/controls';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formErrors } from '@/components/ui/use-form-errors';
import { CustomerForm } from './customer-form';

export type CustomerRecord = RouterOutputs['customers']['get'];

/** The customer's data form, filled from the record; `onSaved` runs after the customer queries are refreshed. */
export function CustomerEditForm({ customer: c, onSaved, onCancel, compact }: { customer: CustomerRecord; onSaved?: () => void; onCancel?: () => void; compact?: boolean }) {
  return (
    <CustomerForm
      key={c.id}
      customerId={c.id}
      onSaved={onSaved}
      onCancel={onCancel}
      compact={compact}
      initial={{
        code: c.code,
        name: c.name,
        taxIdType: c.taxIdType ?? '',
        taxId: formatTaxId(c.taxIdType, c.taxId),
        emails: c.emails.length ? c.emails : [''],
        phones: c.phones.length ? c.phones : [''],
        address: c.address ?? '',
        localityId: c.localityId ?? '',
        notes: c.notes ?? '',
      }}
    />
  );
}

/** Whether the customer has a portal password, and a new one on demand: asked first, shown once. */
export function PortalPassword({ customer: c, label }: { customer: Pick<CustomerRecord, 'id' | 'status' | 'hasPortalPassword'>; label?: string }) {
  const t = useTranslations('customers');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const regenerate = useMutation(
    trpc.customers.regeneratePortalPassword.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() }) }),
  );
  const error = formErrors(regenerate.error).message;
  return (
    <div>
      <p className="mb-3 text-sm text-slate-700">{c.hasPortalPassword ? t('portalHasPassword') : t('portalNoPassword')}</p>
      {error ? <Alert>{error}</Alert> : null}
      {regenerate.data ? (
        <Alert tone="success">
          <span data-testid="portal-password">{t('newPassword', { password: regenerate.data.password })}</span>
        </Alert>
      ) : null}
      <div className="mt-3">
        <ConfirmButton
          variant="secondary"
          label={label ?? t('regeneratePassword')}
          question={t('regenerateQuestion')}
          onConfirm={() => regenerate.mutate({ id: c.id })}
          disabled={regenerate.isPending || c.status !== 'ACTIVE'}
        />
      </div>
    </div>
  );
}
