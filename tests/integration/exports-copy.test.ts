// C15: the ticket CSV PostgreSQL writes with COPY (every cell laid out in SQL, csvCellSql) is, byte for
// byte, the CSV the rows written one by one give (csvFormatters) — for every column, in four locales,
// for the office and a technician — with text that needs quoting, line breaks, formulas, empty and
// missing values, money, kilometres, dates and equipment. And inlineSql, which writes a statement's
// values into it for COPY, gives PostgreSQL back exactly the values it would have got as parameters.
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { TICKET_EXPORT_COLUMNS } from '@/lib/exports';
import { tenantIntl, type Locale } from '@/lib/format';
import { db, rawRows } from '@/server/db';
import { inlineSql } from '@/server/data/sql';
import { loadStaffActor } from '@/server/services/auth/actors';
import { staffCallerFor, type StaffCaller } from '@/server/services/caller';
import { sheetSink, type SheetSink } from '@/server/services/exports/sheet';
import { ticketExport, ZTicketExport } from '@/server/services/exports/tickets';
import { createCustomer, signedIn, twoTenantsWithStaff, type StaffOfEveryRole, type TestTenant } from '../factories';

let a: TestTenant, A: StaffOfEveryRole;

async function callerFor(userId: string, tenant: TestTenant, locale: Locale): Promise<StaffCaller> {
  const actor = await loadStaffActor(a.id, await signedIn({ kind: 'staff', userId, tenantId: a.id }));
  return staffCallerFor(tenant, actor!, locale);
}

/** The export as CSV text — through COPY, or (rowByRow) with the sink's COPY door hidden, so the rows are read in pages and laid out in TypeScript. */
async function exported(caller: StaffCaller, rowByRow: boolean): Promise<string> {
  const input = ZTicketExport.parse({ tab: 'PENDING', scope: 'all', columns: TICKET_EXPORT_COLUMNS.join(',') });
  const { columns, fill } = await ticketExport(caller, input);
  const out = new PassThrough();
  const body = text(out);
  const sink = sheetSink(out, { format: 'csv', columns, intl: tenantIntl(caller.tenant) });
  const pages: SheetSink = { write: (rows) => sink.write(rows), end: () => sink.end(), get gone() { return sink.gone; } };
  await fill(rowByRow ? pages : sink);
  const rows = await sink.end();
  const csv = await body;
  expect(rows).toBeGreaterThan(5);
  return csv;
}

beforeAll(async () => {
  ({ a, A } = await twoTenantsWithStaff());
  const customer = await createCustomer(a, { name: 'Ñandú "el rápido"; Pérez', code: '' });
  const equipment = await db().customerEquipment.create({ data: { tenantId: a.id, customerId: customer.id, type: 'ROUTER', brand: 'MikroTik', model: 'hAP ax²', serial: 'SN-9' }, select: { id: true } });
  const titles = ['Sin señal; luz roja', 'Dice "hola"', 'línea 1\nlínea 2', '=HYPERLINK("x")', '-5 dBm', '@todos', ' espacios ', 'Cr\r\nlf', 'coma, punto.', '\ttabulado', '\rretorno'];
  for (const [i, title] of titles.entries()) {
    const t = await A.OPERATOR.tickets.create({ title: `tmp ${i}`, description: 'd', customerId: i % 2 ? customer.id : undefined, assigneeId: i % 3 ? A.ids.TECHNICIAN : undefined, complexity: i % 2 ? 'HIGH' : undefined, billable: i % 2 === 0, cost: i % 2 === 0 ? 1234.5 : undefined });
    await db().ticket.update({
      where: { id: t.id },
      data: {
        title,
        callNumber: i === 1 ? '' : i === 2 ? '+54 11 5555-0000' : null,
        price: i === 4 ? '-0.5' : i === 6 ? '1000000.99' : undefined,
        kilometres: i % 3 === 0 ? '12.5' : null,
        productsTotal: i === 2 ? '10.125' : undefined,
        collectedAmount: i === 3 ? '99.9999' : null,
        visitStart: i === 5 ? new Date('2026-03-01T12:34:56.789Z') : null,
        visitEnd: i === 5 ? new Date('2026-03-01T23:59:59.999Z') : null,
        dueAt: i === 7 ? new Date('1969-12-31T23:00:00Z') : undefined,
        equipmentId: i === 1 ? equipment.id : undefined,
      },
    });
    if (i === 3) await A.OPERATOR.tickets.comment({ ticketId: t.id, body: 'uno', public: false });
  }
});

describe('the ticket CSV made by COPY', () => {
  // es-CL writes dates dd-mm-yyyy: not a timestamp's own text, so to_char lays them out.
  for (const [label, locale, country] of [['es-AR', 'es', 'AR'], ['en-AR', 'en', 'AR'], ['it-IT', 'it', 'IT'], ['es-CL', 'es', 'CL']] as const) {
    it(`equals the CSV written row by row (${label}, the office and a technician)`, async () => {
      for (const role of ['ADMIN', 'TECHNICIAN'] as const) {
        const caller = await callerFor(A.ids[role], { ...a, locale, country: country as TestTenant['country'] }, locale);
        const copied = await exported(caller, false);
        expect(copied).toBe(await exported(caller, true));
        // Records end in CRLF; the line break inside a quoted title stays as it was.
        expect(copied).toContain('"línea 1\nlínea 2"');
        expect(copied.split('\r\n').length).toBeGreaterThan(5);
      }
    });
  }
});

describe('inlineSql', () => {
  it('writes values PostgreSQL reads back as the parameters they were', async () => {
    const tricky = ["O'Brien", 'back\\slash', 'E\'x\\\'', '$1 $$ ?', 'línea\nnueva', '', '"quoted"', '{braces,}', 'NULL'];
    const values = [...tricky, ['a', 'b"c', 'd\\e', 'NULL', ''], 42, -7, 3.25, true, false, null, new Date('2026-12-06T10:11:12.345Z')] as const;
    // Compared as text (a parameter's type is what its place asks for; a literal number is a number).
    const query = Prisma.sql`SELECT ${Prisma.join(values.map((v, i) => Prisma.sql`${v}${Prisma.raw(Array.isArray(v) ? '::text[]' : v instanceof Date ? '::timestamptz' : '::text')} AS "v${Prisma.raw(String(i))}"`))}`;
    const [inlined] = await rawRows<Record<string, unknown>>(Prisma.sql`${Prisma.raw(inlineSql(query))}`);
    const [bound] = await rawRows<Record<string, unknown>>(query);
    expect(inlined).toEqual(bound);
    expect(inlined!.v0).toBe("O'Brien");
    expect(inlined!.v9).toEqual(['a', 'b"c', 'd\\e', 'NULL', '']);
    expect(() => inlineSql(Prisma.sql`SELECT ${{ a: 1 }}`)).toThrow();
    expect(() => inlineSql(Prisma.sql`SELECT ${Number.NaN}`)).toThrow();
  });
});
