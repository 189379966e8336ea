// Labels on Leaflet maps, as text. Leaflet inserts a string given to bindTooltip, bindPopup or
// setContent as HTML, so an address with markup saved by anyone would run in the reader's session.
// Every map labels its layers through these helpers, which only take text and hand Leaflet a DOM
// node filled with textContent; tests/unit/html-sinks.test.ts keeps the raw calls out of src.
import type { Layer, PopupOptions, TooltipOptions } from 'leaflet';

/** A label element holding `text` as text: whatever it contains is shown, never parsed. */
export function textNode(text: string): HTMLElement {
  const label = document.createElement('span');
  label.textContent = text;
  return label;
}

/** The layer's tooltip (shown on hover) with `text` as its content. */
export function bindTextTooltip<T extends Layer>(layer: T, text: string, options?: TooltipOptions): T {
  return layer.bindTooltip(textNode(text), options);
}

/** The layer's popup (shown on click) with `text` as its content. */
export function bindTextPopup<T extends Layer>(layer: T, text: string, options?: PopupOptions): T {
  return layer.bindPopup(textNode(text), options);
}
