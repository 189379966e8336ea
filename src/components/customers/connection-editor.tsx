'use client';
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { Alert, Button } from '@/components/ui/controls';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { formErrors } from '@/components/ui/use-form-errors';
import { useSubmission } from '@/components/ui/use-submission';
import { ConnectionFields, EMPTY_CONNECTION, connectionInput, type ConnectionDraft } from './connection-fields';

type Connection = RouterOutputs['customers']['get']['connections'][number];

function draftOf(k: Connection): ConnectionDraft {
  return {
    code: k.code ?? '',
    planId: k.planId ?? '',
    nodeId: k.nodeId ?? '',
    type: k.type,
    address: k.address,
    localityId: k.localityId ?? '',
    latitude: k.latitude?.toString() ?? '',
    longitude: k.longitude?.toString() ?? '',
    status: k.status,
  };
}

/** Adds a connection to a customer, or edits or deletes one. */
export function ConnectionEditor({ customerId, connection, onDone }: { customerId: string; connection?: Connection; onDone: () => void }) {
  const t = useTranslations('connections');
  const common = useTranslations('common');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ConnectionDraft>(connection ? draftOf(connection) : EMPTY_CONNECTION);
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
    onDone();
  };
  const create = useMutation(trpc.connections.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.connections.update.mutationOptions({ onSuccess: done }));
  const remove = useMutation(trpc.connections.delete.mutationOptions({ onSuccess: done }));
  const errors = formErrors(create.error ?? update.error ?? remove.error);
  const submission = useSubmission();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!submission.begin()) return;
    if (connection) update.mutate({ id: connection.id, ...connectionInput(draft) }, { onSettled: (_data, error) => submission.end(!error) });
    else create.mutate({ customerId, ...connectionInput(draft) }, { onSettled: (_data, error) => submission.end(!error) });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded-md border border-brand-100 bg-brand-50/40 p-3" aria-label={connection ? connection.address : t('add')}>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <ConnectionFields value={draft} onChange={setDraft} errors={errors.field} />
      <div className="flex flex-wrap justify-end gap-2">
        {connection ? <ConfirmButton label={common('delete')} question={t('deleteQuestion', { address: connection.address })} onConfirm={() => remove.mutate({ id: connection.id })} /> : null}
        <Button variant="secondary" onClick={onDone}>
          {common('cancel')}
        </Button>
        <Button type="submit" disabled={create.isPending || update.isPending}>
          {common('save')}
        </Button>
      </div>
    </form>
  );
}
