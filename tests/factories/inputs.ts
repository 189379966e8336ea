// Inputs for generated sweeps over the root router: every procedure's zod input as JSON Schema, a
// valid-looking value for it, and the paths of its text fields — so a sweep covers procedures added
// later without anyone listing them.
import { createECDH } from 'node:crypto';
import { z } from 'zod';
import { appRouter } from '@/server/api/root';

export type JsonSchema = {
  type?: string | string[];
  format?: string;
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
};

export type Procedure = { _def: { type: 'query' | 'mutation' | 'subscription'; inputs: z.ZodType[] } };

/** Every procedure of the root router, by its dotted path. */
export const procedures = Object.entries((appRouter._def as unknown as { procedures: Record<string, Procedure> }).procedures);

export function inputSchema(proc: Procedure): JsonSchema | null {
  const input = proc._def.inputs[0];
  return input ? (z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : null;
}

const DEVICE = createECDH('prime256v1');
DEVICE.generateKeys();

/** Values for fields whose rules a JSON schema cannot express (patterns behind transforms, refinements). */
function namedValue(name: string): unknown {
  const n = name.toLowerCase();
  if (n.includes('email')) return 'sweep@example.com';
  if (n.includes('phone')) return '+54 11 5555-0000';
  if (n === 'slug') return 'sweep-tenant';
  if (n.includes('password')) return 'sweep-password-1';
  if (n === 'timezone') return 'America/Bogota';
  if (n === 'color') return '#123456';
  if (n === 'endpoint') return 'https://fcm.googleapis.com/fcm/send/sweep-device';
  if (n === 'p256dh') return DEVICE.getPublicKey().toString('base64url');
  if (n === 'auth') return Buffer.alloc(16, 7).toString('base64url');
  if (n === 'link' || n === 'url') return 'https://example.com/sweep';
  return undefined;
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
  const named = namedValue(name);
  if (named !== undefined) return typeOf(schema) === 'array' ? [named] : named;
  const chosen = option(schema);
  if (chosen) return sampleInput(chosen, ids, fallbackId, name);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  switch (typeOf(schema)) {
    case 'string':
      if (schema.format === 'uuid') return ids[name] ?? fallbackId;
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
      return 'sweep'.padEnd(Math.max(schema.minLength ?? 0, 5), 'x').slice(0, schema.maxLength ?? 200);
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 0, Math.min(1, schema.maximum ?? 1));
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sampleInput(schema.items ?? {}, ids, fallbackId, name));
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, prop]) => [key, sampleInput(prop, ids, fallbackId, key)]));
    default:
      return undefined;
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
