// Each procedure's declared answer, by path, and the schema a role's answer is parsed with (the
// procedure ladder calls answerFor after every staff call). The rules are in src/lib/answers.ts.
import { z } from 'zod';
import type { Role } from '@/lib/permissions';
import { schemaForRole } from '@/lib/answers';

type ProcedureDef = { _def: { output?: unknown } };

/** Each procedure's declared answer by path ("tickets.get"), from the root router (root.ts registers it). */
let outputs = new Map<string, z.ZodType>();
/** Per path and role: the schema to parse the answer with, or null when the role receives it as declared. */
const byRole = new Map<string, z.ZodType | null>();

export function registerAnswers(procedures: Record<string, ProcedureDef>): void {
  outputs = new Map();
  byRole.clear();
  for (const [path, procedure] of Object.entries(procedures)) {
    const output = procedure._def.output;
    if (output instanceof z.ZodType) outputs.set(path, output);
  }
}

/** The schema the ladder parses `path`'s answer with for `role`, or null when none is needed. */
export function answerFor(path: string, role: Role): z.ZodType | null {
  const key = `${path}\u0000${role}`;
  let answer = byRole.get(key);
  if (answer === undefined) {
    const declared = outputs.get(path);
    const derived = declared ? schemaForRole(declared, role) : null;
    answer = derived && derived !== declared ? derived : null;
    byRole.set(key, answer);
  }
  return answer;
}
