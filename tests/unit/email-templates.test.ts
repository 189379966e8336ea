// E-mail templates with markup in every user field (issue 15): the HTML holds the escaped text and
// no tag the template did not write, the plain text holds the text as typed, subjects are one line,
// links are http(s) only, and the sender's display name cannot add an address.
import { describe, expect, it } from 'vitest';
import { emailDisplayName, escapeHtml, html, httpUrl, oneLine } from '@/server/notifications/html';
import { customerUpdateEmail, officeStateEmail, pushText, ticketAssignedEmail, workHistoryEmail, type Rendered } from '@/server/notifications/templates';

/** A payload per field, each one different so a test names the field that leaked. */
const mark = (field: string) => `<img src=x onerror="alert('${field}')"><script>alert("${field}")</script>"'&`;
const URL = 'https://demo.antena.test/portal';

/** The template's own tags, in order: markup in a field would add some. */
const tags = (markup: string) => [...markup.matchAll(/<\/?([a-z!][a-z0-9]*)/gi)].map((m) => m[1]!.toLowerCase());

function render(value: (field: string) => string) {
  const brand = { tenantName: value('tenant'), color: '#1d5fd6', locale: 'es' as const };
  return {
    assigned: ticketAssignedEmail(brand, { technician: value('technician'), number: 7, title: value('title'), description: value('description'), customer: value('customer'), address: value('address'), url: URL }),
    officeState: officeStateEmail(brand, { technician: value('technician'), number: 7, title: value('title'), from: value('from'), to: value('to'), customer: value('customer'), url: URL }),
    comment: customerUpdateEmail(brand, { customer: value('customer'), number: 7, title: value('title'), comment: { author: value('author'), body: value('body') }, url: URL }),
    state: customerUpdateEmail(brand, { customer: value('customer'), number: 7, title: value('title'), state: value('state'), url: URL }),
    history: workHistoryEmail(brand, { customer: value('customer'), number: 7, title: value('title'), state: value('state'), entries: [{ when: '1/2/2027 10:00', text: value('entry') }], url: URL }),
  } satisfies Record<string, Rendered>;
}

const FIELDS: Record<keyof ReturnType<typeof render>, string[]> = {
  assigned: ['tenant', 'technician', 'title', 'description', 'customer', 'address'],
  officeState: ['tenant', 'technician', 'title', 'from', 'to', 'customer'],
  comment: ['tenant', 'customer', 'title', 'author', 'body'],
  state: ['tenant', 'customer', 'title', 'state'],
  history: ['tenant', 'customer', 'title', 'state', 'entry'],
};

describe('e-mail templates with markup in every user field', () => {
  const plain = render((field) => `Texto de ${field}`);
  const marked = render(mark);
  for (const name of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
    it(`${name}: the HTML shows each field escaped and has only the template's own tags; subject and text keep it as typed`, () => {
      const email = marked[name];
      expect(tags(email.html)).toEqual(tags(plain[name].html));
      for (const field of FIELDS[name]) {
        expect(email.html, field).toContain(escapeHtml(mark(field)));
        expect(email.html, field).not.toContain(`<img src=x onerror="alert('${field}')">`);
        expect(`${email.subject}\n${email.text}`, field).toContain(mark(field));
      }
      expect(email.html).not.toMatch(/<script|<img|onerror="/i);
      expect(email.text).not.toContain('&lt;');
    });
  }

  it('subjects are one line, whatever the title holds', () => {
    const title = 'Corte\r\nBcc: todos@evil.test\n<b>urgente</b>\u2028ya';
    const email = ticketAssignedEmail({ tenantName: 'Fibra Sur', color: '#1d5fd6', locale: 'es' }, { technician: 'Tomás', number: 9, title, description: 'x', customer: null, address: null, url: URL });
    expect(email.subject).toBe('Ticket #9 asignado: Corte Bcc: todos@evil.test <b>urgente</b> ya');
    expect(email.html).toContain('<title>Ticket #9 asignado: Corte Bcc: todos@evil.test &lt;b&gt;urgente&lt;/b&gt; ya</title>');
    for (const e of Object.values(render(() => 'a\nb'))) expect(e.subject).not.toMatch(/[\r\n]/);
  });

  it('a link that is not http(s) is never written', () => {
    const brand = { tenantName: 'Fibra Sur', color: '#1d5fd6', locale: 'es' as const };
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '//evil.test/x', '/portal']) {
      expect(() => customerUpdateEmail(brand, { customer: 'Ana', number: 1, title: 't', state: 's', url }), url).toThrow();
    }
    expect(customerUpdateEmail(brand, { customer: 'Ana', number: 1, title: 't', state: 's', url: 'https://x.test/a?b="c"&d' }).html).toContain('href="https://x.test/a?b=%22c%22&amp;d"');
  });

  it('a tenant color that is not a color does not reach the CSS', () => {
    const email = ticketAssignedEmail({ tenantName: 'Fibra Sur', color: 'red;background:url(https://evil.test/x)', locale: 'es' }, { technician: 'T', number: 1, title: 't', description: 'd', customer: null, address: null, url: URL });
    expect(email.html).not.toContain('evil.test');
    expect(email.html).toContain('background:#1d5fd6');
  });

  it('push texts are the user text as typed (the service worker shows them as text)', () => {
    expect(pushText('es', 'customerComment', { number: 3, title: mark('title'), excerpt: mark('excerpt') })).toEqual({ subject: 'Novedades del ticket #3', text: mark('excerpt') });
  });
});

describe('html helpers', () => {
  it('escapes what it is given, keeps what html wrote, and joins arrays', () => {
    const items = ['<a>', 'b&c'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul title="${'"q"'}">${items}${null}${false}${undefined}${3}</ul>`.markup).toBe('<ul title="&quot;q&quot;"><li>&lt;a&gt;</li><li>b&amp;c</li>3</ul>');
    expect(String(html`${'<x>'}`)).toBe('&lt;x&gt;');
  });
  it('httpUrl takes absolute http(s) only; oneLine folds line breaks and controls', () => {
    expect(httpUrl('http://demo.localhost:3000/tech/tickets/1')).toBe('http://demo.localhost:3000/tech/tickets/1');
    expect(() => httpUrl('javascript:alert(1)')).toThrow();
    expect(() => httpUrl('ftp://x.test/')).toThrow();
    expect(oneLine(' a\r\n\tb\u0000c\u2029 ')).toBe('a b c');
  });
  it('a sender display name names the sender and adds no address', () => {
    expect(emailDisplayName('Fibra Sur')).toBe('Fibra Sur');
    expect(emailDisplayName('Fibra Sur (demo)')).toBe('"Fibra Sur (demo)"');
    expect(emailDisplayName('Soporte, jefe@evil.test')).toBe('"Soporte, jefe@evil.test"');
    expect(emailDisplayName('Evil <jefe@evil.test>')).toBe('"Evil jefe@evil.test"');
    expect(emailDisplayName('Say "hi" \\ bye')).toBe('"Say \\"hi\\" \\\\ bye"');
    expect(emailDisplayName('Fibra\r\nBcc: x@evil.test')).toBe('"Fibra Bcc: x@evil.test"');
  });
});
