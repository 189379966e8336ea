'use client';
// C8: a ticket's files and images — previews, upload (on their own with a visibility, or with a
// comment), removal. Bytes come and go only through the authorized routes
// POST /api/tickets/[id]/files and GET /api/files/[id].
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ACCEPT_ATTRIBUTE } from '@/lib/file-types';
import { formatDateTime } from '@/lib/format';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { Alert, Button, Card, Select } from '@/components/ui/controls';
import { formErrors } from '@/components/ui/use-form-errors';
import { useCan } from '@/components/shell/permissions';
import { FilePicker } from '@/components/ui/file-picker';
import { ConfirmDialog } from '@/components/ui/confirm-button';
import { useSubmission } from '@/components/ui/use-submission';
import { FileText } from 'lucide-react';

export type TicketFileItem = RouterOutputs['tickets']['files'][number];
/** G11: the seed's Globale, Azienda, Tecnico and Cliente (TECHNICIAN stays the default). */
export const FILE_VISIBILITIES = ['PUBLIC', 'STAFF', 'TECHNICIAN', 'CUSTOMER'] as const;

/** The route's error, shaped like a tRPC one so formErrors reads it. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly data: { fieldErrors?: Record<string, string> },
  ) {
    super(message);
  }
}

type Upload = { files: File[]; visibility?: string; comment?: string; public?: boolean };

/** Sends files (and optionally their comment) in one request; refreshes what shows them. */
export function useUploadFiles(ticketId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (upload: Upload) => {
      const body = new FormData();
      for (const file of upload.files) body.append('file', file);
      if (upload.visibility) body.set('visibility', upload.visibility);
      if (upload.comment !== undefined) {
        body.set('comment', upload.comment);
        body.set('public', String(upload.public === true));
      }
      const response = await fetch(`/api/tickets/${ticketId}/files`, { method: 'POST', body });
      const json = await response.json().catch(() => null);
      if (!response.ok) throw new UploadError(json?.error?.message ?? response.statusText, { fieldErrors: json?.error?.fieldErrors });
      return json as { commentId: string | null; files: TicketFileItem[] };
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() }),
  });
}

