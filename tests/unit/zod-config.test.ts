// src/instrumentation-client.ts sets zod's jitless mode without importing zod: it relies on zod keeping
// its global configuration in globalThis.__zod_globalConfig. If a zod upgrade moves it, this fails.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

describe('zod’s global configuration', () => {
  it('is the object the browser’s instrumentation sets', async () => {
    const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
    expect(holder.__zod_globalConfig).toBe(z.config());
    const before = z.config().jitless;
    try {
      await import('@/instrumentation-client');
      expect(z.config().jitless).toBe(true);
    } finally {
      z.config({ jitless: before });
    }
  });
});
