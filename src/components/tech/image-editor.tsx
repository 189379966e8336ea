'use client';
// G11: annotate or sign one of the ticket's images on the phone — freehand drawing, a text label, a
// signature — saved as a NEW file beside the original (it names its source; the original is never
// overwritten). The new version goes into the device's queue like a photo (E9: its own key, sent now
// or when back online); the server gives it the source's visibility. Only images can be edited (the
// seed: "solo i documenti immagine possono essere modificati o firmati dal tecnico").
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { X } from 'lucide-react';
import { Alert, Button, TextInput } from '@/components/ui/controls';
import type { TechTicket } from './offline/types';
import { drawMark, useStrokes, type Mark, type Point } from './draw-canvas';
import { useTech } from './use-tech';

type Tool = 'draw' | 'text' | 'sign';
/** The edited image's longer side at most (pixels): enough to read, small enough for a weak signal. */
const MAX_SIDE = 1600;

export function ImageEditor({ ticket, file, onClose }: { ticket: TechTicket; file: { id: string; name: string }; onClose: () => void }) {
  const td = useTranslations('documents');
  const common = useTranslations('common');
  const { enqueue } = useTech();
  const canvas = useRef<HTMLCanvasElement>(null);
  const image = useRef<HTMLImageElement | null>(null);
  const marks = useRef<Mark[]>([]);
  const [tool, setTool] = useState<Tool>('draw');
  const [label, setLabel] = useState('');
  const [count, setCount] = useState(0);
  const [state, setState] = useState<'loading' | 'ready' | 'failed' | 'saving'>('loading');

  const redraw = useCallback(() => {
    const c = canvas.current;
    const img = image.current;
    const ctx = c?.getContext('2d');
    if (!c || !img || !ctx) return;
    ctx.drawImage(img, 0, 0, c.width, c.height);
    for (const m of marks.current) drawMark(ctx, m);
    setCount(marks.current.length);
  }, []);

  useEffect(() => {
    const img = new Image();
    img.onload = () => {
      const c = canvas.current;
      if (!c) return;
      const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight, 1));
      c.width = Math.max(1, Math.round(img.naturalWidth * scale));
      c.height = Math.max(1, Math.round(img.naturalHeight * scale));
      image.current = img;
      redraw();
      setState('ready');
    };
    img.onerror = () => setState('failed');
    // Same origin: the canvas is not tainted and can be exported.
    img.src = `/api/files/${file.id}`;
  }, [file.id, redraw]);

  const unit = () => Math.max(canvas.current?.width ?? 800, canvas.current?.height ?? 800) / 200;
  const pen = useCallback(() => {
    if (tool === 'draw') return { color: '#dc2626', width: Math.max(3, unit() * 1.2) };
    if (tool === 'sign') return { color: '#1e3a8a', width: Math.max(2, unit() * 0.7) };
    return null;
  }, [tool]);
  const placeText = useCallback(
    (at: Point) => {
      const text = label.trim();
      if (!text) return;
      marks.current.push({ kind: 'text', color: '#dc2626', size: Math.max(16, unit() * 6), text, at });
      redraw();
    },
    [label, redraw],
  );
  const handlers = useStrokes(canvas, marks, redraw, pen, placeText);

  async function save() {
    const c = canvas.current;
    if (!c || marks.current.length === 0) return;
    setState('saving');
    const blob = await new Promise<Blob | null>((resolve) => c.toBlob(resolve, 'image/jpeg', 0.9));
    if (!blob) {
      setState('failed');
      return;
    }
    const base = file.name.replace(/\.[^.]+$/, '');
    await enqueue([
      { key: crypto.randomUUID(), ticketId: ticket.id, ticketNumber: ticket.number, createdAt: new Date(), status: 'pending', kind: 'files', files: [blob], names: [`${base}-${td('editor.suffix')}.jpg`], toCustomer: false, sourceFileId: file.id },
    ]);
    onClose();
  }

  const tools: Tool[] = ['draw', 'text', 'sign'];
  return (
    <div role="dialog" aria-modal="true" aria-labelledby="editor-title" className="fixed inset-0 z-[1000] overflow-y-auto bg-white p-3">
      <div className="mx-auto max-w-xl space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="editor-title" className="truncate text-lg font-semibold">{td('editor.title', { name: file.name })}</h2>
          <Button variant="ghost" onClick={onClose} aria-label={common('cancel')}><X aria-hidden className="h-5 w-5" /></Button>
        </div>
        <p className="text-sm text-slate-600">{td('editor.hint')}</p>
        {state === 'failed' ? <Alert>{td('editor.failed')}</Alert> : null}
        <div role="radiogroup" aria-label={td('editor.tool')} className="flex gap-2">
          {tools.map((v) => (
            <Button key={v} variant={tool === v ? 'primary' : 'secondary'} role="radio" aria-checked={tool === v} onClick={() => setTool(v)}>
              {td(`editor.${v}`)}
            </Button>
          ))}
        </div>
        {tool === 'text' ? <TextInput label={td('editor.label')} value={label} onChange={(e) => setLabel(e.target.value)} placeholder={td('editor.labelHint')} maxLength={80} /> : null}
        <canvas
          ref={canvas}
          aria-label={td('editor.canvas', { name: file.name })}
          data-testid="editor-canvas"
          className="w-full touch-none rounded-md border border-slate-300 bg-slate-100"
          {...handlers}
        />
        <div className="flex gap-2">
          <Button variant="secondary" disabled={count === 0} onClick={() => { marks.current.pop(); redraw(); }}>{td('editor.undo')}</Button>
          <Button className="flex-1" disabled={count === 0 || state !== 'ready'} onClick={() => void save()}>{state === 'saving' ? td('editor.saving') : td('editor.save')}</Button>
        </div>
      </div>
    </div>
  );
}
