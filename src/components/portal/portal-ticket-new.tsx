'use client';
// F11, F6, F7: opening a ticket from the portal or the installed app — a category (its description
// for customers) and one of its reasons, a description, photos from the gallery or the camera (made
// smaller on the phone, as the technician app does); a payment receipt (an image or a PDF); or a plan
// change / new plan among those offered. The server checks everything again (switches, categories,
// reasons, the daily limit, the files' real types) and answers in the customer's language.
import { useRef, useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { Camera, ImagePlus, X } from 'lucide-react';
import { useTRPC } from '@/trpc/react';
import { Alert, Button, Card, Select, TextArea } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useSubmission } from '@/components/ui/use-submission';
import { compressPhoto, NotAnImage, TooLarge } from '@/components/tech/offline/photos';
import type { PortalTicketOptions } from './portal-ticket-types';

export type NewKind = 'ticket' | 'receipt' | 'plan';
type Channel = 'PORTAL' | 'CUSTOMER_APP';
type Failure = { message: string; fields: Record<string, string> };

/** The installed app (a standalone window) is the customer app; a browser tab is the portal. */
function currentChannel(): Channel {
  if (typeof window === 'undefined') return 'PORTAL';
  const standalone = window.matchMedia?.('(display-mode: standalone)').matches || (navigator as { standalone?: boolean }).standalone === true;
  return standalone ? 'CUSTOMER_APP' : 'PORTAL';
}

/** Sends a multipart form to /api/portal/tickets; the answer's error is already translated. */
async function postForm(form: FormData): Promise<{ id: string; number: number } | Failure> {
  const response = await fetch('/api/portal/tickets', { method: 'POST', body: form });
  const json = (await response.json().catch(() => null)) as { id?: string; number?: number; error?: { message: string; fieldErrors?: Record<string, string> } } | null;
  if (response.ok && json?.id) return { id: json.id, number: json.number! };
  return { message: json?.error?.message ?? response.statusText, fields: json?.error?.fieldErrors ?? {} };
}

function FieldError({ text }: { text?: string }) {
  return text ? <p className="text-sm text-red-700">{text}</p> : null;
}

type Photo = { blob: Blob; name: string; url: string };

/**
 * Sending a multipart ticket form (a ticket with photos, a receipt): one submission at a time with the
 * form fill's key (a repeat answers the first result); the created ticket opens, a refusal shows.
 */
function useTicketPost(kind: 'ticket' | 'receipt', onCreated: (id: string) => void) {
  const tt = useTranslations('portalTickets');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [pending, setPending] = useState(false);
  const submission = useSubmission();
  async function send(fields: Record<string, string | undefined>, files: { blob: Blob; name: string }[]) {
    const key = submission.begin();
    if (!key) return;
    setPending(true);
    setFailure(null);
    const form = new FormData();
    form.set('kind', kind);
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, value);
    form.set('channel', currentChannel());
    form.set('clientKey', key);
    for (const file of files) form.append('file', file.blob, file.name);
    const answer = await postForm(form).catch(() => ({ message: tt('new.offline'), fields: {} }) as Failure);
    setPending(false);
    submission.end('id' in answer);
    if ('id' in answer) onCreated(answer.id);
    else setFailure(answer);
  }
  const fields = failure?.fields ?? {};
  return { pending, failure, fields, fileError: Object.entries(fields).find(([k]) => k.startsWith('files'))?.[1], send };
}

