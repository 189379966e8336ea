// Refusing input text nothing downstream can take (src/lib/well-formed-text.ts), as one field error
// per offending field. The tRPC ladder calls it on every procedure's raw input; the route handlers
// that read text outside tRPC (a ticket's uploads) call it on theirs.
import { malformedTextPaths } from '@/lib/well-formed-text';
import { AppError } from '@/server/errors';

export function assertWellFormedText(input: unknown): void {
  const paths = malformedTextPaths(input);
  if (paths.length) throw new AppError('BAD_REQUEST', 'invalidInput', undefined, Object.fromEntries(paths.map((path) => [path, { key: 'validation.invalidCharacters' }])));
}
