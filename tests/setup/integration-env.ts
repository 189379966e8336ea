// Runs in every integration test file before it is imported: the file gets a database of its
// own, and the app finds it where it always looks (src/server/db.ts reads DATABASE_URL on first use).
import { createTestDatabase } from './db';

process.env.DATABASE_URL = await createTestDatabase();
