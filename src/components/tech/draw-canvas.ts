'use client';
// G11: drawing on a <canvas> with a finger, a pen or a mouse (pointer events), for the image editor and
// the customer's signature pad. Strokes are kept as data so "undo" redraws what remains.
import { useCallback, useRef, type PointerEvent as ReactPointerEvent } from 'react';

export type Point = { x: number; y: number };
export type Stroke = { kind: 'stroke'; color: string; width: number; points: Point[] };
export type Label = { kind: 'text'; color: string; size: number; text: string; at: Point };
export type Mark = Stroke | Label;

/** The pointer's position in the canvas's own pixels (it is drawn scaled to the screen's width). */
export function canvasPoint(canvas: HTMLCanvasElement, event: { clientX: number; clientY: number }): Point {
  const rect = canvas.getBoundingClientRect();
  return { x: ((event.clientX - rect.left) * canvas.width) / Math.max(rect.width, 1), y: ((event.clientY - rect.top) * canvas.height) / Math.max(rect.height, 1) };
}

export function drawMark(ctx: CanvasRenderingContext2D, mark: Mark) {
  if (mark.kind === 'text') {
    ctx.font = `bold ${mark.size}px sans-serif`;
    ctx.textBaseline = 'middle';
    ctx.lineWidth = Math.max(2, mark.size / 8);
    ctx.strokeStyle = '#ffffff';
    ctx.strokeText(mark.text, mark.at.x, mark.at.y);
    ctx.fillStyle = mark.color;
    ctx.fillText(mark.text, mark.at.x, mark.at.y);
    return;
  }
  const [first, ...rest] = mark.points;
  if (!first) return;
  ctx.strokeStyle = mark.color;
  ctx.fillStyle = mark.color;
  ctx.lineWidth = mark.width;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  if (rest.length === 0) {
    ctx.beginPath();
    ctx.arc(first.x, first.y, mark.width / 2, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
  ctx.beginPath();
  ctx.moveTo(first.x, first.y);
  for (const p of rest) ctx.lineTo(p.x, p.y);
  ctx.stroke();
}

/**
 * Pointer handlers that add a stroke while a finger is down. `pen()` says the colour and width of the
 * next stroke, or null when a tap should do something else (`onTap`).
 */
export function useStrokes(canvas: React.RefObject<HTMLCanvasElement | null>, marks: React.RefObject<Mark[]>, redraw: () => void, pen: () => { color: string; width: number } | null, onTap?: (p: Point) => void) {
  const current = useRef<Stroke | null>(null);
  const down = useCallback(
    (event: ReactPointerEvent<HTMLCanvasElement>) => {
      const c = canvas.current;
      if (!c) return;
      event.preventDefault();
      const p = canvasPoint(c, event);
      const style = pen();
      if (!style) {
        onTap?.(p);
        return;
      }
      c.setPointerCapture?.(event.pointerId);
      current.current = { kind: 'stroke', ...style, points: [p] };
      marks.current.push(current.current);
      redraw();
    },
    [canvas, marks, redraw, pen, onTap],
  );
  const move = useCallback(
    (event: ReactPointerEvent<HTMLCanvasElement>) => {
      const c = canvas.current;
      if (!c || !current.current) return;
      event.preventDefault();
      current.current.points.push(canvasPoint(c, event));
      redraw();
    },
    [canvas, redraw],
  );
  const up = useCallback(() => {
    current.current = null;
  }, []);
  return { onPointerDown: down, onPointerMove: move, onPointerUp: up, onPointerCancel: up, onPointerLeave: up };
}
