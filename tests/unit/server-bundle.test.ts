// The production server's bundle (src/cli/runtime.ts) keeps packages external, so a server module
// marked with `import 'server-only'` must bundle to something Node can run: the marker is empty there.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { serverOnlyIsEmpty } from '@/cli/runtime';

describe('the server bundle and server-only', () => {
  it('bundles a module marked server-only into one that runs under Node', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'antena-bundle-'));
    writeFileSync(path.join(dir, 'entry.ts'), "import 'server-only';\nexport const answer = 42;\n");
    const outfile = path.join(dir, 'out.mjs');
    await build({ entryPoints: [path.join(dir, 'entry.ts')], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', plugins: [serverOnlyIsEmpty], logLevel: 'silent' });
    const bundled = (await import(pathToFileURL(outfile).href)) as { answer: number };
    expect(bundled.answer).toBe(42);
  });
});
