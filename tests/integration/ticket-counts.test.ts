// C3/C15: the comment and file counts kept on the ticket row by triggers (migration ticket_counts)
// equal a direct count after any series of changes — comments added alone or in bulk and removed,
// files added, made more or less visible, moved to another ticket and removed, tickets deleted with
// everything hanging from them — and what each audience counts follows visibleTo.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { visibleTo } from '@/server/services/tickets/files';
import { createTenant, type TestTenant } from '../factories';

const VISIBILITIES = ['PUBLIC', 'TECHNICIAN', 'STAFF', 'CUSTOMER'] as const;

let a: TestTenant;
let tickets: string[] = [];

async function newTicket(): Promise<string> {
  const state = await db().ticketState.findFirstOrThrow({ where: { tenantId: a.id, stage: 'PENDING' }, select: { id: true } });
  const number = (await db().ticket.count({ where: { tenantId: a.id } })) + 1 + Math.floor(Math.random() * 1e6);
  const { id } = await db().ticket.create({ data: { tenantId: a.id, number, title: 'Contado', description: '', stateId: state.id, stage: 'PENDING', channel: 'BACKOFFICE', searchText: 'contado' }, select: { id: true } });
  return id;
}

const pick = <T>(list: T[], i: number) => list[i % list.length]!;

const action = fc.oneof(
  fc.record({ kind: fc.constant('comments' as const), ticket: fc.nat(), n: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('uncomment' as const), ticket: fc.nat() }),
  fc.record({ kind: fc.constant('files' as const), ticket: fc.nat(), visibility: fc.array(fc.constantFrom(...VISIBILITIES), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('visibility' as const), ticket: fc.nat(), visibility: fc.constantFrom(...VISIBILITIES) }),
  fc.record({ kind: fc.constant('move' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('unfile' as const), ticket: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), ticket: fc.nat() }),
);
type Action = typeof action extends fc.Arbitrary<infer T> ? T : never;

async function apply(x: Action) {
  const tenantId = a.id;
  switch (x.kind) {
    case 'comments':
      await db().ticketComment.createMany({ data: Array.from({ length: x.n }, (_, i) => ({ tenantId, ticketId: pick(tickets, x.ticket), public: i % 2 === 0, body: `c${i}` })) });
      return;
    case 'uncomment': {
      const one = await db().ticketComment.findFirst({ where: { tenantId, ticketId: pick(tickets, x.ticket) }, select: { id: true } });
      if (one) await db().ticketComment.delete({ where: { id: one.id } });
      return;
    }
    case 'files':
      await db().ticketFile.createMany({
        data: x.visibility.map((visibility) => ({ tenantId, ticketId: pick(tickets, x.ticket), name: 'f.png', mime: 'image/png', size: 1, image: true, visibility, storage: 'LOCAL' as const, key: randomUUID() })),
      });
      return;
    case 'visibility':
      await db().ticketFile.updateMany({ where: { tenantId, ticketId: pick(tickets, x.ticket) }, data: { visibility: x.visibility } });
      return;
    case 'move': {
      const one = await db().ticketFile.findFirst({ where: { tenantId, ticketId: pick(tickets, x.from) }, select: { id: true } });
      if (one) await db().ticketFile.update({ where: { id: one.id }, data: { ticketId: pick(tickets, x.to) } });
      return;
    }
    case 'unfile':
      await db().ticketFile.deleteMany({ where: { tenantId, ticketId: pick(tickets, x.ticket) } });
      return;
    case 'delete': {
      const gone = pick(tickets, x.ticket);
      await db().ticket.delete({ where: { id: gone } });
      tickets = [...tickets.filter((t) => t !== gone), await newTicket()];
      return;
    }
  }
}

beforeAll(async () => {
  a = await createTenant();
  tickets = [await newTicket(), await newTicket(), await newTicket()];
});

describe('the ticket’s comment and file counts', () => {
  it('equal a direct count after any series of changes', async () => {
    const shared = visibleTo('TECHNICIAN');
    // The trigger's "shared" files are exactly what a role without tickets.files.office sees; the office sees every file.
    expect([...shared].sort()).toEqual(['PUBLIC', 'TECHNICIAN']);
    expect([...visibleTo('OPERATOR')].sort()).toEqual([...VISIBILITIES].sort());
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions) => {
        for (const x of actions) await apply(x);
        const rows = await db().ticket.findMany({ where: { tenantId: a.id }, select: { id: true, commentCount: true, fileCount: true, sharedFileCount: true } });
        for (const t of rows) {
          const [comments, files, sharedFiles] = await Promise.all([
            db().ticketComment.count({ where: { tenantId: a.id, ticketId: t.id } }),
            db().ticketFile.count({ where: { tenantId: a.id, ticketId: t.id } }),
            db().ticketFile.count({ where: { tenantId: a.id, ticketId: t.id, visibility: { in: shared } } }),
          ]);
          expect({ comments: t.commentCount, files: t.fileCount, shared: t.sharedFileCount }).toEqual({ comments, files, shared: sharedFiles });
        }
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});
