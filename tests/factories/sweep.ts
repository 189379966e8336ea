// What the generated sweeps (tests/integration/isolation-sweep.test.ts, role-sweep.test.ts,
// malformed-text.test.ts) share: every procedure of the root router — including those added after the
// sweeps were written — and inputs for each, built from the procedure's own zod schema: `generate`
// (required fields and every id field, a chosen id in each), `sampleInput` (every field present, and
// the paths of its text fields).
import { createECDH } from 'node:crypto';
import { z } from 'zod';
import { appRouter } from '@/server/api/root';
import type { ProcedureMeta } from '@/server/api/trpc';
import { PASSWORD } from './index';

export type JsonSchema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  const?: unknown;
  default?: unknown;
};

const SWEEP_DEVICE = createECDH('prime256v1');
SWEEP_DEVICE.generateKeys();

/** Values for fields whose rules a JSON schema cannot express (patterns behind transforms, refinements), for both generators. */
function knownValue(n: string): unknown {
  if (n.includes('email')) return 'sweep@example.com';
  if (n.includes('phone')) return '+54 11 5555-0000';
  if (n === 'slug') return 'sweep-tenant';
  if (n.includes('password')) return 'sweep-password-1';
  if (n === 'timezone') return 'America/Bogota';
  if (n === 'color') return '#123456';
  // A browser's push subscription (on an allowed push service, with well-formed keys).
  if (n === 'endpoint') return 'https://fcm.googleapis.com/fcm/send/sweep-device';
  if (n === 'p256dh') return SWEEP_DEVICE.getPublicKey().toString('base64url');
  if (n === 'auth') return Buffer.alloc(16, 7).toString('base64url');
  // A map's view (maps.connections): the whole world, so anything of another tenant would be in it.
  if (n === 'south') return -85;
  if (n === 'north') return 85;
  if (n === 'west') return -180;
  if (n === 'east') return 180;
  return undefined;
}

/** generate's values by field name: knownValue, and what lets a call get past its own checks to the data. */
function namedValue(name: string): unknown {
  const n = name.toLowerCase();
  // The caller's own current password (the factories' users all have it), so "change my password" gets past its check.
  if (n === 'currentpassword') return PASSWORD;
  if (n === 'taxid') return null;
  if (n === 'query') return 'sweep';
  return knownValue(n);
}

/** A string, number or boolean the schema accepts (a uuid field gets `id`); undefined for other types. */
function scalarValue(schema: JsonSchema, type: string | undefined, id: string, name = ''): unknown {
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return id;
      // Amounts typed as text (G8's prices, G9's collections) and a tax rate as a percentage.
      if (name === 'price' || name === 'amount') return '1500,50';
      if (name === 'taxRate') return '21';
      // A visit's slot (E2, G5): HH:MM, the start before the end.
      if (schema.pattern?.includes('[0-5]')) return name === 'to' ? '11:00' : '09:00';
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
      return 'sweep'.padEnd(Math.max(schema.minLength ?? 0, 5), 'x').slice(0, schema.maxLength ?? 200);
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 0, Math.min(1, schema.maximum ?? 1));
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}

export function generate(schema: JsonSchema, id: string, name = ''): unknown {
  const named = namedValue(name);
  if (named !== undefined) return schema.type === 'array' ? [named] : named;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return generate(options.find((s) => s.type !== 'null') ?? options[0]!, id, name);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = typeOf(schema);
  switch (type) {
    case 'array':
      return Array.from({ length: schema.minItems ?? (hasId(schema.items) ? 1 : 0) }, () => generate(schema.items ?? {}, id, name));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        // Required fields always; optional ones when they carry an id (a reference worth probing).
        if (schema.required?.includes(key) || hasId(prop)) out[key] = generate(prop, id, key);
      }
      return out;
    }
    default:
      return scalarValue(schema, type, id, name);
  }
}

export function hasId(schema: JsonSchema | undefined): boolean {
  if (!schema) return false;
  if (schema.format === 'uuid') return true;
  return [...Object.values(schema.properties ?? {}), ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.items ? [schema.items] : [])].some(hasId);
}

export type Procedure = { _def: { type: 'query' | 'mutation' | 'subscription'; inputs: z.ZodType[]; output?: unknown; meta?: ProcedureMeta } };
export const procedures = Object.entries((appRouter._def as unknown as { procedures: Record<string, Procedure> }).procedures);

export function inputSchema(proc: Procedure): JsonSchema | null {
  const input = proc._def.inputs[0];
  return input ? (z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : null;
}


/** The procedure at `path` on a caller (`tickets.get` → caller.tickets.get). */
export function procedureOf(caller: unknown, path: string): (input: unknown) => Promise<unknown> {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
}

/** sampleInput's values by field name: every field present, so no null where text is expected. */
function sampleNamedValue(name: string): unknown {
  const n = name.toLowerCase();
  if (n === 'link' || n === 'url') return 'https://example.com/sweep';
  return knownValue(n);
}

/** The option of a union a sample takes: the first that is not null. */
function option(schema: JsonSchema): JsonSchema | null {
  const options = schema.anyOf ?? schema.oneOf;
  return options ? (options.find((s) => s.type !== 'null') ?? options[0]!) : null;
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

/**
 * A value the schema accepts as far as its JSON Schema tells: every property present (optional ones
 * too, so each text field exists), arrays of one item, uuid fields from `ids` by field name (else `fallbackId`).
 */
export function sampleInput(schema: JsonSchema, ids: Record<string, string>, fallbackId: string, name = ''): unknown {
  const named = sampleNamedValue(name);
  if (named !== undefined) return typeOf(schema) === 'array' ? [named] : named;
  const chosen = option(schema);
  if (chosen) return sampleInput(chosen, ids, fallbackId, name);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const type = typeOf(schema);
  switch (type) {
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sampleInput(schema.items ?? {}, ids, fallbackId, name));
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, prop]) => [key, sampleInput(prop, ids, fallbackId, key)]));
    default:
      return scalarValue(schema, type, ids[name] ?? fallbackId, name);
  }
}

/** The paths (as in sampleInput's value) of every string field a client may fill freely: ids and text, not enums or constants. */
export function textPaths(schema: JsonSchema, path: (string | number)[] = []): (string | number)[][] {
  const chosen = option(schema);
  if (chosen) return textPaths(chosen, path);
  if (schema.const !== undefined || schema.enum) return [];
  switch (typeOf(schema)) {
    case 'string':
      return [path];
    case 'array':
      return textPaths(schema.items ?? {}, [...path, 0]);
    case 'object':
      return Object.entries(schema.properties ?? {}).flatMap(([key, prop]) => textPaths(prop, [...path, key]));
    default:
      return [];
  }
}

/** A copy of `input` with `value` at `path`. */
export function withValueAt(input: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(input) ? [...input] : { ...(input as object) }) as Record<string | number, unknown>;
  copy[head!] = withValueAt(copy[head!], rest, value);
  return copy;
}
