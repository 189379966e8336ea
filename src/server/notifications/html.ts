// HTML written as strings — only where React does not render it: e-mail bodies. User text (a
// ticket's title, a comment, a customer's or a tenant's name) is data, never markup: every value put
// into an `html` template is escaped unless it is itself the result of an `html` template, so a
// template cannot forget to escape. Links must be http(s); subjects and other header-like values
// are one line of plain text. Write any new e-mail through templates.ts's layout, which uses these.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for an HTML element's content or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Markup produced by `html` (already escaped); any other value put into a template is text. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

type Value = SafeHtml | string | number | null | undefined | false | readonly Value[];

function render(value: Value): string {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** A tagged template: html`<p>${text}</p>` escapes `text`; nested html`…` results and arrays of them are kept. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]!) : ''), ''));
}

/** An address a link may point to: absolute http(s) only (no javascript:, data:, or relative tricks); anything else throws. */
export function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`not an absolute URL: ${JSON.stringify(value.slice(0, 100))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`not an http(s) URL: ${JSON.stringify(value.slice(0, 100))}`);
  return url.href;
}

/** One line of plain text (an e-mail's subject, a display name): line breaks and control characters become spaces. */
export function oneLine(value: string): string {
  return value
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * A sender's display name as RFC 5322 wants it: one line, without angle brackets (some parsers take
 * the last <…> for the address, quoted or not), and quoted — `\` and `"` escaped — when it holds a
 * special character, so a name like `Soporte, x@evil.test` names the sender and adds no address.
 */
export function emailDisplayName(name: string): string {
  const line = oneLine(name.replace(/[<>]/g, ''));
  return /[()[\]:;@\\,."]/.test(line) ? `"${line.replace(/[\\"]/g, (c) => `\\${c}`)}"` : line;
}