/** Every per-file problem of a refused upload, one line each. */
export function UploadProblems({ error }: { error: unknown }) {
  const errors = formErrors(error as UploadError | null);
  if (!errors.message) return null;
  const lines = Object.values(errors.fields);
  return (
    <Alert>
      <p>{errors.message}</p>
      {lines.length ? (
        <ul className="mt-1 list-disc pl-5">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

function size(bytes: number, intl: string) {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : [Math.max(bytes / 1024, 0.1), 'kilobyte'];
  return new Intl.NumberFormat(intl, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** Previews of images and links to documents; each opens through the authorized route. */
export function FileList({ files, intl, timeZone, onRemove, removing, onConvert }: { files: TicketFileItem[]; intl: string; timeZone: string; onRemove?: (file: TicketFileItem) => void; removing?: boolean; onConvert?: boolean }) {
  const tf = useTranslations('ticketFiles');
  const td = useTranslations('documents');
  if (files.length === 0) return null;
  const names = new Map(files.map((f) => [f.id, f.name]));
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" aria-label={tf('list')}>
      {files.map((f) => (
        <li key={f.id} className="flex flex-col overflow-hidden rounded-md border border-slate-200 bg-white text-xs">
          <a href={`/api/files/${f.id}`} target="_blank" rel="noopener" className="flex h-28 items-center justify-center bg-slate-50" title={f.name} aria-label={tf('open', { name: f.name })}>
            {f.image ? (
              // A preview made by the server (WebP, ≤ 320 px), never the original.
              <img src={`/api/files/${f.id}?variant=thumb`} alt={tf('preview', { name: f.name })} className="max-h-28 max-w-full object-contain" loading="lazy" />
            ) : (
              <FileText aria-hidden className="h-10 w-10 text-slate-400" />
            )}
          </a>
          <div className="space-y-0.5 p-2">
            <a href={`/api/files/${f.id}?download=1`} className="block truncate font-medium text-brand-700 underline" title={f.name}>
              {f.name}
            </a>
            <p className="text-slate-600">
              {size(f.size, intl)} · {tf(`visibility.${f.visibility}`)}
            </p>
            <p className="text-slate-600">
              {f.uploadedBy?.name ?? '—'} · {formatDateTime(f.createdAt, intl, timeZone)}
            </p>
            {f.sourceFileId ? (
              <p className="text-slate-600" data-testid="file-source">
                {f.sourcePage ? td('pageOf', { page: f.sourcePage, name: names.get(f.sourceFileId) ?? '…' }) : td('versionOf', { name: names.get(f.sourceFileId) ?? '…' })}
              </p>
            ) : null}
            {onConvert && f.mime === 'application/pdf' ? <ConvertPdf file={f} /> : null}
            {onRemove ? (
              <button type="button" className="text-red-700 underline disabled:opacity-50" disabled={removing} onClick={() => onRemove(f)}>
                {tf('remove')}
              </button>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** G11 "Convertir a imagen": one page of a PDF (the first by default) stored as a PNG beside it. */
function ConvertPdf({ file }: { file: TicketFileItem }) {
  const td = useTranslations('documents');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const convert = useMutation(trpc.tickets.convertPdfPage.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() }) }));
  const [page, setPage] = useState('1');
  const errors = formErrors(convert.error);
  return (
    <form
      className="mt-1 flex flex-wrap items-end gap-1"
      aria-label={td('convertFor', { name: file.name })}
      onSubmit={(event) => {
        event.preventDefault();
        const n = Number(page);
        convert.mutate({ fileId: file.id, page: Number.isInteger(n) && n >= 1 ? n : 1 });
      }}
    >
      <label className="flex flex-col">
        <span>{td('page')}</span>
        <input type="number" min={1} step={1} inputMode="numeric" value={page} onChange={(e) => setPage(e.target.value)} className="w-16 rounded border border-slate-300 px-1 py-0.5" />
      </label>
      <button type="submit" className="rounded bg-brand-700 px-2 py-1 font-medium text-white disabled:opacity-50" disabled={convert.isPending}>
        {convert.isPending ? td('converting') : td('convert')}
      </button>
      {convert.isSuccess ? <p role="status" className="w-full text-green-800">{td('converted', { name: convert.data.name })}</p> : null}
      {errors.message ? <p role="alert" className="w-full text-red-700">{[...Object.values(errors.fields), ...(Object.keys(errors.fields).length ? [] : [errors.message])].join(' ')}</p> : null}
    </form>
  );
}

/** G11: the customer's signature taken on completion, as the technician's phone sent it. */
export function TicketSignatureCard({ ticketId, intl, timeZone }: { ticketId: string; intl: string; timeZone: string }) {
  const td = useTranslations('documents');
  const trpc = useTRPC();
  const signature = useQuery(trpc.tickets.signature.queryOptions({ id: ticketId }));
  const s = signature.data;
  return (
    <Card title={td('signature.title')}>
      {signature.error ? <Alert>{signature.error.message}</Alert> : null}
      {signature.data === null ? <p className="text-sm text-slate-600">{td('signature.none')}</p> : null}
      {s ? (
        <figure className="space-y-2" data-testid="customer-signature">
          <img src={`data:image/png;base64,${s.png}`} alt={td('signature.alt', { name: s.name })} className="max-h-40 rounded border border-slate-200 bg-white" />
          <figcaption className="text-sm">
            <p className="font-medium">{td('signature.signedBy', { name: s.name })}</p>
            <p className="text-slate-600">{formatDateTime(s.signedAt, intl, timeZone)}{s.collectedBy ? ` · ${td('signature.collectedBy', { name: s.collectedBy.name })}` : ''}</p>
            {s.latitude != null && s.longitude != null ? (
              <p className="text-slate-600">{td('signature.position', { lat: s.latitude.toFixed(5), lng: s.longitude.toFixed(5), accuracy: Math.round(s.accuracy ?? 0) })}</p>
            ) : <p className="text-slate-600">{td('signature.noPosition')}</p>}
          </figcaption>
        </figure>
      ) : null}
    </Card>
  );
}

/** The files tab: every file the caller may see, an upload form, removal for the office. */
export function TicketFilesPanel({ ticketId, intl, timeZone }: { ticketId: string; intl: string; timeZone: string }) {
  const tf = useTranslations('ticketFiles');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const can = useCan();
  const files = useQuery(trpc.tickets.files.queryOptions({ id: ticketId }));
  const upload = useUploadFiles(ticketId);
  const remove = useMutation(trpc.tickets.removeFile.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.tickets.pathKey() }) }));
  const [done, setDone] = useState<number | null>(null);
  // Removing a file is asked first.
  const [removing, setRemoving] = useState<TicketFileItem | null>(null);
  const submission = useSubmission();

  return (
    <Card title={tf('title')}>
      {files.error ? <Alert>{files.error.message}</Alert> : null}
      {remove.error ? <Alert>{remove.error.message}</Alert> : null}
      {files.data && files.data.length === 0 ? <p className="mb-4 text-sm text-slate-600">{tf('none')}</p> : null}
      <div className="mb-6">
        <FileList
          files={files.data ?? []}
          intl={intl}
          timeZone={timeZone}
          removing={remove.isPending}
          onRemove={can('tickets.files.delete') ? setRemoving : undefined}
          onConvert={can('tickets.attach')}
        />
        <ConfirmDialog
          open={removing !== null}
          question={tf('confirmRemove', { name: removing?.name ?? '' })}
          confirmLabel={tf('remove')}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            if (removing) remove.mutate({ id: removing.id });
            setRemoving(null);
          }}
        />
      </div>
      {can('tickets.attach') ? (
        <form
          noValidate
          aria-label={tf('upload')}
          className="space-y-3 border-t border-slate-100 pt-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!submission.begin()) return;
            setDone(null);
            const form = event.currentTarget;
            const data = new FormData(form);
            const chosen = data.getAll('file').filter((f): f is File => f instanceof File && f.size > 0);
            upload.mutate(
              { files: chosen, visibility: String(data.get('visibility')) },
              {
                onSuccess: (result) => {
                  setDone(result.files.length);
                  form.reset();
                },
                onSettled: (_data, error) => submission.end(!error),
              },
            );
          }}
        >
          {done !== null ? <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-900">{tf('uploaded', { count: done })}</p> : null}
          <UploadProblems error={upload.error} />
          <FilePicker label={tf('choose')} name="file" multiple accept={ACCEPT_ATTRIBUTE} hint={tf('hint')} />
          <Select label={tf('visibilityLabel')} name="visibility" defaultValue="TECHNICIAN" options={FILE_VISIBILITIES.map((v) => ({ value: v, label: tf(`visibility.${v}`) }))} />
          <Button type="submit" disabled={upload.isPending}>{upload.isPending ? tf('uploading') : tf('upload')}</Button>
        </form>
      ) : null}
    </Card>
  );
}
