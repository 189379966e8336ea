// G3: the migration that adds Ticket.workStatus gives existing tickets theirs from what they already say:
// finished or closed → COMPLETED; pending with a technician → ASSIGNED, or EXPIRED when the scheduled
// visit has ended; pending without one → TO_ASSIGN. It writes no history (a first value, not a change).
import { expect, it } from 'vitest';
import { databaseBefore, insertTenant } from '../factories/migrations';

const MIGRATION = '20261206093651_work_status';

it('backfills each existing ticket’s work status from its assignee, stage and visit, and adds the expiry job’s partial index', async () => {
  const { client, applied, migrateRest } = await databaseBefore(MIGRATION);
  expect(applied).not.toContain(MIGRATION);
  try {
    const tenantId = await insertTenant(client);
    const [{ id: userId }] = (await client.query(`INSERT INTO "User" (id, "tenantId", email, name, role, "passwordHash", "updatedAt")
      VALUES (gen_random_uuid(), $1, 'tecnico@migrada.test', 'Técnico', 'TECHNICIAN', 'x', now()) RETURNING id`, [tenantId])).rows;
    const state: Record<string, string> = {};
    for (const stage of ['PENDING', 'FINISHED', 'CLOSED']) {
      state[stage] = (await client.query(`INSERT INTO "TicketState" (id, "tenantId", name, stage, "updatedAt") VALUES (gen_random_uuid(), $1, $2, $3::"LifecycleStage", now()) RETURNING id`, [tenantId, stage, stage])).rows[0].id;
    }
    const tickets: [title: string, stage: string, assigned: boolean, visitEnd: string | null, expected: string][] = [
      ['sin técnico', 'PENDING', false, null, 'TO_ASSIGN'],
      ['sin técnico, visita pasada', 'PENDING', false, '2020-01-01T12:00:00Z', 'TO_ASSIGN'],
      ['asignado', 'PENDING', true, null, 'ASSIGNED'],
      ['asignado, visita futura', 'PENDING', true, '2099-01-01T12:00:00Z', 'ASSIGNED'],
      ['asignado, visita pasada', 'PENDING', true, '2020-01-01T12:00:00Z', 'EXPIRED'],
      ['finalizado', 'FINISHED', true, '2020-01-01T12:00:00Z', 'COMPLETED'],
      ['cerrado sin técnico', 'CLOSED', false, null, 'COMPLETED'],
    ];
    for (const [i, [title, stage, assigned, visitEnd]] of tickets.entries()) {
      await client.query(`INSERT INTO "Ticket" (id, "tenantId", number, title, description, "stateId", stage, "assigneeId", "visitEnd", channel, "searchText", "updatedAt")
        VALUES (gen_random_uuid(), $1, $2, $3, 'x', $4, $5::"LifecycleStage", $6, $7::timestamptz AT TIME ZONE 'UTC', 'BACKOFFICE', $8, now())`,
        [tenantId, i + 1, title, state[stage], stage, assigned ? userId : null, visitEnd, title]);
    }
    expect(await migrateRest()).toContain(MIGRATION);
    const rows = (await client.query(`SELECT title, "workStatus" FROM "Ticket" ORDER BY number`)).rows;
    expect(rows.map((r) => [r.title, r.workStatus])).toEqual(tickets.map(([title, , , , expected]) => [title, expected]));
    expect((await client.query(`SELECT count(*)::int AS n FROM "TicketEvent"`)).rows[0].n).toBe(0);
    const [index] = (await client.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'Ticket_work_expiry_idx'`)).rows;
    expect(index?.indexdef).toMatch(/\("visitEnd"\) WHERE \("workStatus" = 'ASSIGNED'::"WorkStatus"\)/);
  } finally {
    await client.end();
  }
});
