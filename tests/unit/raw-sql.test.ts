// Raw SQL through one door (src/server/data/sql.ts). Every raw statement in src/ must be built by
// TenantSql (which names the tenant and applies the caller's ticket visibility) or, for the few
// statements that are not one tenant's, by installationSql from a file listed here with its reason.
// A raw statement anywhere else fails this test — the way a forgotten tenant filter would have gone
// unnoticed before.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Prisma } from '@/generated/prisma/client';
import { TenantSql } from '@/server/data/sql';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');

/** Files that may run statements that are not one tenant's, and why. */
const INSTALLATION_SQL: Record<string, string> = {
  'src/server/maintenance/search-indexes.ts': 'merges the ticket search indexes of every tenant (no tenant data is read)',
  'src/server/notifications/queue.ts': "pg-boss's own statements, inside our transaction",
  'src/server/notifications/dispatch.ts': 'the worker claims outbox events across tenants (each row names its tenant)',
  'src/server/notifications/recipients.ts': "the worker writes a batch's messages, each row carrying its event's tenant",
  'src/server/notifications/deliver.ts': 'the worker records delivery outcomes by message id',
  'src/server/services/tickets/work-status.ts': 'the work-expiry job expires every tenant’s tickets whose visit has passed (each row keeps its tenant in its history entry and outbox event)',
  'src/server/services/auth/throttle.ts': 'sign-in throttle counters of the installation (keys name the tenant)',
};

/** Where raw statements may be written at all: the door itself, the pool under it, and the command-line tools (migrations, database creation). */
const RAW_ALLOWED = new Set(['src/server/data/sql.ts', 'src/server/db.ts']);
const CLI = 'src/cli/';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    return /\.(ts|tsx|mjs|js)$/.test(entry.name) ? [full] : [];
  });
}

/** The file's code without comments, so a comment that names $queryRaw is not a statement. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const files = sourceFiles(SRC).map((file) => ({ rel: path.relative(ROOT, file).split(path.sep).join('/'), text: code(file) }));

describe('raw SQL goes through one door', () => {
  it('finds the source files (the scan itself works)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.rel === 'src/server/services/tickets/tickets.ts' && f.text.includes('sql.rows'))).toBe(true);
  });

  it('no file but the door runs Prisma raw queries, the pool, or rawRows', () => {
    const RAW = /\$(queryRaw|executeRaw)(Unsafe)?\b|\brawRows\s*[<(]|\bpool\(\)\s*\.\s*query\b|\bnew\s+pg\.(Pool|Client)\b/;
    const offenders = files.filter((f) => !RAW_ALLOWED.has(f.rel) && !f.rel.startsWith(CLI) && RAW.test(f.text)).map((f) => f.rel);
    expect(offenders).toEqual([]);
  });

  it('installationSql is used only where the list above says why', () => {
    const users = files.filter((f) => f.rel !== 'src/server/data/sql.ts' && /\binstallationSql\b/.test(f.text)).map((f) => f.rel);
    expect(users.filter((f) => !(f in INSTALLATION_SQL))).toEqual([]);
    // And the list holds no stale entries.
    expect(Object.keys(INSTALLATION_SQL).filter((f) => !users.includes(f))).toEqual([]);
  });

  it('the door refuses a statement that does not name its tenant', () => {
    const sql = new TenantSql('0193a000-0000-7000-8000-000000000001');
    expect(() => sql.statement(() => Prisma.sql`SELECT id FROM "Customer" WHERE "tenantId" = ${'0193a000-0000-7000-8000-000000000002'}::uuid`)).toThrow(/name its tenant/);
    expect(sql.statement((s) => Prisma.sql`SELECT id FROM "Customer" WHERE "tenantId" = ${s.tenant}`).values).toEqual(['0193a000-0000-7000-8000-000000000001']);
  });

  it('the door refuses a statement on tickets without the caller’s visibility', () => {
    const tenant = '0193a000-0000-7000-8000-000000000001';
    const technician = '0193a000-0000-7000-8000-0000000000aa';
    const office = new TenantSql(tenant, null);
    const restricted = new TenantSql(tenant, { assigneeId: technician, onlyOpen: true });
    const forgetful = (s: { tenant: Prisma.Sql }) => Prisma.sql`SELECT id FROM "Ticket" t WHERE t."tenantId" = ${s.tenant}`;
    for (const sql of [office, restricted]) expect(() => sql.statement(forgetful)).toThrow(/visibility/);
    for (const table of ['TicketEvent', 'TicketComment', 'TicketFile', 'TicketRead']) {
      expect(() => restricted.statement((s) => Prisma.sql`SELECT 1 FROM "${Prisma.raw(table)}" WHERE "tenantId" = ${s.tenant}`)).toThrow(/visibility/);
    }
    // Other Ticket… tables are configuration, not tickets.
    expect(() => restricted.statement((s) => Prisma.sql`SELECT 1 FROM "TicketState" WHERE "tenantId" = ${s.tenant}`)).not.toThrow();
    const ruled = restricted.statement((s) => Prisma.sql`SELECT id FROM "Ticket" t WHERE t."tenantId" = ${s.tenant} AND ${s.visible('t')}`);
    expect(ruled.text).toContain('t."assigneeId" =');
    expect(ruled.text).toContain(`t.stage <> 'CLOSED'`);
    expect(ruled.values).toEqual([tenant, technician]);
    expect(office.statement((s) => Prisma.sql`SELECT id FROM "Ticket" t WHERE t."tenantId" = ${s.tenant} AND ${s.visible('t')}`).text).toContain('TRUE');
    const children = restricted.statement((s) => Prisma.sql`SELECT 1 FROM "TicketEvent" e WHERE e."tenantId" = ${s.tenant} AND ${s.visibleTicketId('e."ticketId"')}`);
    expect(children.text).toContain('e."ticketId" IN (SELECT vt.id FROM "Ticket" vt');
  });
});
