// Small zod building blocks shared by the services' input schemas.
import { z } from 'zod';
import { cleanName } from './names';

/** Optional free text: trimmed, at most `max` characters; empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .nullish();

/** A name shown as an identifier (a customer's, a staff member's): one line, without invisible format characters (lib/names.ts), trimmed, `min`–`max` characters. */
export const displayName = (min: number, max: number) => z.string().overwrite(cleanName).trim().min(min).max(max);
