// portal.home (F9) over HTTP as a signed-in customer of the largest tenant: a customer with ten years
// of monthly invoices and payments (each payment settling its month), among the tenant's customers,
// each of whom gets a year of invoices so the indexes have the tenant's depth. Measured as the tech
// and tickets entries are: the tRPC call through the production server, N calls after a warm-up.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { hashPassword } from '@/server/services/auth/passwords';
import { Session } from './http';
import { latency, type Entry } from './stats';

const YEARS = 10;

export async function measurePortalHome(url: string, port: number, tenantId: string, password: string, log: (m: string) => void): Promise<Entry[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; code: string }>(`SELECT id::text, code FROM "Customer" WHERE "tenantId" = $1 AND "deletedAt" IS NULL ORDER BY code LIMIT 1 OFFSET 777`, [tenantId]);
    const customer = rows[0]!;
    const existing = await client.query(`SELECT 1 FROM "Invoice" WHERE "tenantId" = $1 AND "customerId" = $2 LIMIT 1`, [tenantId, customer.id]);
    if (!existing.rowCount) {
      log('portal.home: a year of invoices for every customer, ten years for one…');
      await client.query('BEGIN');
      // Every other customer: twelve paid months (the tenant's depth in the indexes).
      await client.query(
        `INSERT INTO "Invoice" (id, "tenantId", "customerId", number, type, "issuedOn", "dueOn", period, total, balance, status)
         SELECT gen_random_uuid(), $1, c.id, 'BP-' || c.code || '-' || m, 'B', (date_trunc('month', now()) - (m || ' months')::interval)::date,
           (date_trunc('month', now()) - (m || ' months')::interval + interval '9 days')::date, to_char(now() - (m || ' months')::interval, 'YYYY-MM'), 18500, 0, 'PAID'
         FROM "Customer" c CROSS JOIN generate_series(1, 12) m WHERE c."tenantId" = $1 AND c.id <> $2`,
        [tenantId, customer.id],
      );
      // The measured customer: 120 months, each paid by a payment of its own except the last two (one overdue, one current).
      for (let m = 0; m < YEARS * 12; m++) {
        const invoiceId = randomUUID();
        const paid = m >= 2;
        await client.query(
          `INSERT INTO "Invoice" (id, "tenantId", "customerId", number, type, "issuedOn", "dueOn", period, total, balance, status)
           VALUES ($1, $2, $3, $4, 'B', (date_trunc('month', now()) - ($5 || ' months')::interval)::date, (date_trunc('month', now()) - ($5 || ' months')::interval + interval '9 days')::date, $6, 18500, $7, $8)`,
          [invoiceId, tenantId, customer.id, `BH-${customer.code}-${m}`, String(m), `m-${m}`, paid ? 0 : 18500, paid ? 'PAID' : 'UNPAID'],
        );
        if (paid) {
          const paymentId = randomUUID();
          await client.query(
            `INSERT INTO "Payment" (id, "tenantId", "customerId", "paidOn", amount, method, reference) VALUES ($1, $2, $3, (date_trunc('month', now()) - ($4 || ' months')::interval + interval '5 days')::date, 18500, 'Transferencia', $5)`,
            [paymentId, tenantId, customer.id, String(m), `BH-${customer.code}-${m}`],
          );
          await client.query(`INSERT INTO "PaymentAllocation" ("tenantId", "customerId", "paymentId", "invoiceId", amount) VALUES ($1, $2, $3, $4, 18500)`, [tenantId, customer.id, paymentId, invoiceId]);
        }
      }
      await client.query(`UPDATE "Customer" SET "portalPasswordHash" = $2 WHERE id = $1`, [customer.id, await hashPassword(password)]);
      await client.query('COMMIT');
      await client.query('ANALYZE "Invoice"; ANALYZE "Payment"; ANALYZE "PaymentAllocation"');
    }
    const { rows: settings } = await client.query<{ field: string | null }>(`SELECT settings->'portal'->>'loginField' AS field FROM "Tenant" WHERE id = $1`, [tenantId]);
    const login = settings[0]?.field === 'CODE' ? customer.code : (await client.query<{ login: string }>(`SELECT COALESCE("taxId", code) AS login FROM "Customer" WHERE id = $1`, [customer.id])).rows[0]!.login;
    const session = new Session(port, `big.localhost:${port}`);
    await session.signInCustomer(login, password);
    const home = await session.query<{ debt: number }>('portal.home', undefined);
    if (home.debt !== 37000) throw new Error(`portal.home answered ${JSON.stringify(home)}`);
    return [await latency('portal.home', 300, () => session.query('portal.home', undefined))];
  } finally {
    await client.end();
  }
}
