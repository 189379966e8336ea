// Runs in the browser before the app's own modules (Next.js's client instrumentation hook).
// zod 4 compiles object parsers with `new Function` when it may; merely probing for that is reported
// as a violation of the pages' Content-Security-Policy (no 'unsafe-eval', src/lib/security-headers.ts).
// Interpreted parsing is plenty for the browser's few schemas; the server keeps the compiled ones.
import { z } from 'zod';

z.config({ jitless: true });
