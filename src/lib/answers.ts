// What a role may receive (A2: "a role without billing permission never sees billing data, not even
// in an API response"). Every procedure declares its answer with `.output(schema)`; a field that
// needs a permission is declared with `requires(permission, schema)`. For a staff caller whose role
// lacks it, the procedure ladder parses the answer with the schema *without* that field
// (schemaForRole, derived once per procedure and role in src/server/api/answers.ts), so the field is
// absent — whatever the service returned. Pure: zod and the permission map.
import { z } from 'zod';
import { can, type Permission, type Role } from '@/lib/permissions';

/** Fields that need a permission, by their schema. */
const restricted = z.registry<{ permission: Permission }>();

/** A field only roles holding `permission` receive (optional in the answer: absent for the others). */
export function requires<T extends z.ZodType>(permission: Permission, schema: T): z.ZodOptional<T> {
  const field = schema.optional();
  restricted.add(field, { permission });
  return field;
}

/** The permissions a schema's restricted fields need, anywhere inside it. */
export function restrictedPermissions(schema: z.ZodType, seen = new Set<z.ZodType>()): Set<Permission> {
  const found = new Set<Permission>();
  if (seen.has(schema)) return found;
  seen.add(schema);
  const own = restricted.get(schema);
  if (own) found.add(own.permission);
  for (const child of children(schema)) for (const p of restrictedPermissions(child, seen)) found.add(p);
  return found;
}

function children(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodObject) return Object.values(schema.shape) as z.ZodType[];
  if (schema instanceof z.ZodArray) return [schema.element as z.ZodType];
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return [schema.unwrap() as z.ZodType];
  if (schema instanceof z.ZodUnion) return [...schema.options] as z.ZodType[];
  return [];
}

/**
 * The schema as `role` may receive it: every field whose permission the role lacks removed. The
 * same schema object when nothing is removed (so a role that may see everything pays no second parse).
 */
export function schemaForRole(schema: z.ZodType, role: Role): z.ZodType {
  if (schema instanceof z.ZodObject) {
    let changed = false;
    const shape: Record<string, z.ZodType> = {};
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const rule = restricted.get(field);
      if (rule && !can(role, rule.permission)) {
        changed = true;
        continue;
      }
      const derived = schemaForRole(field, role);
      if (derived !== field) changed = true;
      shape[key] = derived;
    }
    return changed ? z.object(shape) : schema;
  }
  if (schema instanceof z.ZodArray) {
    const element = schemaForRole(schema.element as z.ZodType, role);
    return element === schema.element ? schema : z.array(element);
  }
  if (schema instanceof z.ZodOptional) {
    const inner = schemaForRole(schema.unwrap() as z.ZodType, role);
    return inner === schema.unwrap() ? schema : inner.optional();
  }
  if (schema instanceof z.ZodNullable) {
    const inner = schemaForRole(schema.unwrap() as z.ZodType, role);
    return inner === schema.unwrap() ? schema : inner.nullable();
  }
  if (schema instanceof z.ZodUnion) {
    const options = schema.options.map((o) => schemaForRole(o as z.ZodType, role));
    return options.every((o, i) => o === schema.options[i]) ? schema : z.union(options as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  }
  return schema;
}
