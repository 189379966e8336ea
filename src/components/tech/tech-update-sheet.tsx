'use client';
// E6: the update sheet — the read-only history; a message the customer will see; an internal note;
// images from the gallery and a photo from the camera, made smaller on the phone; a state change
// (only the states the permission map allows); kilometres; and "attach to the customer's profile"
// with its own images. Everything goes into the device's queue in that order, each with its own key,
// and is sent at once when online, later when not (E9).
import { useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { Camera, ImagePlus, X } from 'lucide-react';
import { Alert, Button, Checkbox, Select, TextArea, TextInput } from '@/components/ui/controls';
import { useCan } from '@/components/shell/permissions';
import { offeredStates } from '@/components/tickets/state-options';
import type { QueuedChange, TechTicket } from './offline/types';
import { compressPhoto, NotAnImage, TooLarge } from './offline/photos';
import { useTech } from './use-tech';
import { History } from './tech-ticket-view';

type Picked = { blob: Blob; name: string; url: string };

function PhotoPicker({ label, photos, onAdd, onRemove, name }: { label: string; photos: Picked[]; onAdd: (files: FileList | null) => void; onRemove: (i: number) => void; name: string }) {
  const t = useTranslations('tech');
  const gallery = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{label}</legend>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={() => gallery.current?.click()}><ImagePlus aria-hidden className="h-4 w-4" />{t('update.gallery')}</Button>
        <Button variant="secondary" onClick={() => camera.current?.click()}><Camera aria-hidden className="h-4 w-4" />{t('update.camera')}</Button>
      </div>
      <input ref={gallery} type="file" accept="image/*" multiple className="sr-only" aria-label={`${label}: ${t('update.gallery')}`} data-testid={`${name}-gallery`} onChange={(e) => { onAdd(e.target.files); e.target.value = ''; }} />
      <input ref={camera} type="file" accept="image/*" capture="environment" className="sr-only" aria-label={`${label}: ${t('update.camera')}`} data-testid={`${name}-camera`} onChange={(e) => { onAdd(e.target.files); e.target.value = ''; }} />
      {photos.length ? (
        <ul className="grid grid-cols-3 gap-2">
          {photos.map((p, i) => (
            <li key={p.url} className="relative">
              <img src={p.url} alt={p.name} className="h-20 w-full rounded-md object-cover" />
              <button type="button" className="absolute right-1 top-1 rounded-full bg-white/90 p-0.5" aria-label={t('update.removePhoto', { name: p.name })} onClick={() => onRemove(i)}>
                <X aria-hidden className="h-4 w-4" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

function usePhotos() {
  const t = useTranslations('tech');
  const [photos, setPhotos] = useState<Picked[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  // Photos still being made smaller: the sheet is not sent until they are in the list, or they'd be lost.
  const [busy, setBusy] = useState(0);
  async function add(files: FileList | null) {
    setProblem(null);
    const list = Array.from(files ?? []);
    setBusy((n) => n + list.length);
    for (const file of list) {
      try {
        const { blob, name } = await compressPhoto(file);
        setPhotos((list) => [...list, { blob, name, url: URL.createObjectURL(blob) }]);
      } catch (error) {
        setProblem(error instanceof TooLarge ? t('update.tooLarge', { name: file.name }) : error instanceof NotAnImage ? t('update.notImage', { name: file.name }) : String(error));
      } finally {
        setBusy((n) => n - 1);
      }
    }
  }
  return { photos, problem, busy: busy > 0, add, remove: (i: number) => setPhotos((list) => list.filter((_, j) => j !== i)), clear: () => setPhotos([]) };
}

export function UpdateSheet({ ticket: x, onClose, onFinished }: { ticket: TechTicket; onClose: () => void; /** G11: the customer signs once the work is finished. */ onFinished?: () => void }) {
  const t = useTranslations('tech');
  const common = useTranslations('common');
  const can = useCan();
  const { enqueue, snapshot: meta } = useTech();
  const ticketPhotos = usePhotos();
  const customerPhotos = usePhotos();
  const [toCustomer, setToCustomer] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stateId, setStateId] = useState(x.state.id);
  const states = offeredStates((meta?.home.states ?? []).map((s) => ({ ...s, archivedAt: s.archived ? new Date(0) : null })), { id: x.state.id, stage: x.stage }, can);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const text = (name: string) => String(f.get(name) ?? '').trim();
    const base = { ticketId: x.id, ticketNumber: x.number, createdAt: new Date(), status: 'pending' as const };
    const key = () => crypto.randomUUID();
    const changes: QueuedChange[] = [];
    if (text('public')) changes.push({ ...base, key: key(), kind: 'comment', body: text('public'), public: true });
    if (text('internal')) changes.push({ ...base, key: key(), kind: 'comment', body: text('internal'), public: false });
    if (ticketPhotos.photos.length) changes.push({ ...base, key: key(), kind: 'files', files: ticketPhotos.photos.map((p) => p.blob), names: ticketPhotos.photos.map((p) => p.name), toCustomer: false });
    if (toCustomer && customerPhotos.photos.length) changes.push({ ...base, key: key(), kind: 'files', files: customerPhotos.photos.map((p) => p.blob), names: customerPhotos.photos.map((p) => p.name), toCustomer: true });
    const km = text('kilometres');
    const kilometres = km === '' ? undefined : Number(km.replace(',', '.'));
    if (kilometres !== undefined && (!Number.isFinite(kilometres) || kilometres < 0 || kilometres > 10_000)) {
      setError(t('update.badKilometres'));
      return;
    }
    if ((stateId && stateId !== x.state.id) || (kilometres !== undefined && kilometres !== x.kilometres)) {
      changes.push({
        ...base,
        key: key(),
        kind: 'update',
        version: x.version,
        ...(stateId && stateId !== x.state.id ? { stateId, stateName: states.find((s) => s.id === stateId)?.name } : {}),
        ...(kilometres !== undefined && kilometres !== x.kilometres ? { kilometres } : {}),
      });
    }
    if (!changes.length) {
      setError(t('update.nothing'));
      return;
    }
    await enqueue(changes);
    onClose();
    if (stateId !== x.state.id && states.find((s) => s.id === stateId)?.stage === 'FINISHED') onFinished?.();
  }

  return (
    <div role="dialog" aria-modal="true" aria-labelledby="update-title" className="fixed inset-0 z-[1000] overflow-y-auto bg-white p-4">
      <div className="mx-auto max-w-md space-y-4">
        <div className="flex items-center justify-between">
          <h2 id="update-title" className="text-lg font-semibold">{t('update.title', { number: x.number })}</h2>
          <Button variant="ghost" onClick={onClose} aria-label={common('cancel')}><X aria-hidden className="h-5 w-5" /></Button>
        </div>
        <details className="rounded-md border border-slate-200 p-2">
          <summary className="cursor-pointer text-sm font-medium">{t('tab.history')}</summary>
          <div className="mt-2 max-h-64 overflow-y-auto"><History ticket={x} /></div>
        </details>
        <form className="space-y-4" onSubmit={submit} aria-label={t('update.title', { number: x.number })}>
          {error ? <Alert>{error}</Alert> : null}
          <TextArea label={t('update.public')} name="public" rows={3} placeholder={t('update.publicHint')} />
          <TextArea label={t('update.internal')} name="internal" rows={3} placeholder={t('update.internalHint')} />
          <PhotoPicker name="ticket-photos" label={t('update.photos')} photos={ticketPhotos.photos} onAdd={ticketPhotos.add} onRemove={ticketPhotos.remove} />
          {ticketPhotos.problem ? <Alert>{ticketPhotos.problem}</Alert> : null}
          <Select label={t('field.state')} name="stateId" value={stateId} onChange={(e) => setStateId(e.target.value)} options={states.map((s) => ({ value: s.id, label: s.name }))} />
          <TextInput label={t('field.kilometres')} name="kilometres" inputMode="decimal" defaultValue={x.kilometres ?? ''} />
          {x.customer ? (
            <>
              <Checkbox label={t('update.toCustomer')} checked={toCustomer} onChange={(e) => setToCustomer(e.target.checked)} />
              {toCustomer ? (
                <>
                  <PhotoPicker name="customer-photos" label={t('update.customerPhotos')} photos={customerPhotos.photos} onAdd={customerPhotos.add} onRemove={customerPhotos.remove} />
                  {customerPhotos.problem ? <Alert>{customerPhotos.problem}</Alert> : null}
                </>
              ) : null}
            </>
          ) : null}
          <Button type="submit" className="w-full" disabled={ticketPhotos.busy || customerPhotos.busy} aria-describedby={ticketPhotos.busy || customerPhotos.busy ? 'photos-busy' : undefined}>{t('update.save')}</Button>
          {ticketPhotos.busy || customerPhotos.busy ? <p id="photos-busy" role="status" className="text-center text-sm text-slate-600">{t('update.preparingPhotos')}</p> : null}
        </form>
      </div>
    </div>
  );
}
