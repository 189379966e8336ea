// Runs in the browser before the app's own modules (Next.js's client instrumentation hook).
// zod 4 compiles object parsers with `new Function` when it may; merely probing for that is reported
// as a violation of the pages' Content-Security-Policy (no 'unsafe-eval', src/lib/security-headers.ts).
// Interpreted parsing is plenty for the browser's few schemas; the server keeps the compiled ones.
// zod keeps its global configuration on globalThis.__zod_globalConfig and reads it when a parser
// runs: setting it here, rather than importing zod to call z.config(), keeps the whole library out of
// pages that parse nothing (31 KB gzipped on every page). tests/unit/zod-config.test.ts holds zod to it.
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig ??= {};
holder.__zod_globalConfig.jitless = true;
export {};
