// Runs in every integration test file before it is imported: the file gets a database of its
// own, and the app finds it where it always looks (src/server/db.ts reads DATABASE_URL on first use);
// ticket files go to a folder of its own, removed when the file's tests end.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { createTestDatabase } from './db';

process.env.DATABASE_URL = await createTestDatabase();
const filesDir = mkdtempSync(path.join(os.tmpdir(), 'antena-files-'));
process.env.FILES_DIR = filesDir;
afterAll(() => rmSync(filesDir, { recursive: true, force: true }));
