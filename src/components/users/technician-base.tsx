'use client';
// G6: a technician's base — where their day starts. When their app sent no position in the last
// hours, the distance to a ticket shown while assigning it is measured from here. Admins set it
// (an address and its coordinates, as a map gives them: "-34.6037, -58.3816" pasted in either
// field fills both); the other roles that read profiles see it.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/trpc/react';
import { Alert, Button, Card, TextInput } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { formatCoordinate } from '@/lib/format';

type Base = { address: string; latitude: number; longitude: number } | null;

/** "-34,6037" or "-34.6037" as a number; anything else, an empty field too, NaN (the server then names the field). */
function coordinate(text: string): number {
  const t = text.trim().replace(',', '.');
  return t === '' ? Number.NaN : Number(t);
}

export function TechnicianBase({ userId, base, manage, intl }: { userId: string; base: Base; manage: boolean; intl: string }) {
  const t = useTranslations('users.base');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({ address: base?.address ?? '', latitude: base ? String(base.latitude) : '', longitude: base ? String(base.longitude) : '' });
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation(
    trpc.users.setBase.mutationOptions({
      onSuccess: async (answer) => {
        setSaved(answer.base ? t('saved') : t('removed'));
        if (!answer.base) setDraft({ address: '', latitude: '', longitude: '' });
        await queryClient.invalidateQueries({ queryKey: trpc.users.get.queryKey({ id: userId }) });
      },
    }),
  );
  const errors = formErrors(save.error);
  /** A pasted "lat, lng" pair fills both fields. */
  const setCoordinate = (field: 'latitude' | 'longitude') => (e: { target: { value: string } }) => {
    const pair = /^\s*(-?\d+(?:\.\d+)?)\s*[,;]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(e.target.value);
    setSaved(null);
    setDraft((d) => (pair ? { ...d, latitude: pair[1]!, longitude: pair[2]! } : { ...d, [field]: e.target.value }));
  };
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(null);
    save.mutate({ id: userId, base: { address: draft.address, latitude: coordinate(draft.latitude), longitude: coordinate(draft.longitude) } });
  }
  return (
    <Card title={t('title')}>
      <p className="mb-3 text-sm text-slate-600">{t('help')}</p>
      {!manage ? (
        base ? (
          <p className="text-sm" data-testid="technician-base">
            {base.address} <span className="text-slate-500">({formatCoordinate(base.latitude, intl)}, {formatCoordinate(base.longitude, intl)})</span>
          </p>
        ) : (
          <p className="text-sm text-slate-600">{t('none')}</p>
        )
      ) : (
        <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-3">
          {errors.message && !Object.keys(errors.fields).length ? <div className="sm:col-span-3"><Alert>{errors.message}</Alert></div> : null}
          <div className="sm:col-span-3">
            <TextInput label={t('address')} value={draft.address} onChange={(e) => { setSaved(null); setDraft({ ...draft, address: e.target.value }); }} error={errors.field('base.address') ?? errors.field('base')} required />
          </div>
          <TextInput label={t('latitude')} inputMode="decimal" value={draft.latitude} onChange={setCoordinate('latitude')} error={errors.field('base.latitude')} required />
          <TextInput label={t('longitude')} inputMode="decimal" value={draft.longitude} onChange={setCoordinate('longitude')} error={errors.field('base.longitude')} required />
          <div className="flex items-end gap-2">
            <Button type="submit" disabled={save.isPending}>{t('save')}</Button>
            {base ? (
              <Button variant="secondary" disabled={save.isPending} onClick={() => { setSaved(null); save.mutate({ id: userId, base: null }); }}>{t('remove')}</Button>
            ) : null}
          </div>
          {saved ? <p role="status" className="text-sm text-green-800 sm:col-span-3">{saved}</p> : null}
        </form>
      )}
    </Card>
  );
}
