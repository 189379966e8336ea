'use client';
// G11: the customer signs on the technician's phone when the work is finished — the name typed, the
// signature drawn, the time, and the position when the phone gives it. It goes into the device's
// queue (E9) and reaches the ticket (its view in the office and its PDF's signature line).
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { X } from 'lucide-react';
import { Alert, Button, TextInput } from '@/components/ui/controls';
import type { TechTicket } from './offline/types';
import { drawMark, useStrokes, type Mark } from './draw-canvas';
import { useTech } from './use-tech';

/** The server's limit (TICKET_SIGNATURE_MAX_BYTES), checked here first to say so at once. */
const MAX_BYTES = 200 * 1024;

export function CustomerSignature({ ticket, onClose }: { ticket: TechTicket; onClose: () => void }) {
  const td = useTranslations('documents');
  const common = useTranslations('common');
  const { enqueue, location } = useTech();
  const canvas = useRef<HTMLCanvasElement>(null);
  const marks = useRef<Mark[]>([]);
  const [count, setCount] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [position, setPosition] = useState<{ latitude: number; longitude: number; accuracy: number } | null>(
    location.position ? { latitude: location.position.lat, longitude: location.position.lng, accuracy: location.position.accuracy } : null,
  );

  const redraw = useCallback(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, c.width, c.height);
    for (const m of marks.current) drawMark(ctx, m);
    setCount(marks.current.length);
  }, []);
  useEffect(redraw, [redraw]);
  // The position if the phone gives it quickly; signing never waits for it.
  useEffect(() => {
    if (position || !('geolocation' in navigator)) return;
    navigator.geolocation.getCurrentPosition(
      (p) => setPosition({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }),
      () => undefined,
      { timeout: 5000, maximumAge: 60_000 },
    );
  }, [position]);
  const pen = useCallback(() => ({ color: '#000000', width: 3 }), []);
  const handlers = useStrokes(canvas, marks, redraw, pen);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('signer') ?? '').trim();
    if (!name) return setError(td('customerSign.nameMissing'));
    if (marks.current.length === 0 || !canvas.current) return setError(td('customerSign.empty'));
    const data = canvas.current.toDataURL('image/png');
    const image = data.slice(data.indexOf(',') + 1);
    if ((image.length * 3) / 4 > MAX_BYTES) return setError(td('customerSign.tooLarge', { max: MAX_BYTES / 1024 }));
    await enqueue([
      {
        key: crypto.randomUUID(), ticketId: ticket.id, ticketNumber: ticket.number, createdAt: new Date(), status: 'pending',
        kind: 'signature', name, image, signedAt: new Date().toISOString(), latitude: position?.latitude ?? null, longitude: position?.longitude ?? null, accuracy: position?.accuracy ?? null,
      },
    ]);
    onClose();
  }

  return (
    <div role="dialog" aria-modal="true" aria-labelledby="sign-title" className="fixed inset-0 z-[1000] overflow-y-auto bg-white p-4">
      <form className="mx-auto max-w-md space-y-3" onSubmit={submit} aria-labelledby="sign-title">
        <div className="flex items-center justify-between">
          <h2 id="sign-title" className="text-lg font-semibold">{td('customerSign.title', { number: ticket.number })}</h2>
          <Button variant="ghost" onClick={onClose} aria-label={common('cancel')}><X aria-hidden className="h-5 w-5" /></Button>
        </div>
        <p className="text-sm text-slate-600">{td('customerSign.hint')}</p>
        {error ? <Alert>{error}</Alert> : null}
        <TextInput label={td('customerSign.name')} name="signer" autoComplete="off" maxLength={200} defaultValue={ticket.customer?.name ?? ''} />
        <canvas ref={canvas} width={600} height={220} aria-label={td('customerSign.pad')} data-testid="signature-pad" className="w-full touch-none rounded-md border-2 border-dashed border-slate-400 bg-white" {...handlers} />
        <p className="text-xs text-slate-600">{position ? td('customerSign.withPosition') : td('customerSign.withoutPosition')}</p>
        <div className="flex gap-2">
          <Button variant="secondary" disabled={count === 0} onClick={() => { marks.current = []; redraw(); }}>{td('customerSign.clear')}</Button>
          <Button type="submit" className="flex-1">{td('customerSign.save')}</Button>
        </div>
      </form>
    </div>
  );
}
