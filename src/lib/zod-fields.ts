// Small zod building blocks shared by the services' input schemas.
import { z } from 'zod';

/** Optional free text: trimmed, at most `max` characters; empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .nullish();