function TicketForm({ options, onCreated }: { options: PortalTicketOptions; onCreated: (id: string) => void }) {
  const tt = useTranslations('portalTickets');
  const [categoryId, setCategoryId] = useState(options.categories.length === 1 ? options.categories[0]!.id : '');
  const [reason, setReason] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const { pending, failure, fields, fileError, send } = useTicketPost('ticket', onCreated);
  const gallery = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const category = options.categories.find((c) => c.id === categoryId);
  // G7: the customer's own sites and equipment, to say what the ticket is about (optional).
  const te = useTranslations('equipment');
  const enums = useTranslations('enums');
  const trpc = useTRPC();
  const mine = useQuery(trpc.portal.equipment.queryOptions());
  const [siteId, setSiteId] = useState('');
  const [equipmentId, setEquipmentId] = useState('');

  async function addPhotos(list: FileList | null) {
    setPhotoError(null);
    for (const file of Array.from(list ?? [])) {
      if (photos.length >= 5) break;
      try {
        const { blob, name } = await compressPhoto(file);
        setPhotos((p) => (p.length >= 5 ? p : [...p, { blob, name, url: URL.createObjectURL(blob) }]));
      } catch (error) {
        if (error instanceof NotAnImage) setPhotoError(tt('new.notAnImage', { name: error.fileName }));
        else if (error instanceof TooLarge) setPhotoError(tt('new.tooLarge', { name: error.fileName }));
        else throw error;
      }
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void send({ categoryId: categoryId || undefined, reason: reason || undefined, description, siteId: siteId || undefined, equipmentId: equipmentId || undefined }, photos);
  }

  return (
    <form onSubmit={submit} noValidate aria-label={tt('new.ticketTitle')} className="space-y-3">
      {options.categories.length > 0 ? (
        <Select
          label={tt('new.category')}
          name="categoryId"
          value={categoryId}
          onChange={(e) => {
            setCategoryId(e.target.value);
            setReason('');
          }}
          error={fields.categoryId}
          options={[{ value: '', label: tt('new.choose') }, ...options.categories.map((c) => ({ value: c.id, label: c.description }))]}
        />
      ) : null}
      {category && category.reasons.length > 0 ? (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{tt('new.reason')}</legend>
          {category.reasons.map((r) => (
            <label key={r} className="flex items-center gap-2 py-1 text-sm">
              <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} />
              {r}
            </label>
          ))}
          <FieldError text={fields.reason} />
        </fieldset>
      ) : null}
      {mine.data?.sites.length ? (
        <Select label={te('portalSite')} name="siteId" value={siteId} onChange={(e) => setSiteId(e.target.value)} error={fields.siteId}
          options={[{ value: '', label: te('connectionAddress') }, ...mine.data.sites.map((s) => ({ value: s.id, label: `${s.label} · ${s.address}` }))]} />
      ) : null}
      {mine.data?.equipment.length ? (
        <Select label={te('portalChoose')} name="equipmentId" value={equipmentId} onChange={(e) => setEquipmentId(e.target.value)} error={fields.equipmentId}
          options={[{ value: '', label: te('noneChosen') }, ...mine.data.equipment.map((x) => ({ value: x.id, label: `${enums(`equipmentType.${x.type}`)} · ${x.brand} ${x.model}${x.serial ? ` · ${x.serial}` : ''}` }))]} />
      ) : null}
      <TextArea label={tt('new.description')} name="description" rows={4} value={description} onChange={(e) => setDescription(e.target.value)} error={fields.description} />
      <div className="space-y-2">
        <div className="flex flex-wrap gap-2">
          <Button type="button" variant="secondary" onClick={() => gallery.current?.click()} disabled={photos.length >= 5}>
            <ImagePlus aria-hidden className="mr-1 h-4 w-4" />
            {tt('new.gallery')}
          </Button>
          <Button type="button" variant="secondary" onClick={() => camera.current?.click()} disabled={photos.length >= 5}>
            <Camera aria-hidden className="mr-1 h-4 w-4" />
            {tt('new.camera')}
          </Button>
        </div>
        <input ref={gallery} type="file" accept="image/*" multiple hidden aria-label={tt('new.gallery')} onChange={(e) => void addPhotos(e.target.files).finally(() => (e.target.value = ''))} />
        <input ref={camera} type="file" accept="image/*" capture="environment" hidden aria-label={tt('new.camera')} onChange={(e) => void addPhotos(e.target.files).finally(() => (e.target.value = ''))} />
        {photos.length > 0 ? (
          <ul className="flex flex-wrap gap-2" aria-label={tt('new.photos')}>
            {photos.map((p, i) => (
              <li key={p.url} className="relative">
                {/* eslint-disable-next-line @next/next/no-img-element -- a local preview (blob URL) */}
                <img src={p.url} alt={p.name} className="h-20 w-20 rounded-md object-cover" />
                <button
                  type="button"
                  className="absolute -right-2 -top-2 rounded-full bg-white p-1 shadow"
                  aria-label={tt('new.removePhoto', { name: p.name })}
                  onClick={() => setPhotos((all) => all.filter((_, j) => j !== i))}
                >
                  <X aria-hidden className="h-3 w-3" />
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <FieldError text={photoError ?? fileError ?? fields.files} />
      </div>
      {failure && Object.keys(fields).length === 0 ? <Alert>{failure.message}</Alert> : null}
      <Button type="submit" disabled={pending}>{pending ? tt('new.sending') : tt('new.send')}</Button>
    </form>
  );
}

function ReceiptForm({ onCreated }: { onCreated: (id: string) => void }) {
  const tt = useTranslations('portalTickets');
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const { pending, failure, fields, fileError, send } = useTicketPost('receipt', onCreated);

  function submit(event: FormEvent) {
    event.preventDefault();
    void send({ note: note || undefined }, file ? [{ blob: file, name: file.name }] : []);
  }
  return (
    <form onSubmit={submit} noValidate aria-label={tt('new.receiptTitle')} className="space-y-3">
      <p className="text-sm text-slate-700">{tt('new.receiptIntro')}</p>
      <label className="block space-y-1 text-sm">
        <span className="font-medium">{tt('new.receiptFile')}</span>
        <input type="file" accept="image/*,application/pdf" className="block w-full text-sm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <FieldError text={fileError} />
      <TextArea label={tt('new.note')} name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} error={fields.note} />
      {failure && !fileError ? <Alert>{failure.message}</Alert> : null}
      <Button type="submit" disabled={pending}>{pending ? tt('new.sending') : tt('new.sendReceipt')}</Button>
    </form>
  );
}

function PlanForm({ options, onCreated }: { options: PortalTicketOptions; onCreated: (id: string) => void }) {
  const tt = useTranslations('portalTickets');
  const trpc = useTRPC();
  const [planId, setPlanId] = useState('');
  const [connectionId, setConnectionId] = useState(options.connections[0]?.id ?? '');
  const [note, setNote] = useState('');
  const submission = useSubmission();
  const request = useMutation(trpc.portal.tickets.requestPlan.mutationOptions({ onSuccess: (d) => onCreated(d.id) }));
  const errors = formErrors(request.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    const key = submission.begin();
    if (!key) return;
    request.mutate(
      { planId, connectionId: connectionId || undefined, note: note || undefined, channel: currentChannel(), clientKey: key },
      { onSettled: (_d, error) => submission.end(!error) },
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label={tt('new.planTitle')} className="space-y-3">
      <Select
        label={tt('new.plan')}
        name="planId"
        value={planId}
        onChange={(e) => setPlanId(e.target.value)}
        error={errors.field('planId')}
        options={[{ value: '', label: tt('new.choose') }, ...options.offeredPlans.map((p) => ({ value: p.id, label: tt('new.planLabel', { name: p.name, down: p.downloadMbps, up: p.uploadMbps }) }))]}
      />
      <Select
        label={tt('new.planFor')}
        name="connectionId"
        value={connectionId}
        onChange={(e) => setConnectionId(e.target.value)}
        error={errors.field('connectionId')}
        options={[
          ...options.connections.map((c) => ({ value: c.id, label: tt('new.changeConnection', { address: c.address ?? '—', plan: c.plan ?? '—' }) })),
          { value: '', label: tt('new.newPlan') },
        ]}
      />
      <TextArea label={tt('new.note')} name="note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} error={errors.field('note')} />
      {errors.message && Object.keys(errors.fields).length === 0 ? <Alert>{errors.message}</Alert> : null}
      <Button type="submit" disabled={request.isPending}>{tt('new.sendPlan')}</Button>
    </form>
  );
}

export function PortalTicketNew({ kind }: { kind: NewKind }) {
  const t = useTranslations('portal');
  const tt = useTranslations('portalTickets');
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.portal.tickets.options.queryOptions({ channel: currentChannel() }));
  const [created, setCreated] = useState<string | null>(null);
  if (options.error) return <Alert>{options.error.message}</Alert>;
  if (!options.data) return <p role="status">{t('loading')}</p>;
  const o = options.data;

  function onCreated(id: string) {
    void queryClient.invalidateQueries({ queryKey: trpc.portal.tickets.pathKey() });
    if (o.view) router.push(`/portal/tickets/${id}?created=1`);
    else setCreated(id);
  }

  const allowed = kind === 'ticket' ? o.create : kind === 'receipt' ? o.receipt : o.plans;
  const limitReached = kind === 'ticket' && o.dailyMax !== null && o.openedToday >= o.dailyMax;
  const title = kind === 'ticket' ? tt('new.ticketTitle') : kind === 'receipt' ? tt('new.receiptTitle') : tt('new.planTitle');
  return (
    <Card title={title}>
      {created ? (
        <p role="status" className="text-sm text-green-800">{tt('new.created')}</p>
      ) : !allowed ? (
        <Alert tone="info">{tt(`new.off.${kind}`)}</Alert>
      ) : limitReached ? (
        <Alert tone="info">{tt('list.limitReached', { max: o.dailyMax! })}</Alert>
      ) : kind === 'ticket' ? (
        <TicketForm options={o} onCreated={onCreated} />
      ) : kind === 'receipt' ? (
        <ReceiptForm onCreated={onCreated} />
      ) : (
        <PlanForm options={o} onCreated={onCreated} />
      )}
      <p className="mt-4">
        <Link href="/portal/tickets" className="text-sm text-brand-800 underline">{tt('new.back')}</Link>
      </p>
    </Card>
  );
}
