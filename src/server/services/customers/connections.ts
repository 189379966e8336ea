// A4: a customer's connections (contracts): plan, node, type, address, locality, coordinates, status.
import { z } from 'zod';
import { fieldError, isForeignKeyViolation, notFound, uniqueViolationFields, AppError } from '@/server/errors';
import type { StaffCaller } from '@/server/services/caller';
import { assertReferences } from './references';
import { ZConnectionCreate, ZConnectionUpdate } from './schemas';

function duplicateError(error: unknown): AppError | null {
  const fields = uniqueViolationFields(error);
  if (!fields) return null;
  return fields.includes('code') ? fieldError('code', 'validation.connectionCodeTaken', undefined, 'CONFLICT') : new AppError('CONFLICT', 'conflict');
}

export async function createConnection({ db, tenantId }: StaffCaller, input: z.output<typeof ZConnectionCreate>) {
  const customer = await db.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
  if (!customer) throw notFound();
  await assertReferences(db, input);
  try {
    return await db.connection.create({ data: { ...input, tenantId }, select: { id: true, customerId: true } });
  } catch (error) {
    throw duplicateError(error) ?? error;
  }
}

export async function updateConnection({ db, tenantId, actor }: StaffCaller, input: z.output<typeof ZConnectionUpdate>) {
  const { id, ...changes } = input;
  const current = await db.connection.findUnique({ where: { id }, select: { id: true, customerId: true, status: true, latitude: true, longitude: true } });
  if (!current) throw notFound();
  await assertReferences(db, changes);
  try {
    return await db.$transaction(async (tx) => {
      const saved = await tx.connection.update({ where: { id }, data: changes, select: { id: true, customerId: true } });
      // F3: a status change goes into the connection's history, with who made it.
      if (changes.status && changes.status !== current.status) {
        await tx.connectionEvent.create({ data: { tenantId, customerId: current.customerId, connectionId: id, kind: 'status', fromStatus: current.status, toStatus: changes.status, actorId: actor.id } });
      }
      return saved;
    });
  } catch (error) {
    throw duplicateError(error) ?? error;
  }
}

export async function deleteConnection({ db }: StaffCaller, id: string) {
  const result = await db.connection.deleteMany({ where: { id } }).catch((error: unknown) => {
    // Tickets keep the connection they were opened for.
    if (isForeignKeyViolation(error)) throw new AppError('CONFLICT', 'inUse');
    throw error;
  });
  if (result.count !== 1) throw notFound();
  return { id };
}
