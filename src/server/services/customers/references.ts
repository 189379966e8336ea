// Foreign keys chosen in a form must belong to the caller's tenant; a stale or foreign id is a field error.
import type { ScopedDb } from '@/server/data/scoped';
import { fieldError } from '@/server/errors';

type Refs = { planId?: string | null; nodeId?: string | null; localityId?: string | null };

export async function assertReferences(db: ScopedDb, refs: Refs, prefix = ''): Promise<void> {
  const checks: [string, Promise<unknown>][] = [];
  if (refs.planId) checks.push(['planId', db.plan.findUnique({ where: { id: refs.planId }, select: { id: true } })]);
  if (refs.nodeId) checks.push(['nodeId', db.node.findUnique({ where: { id: refs.nodeId }, select: { id: true } })]);
  if (refs.localityId) checks.push(['localityId', db.locality.findUnique({ where: { id: refs.localityId }, select: { id: true } })]);
  for (const [field, found] of checks) {
    if (!(await found)) throw fieldError(`${prefix}${field}`, 'validation.unknownOption');
  }
}
