// The one Prisma client of the process. DATABASE_URL is read on first use, so test files and the
// start script can point it at their database before anything connects.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/generated/prisma/client';
import { env } from '@/env';

const globalForDb = globalThis as unknown as { antenaPrisma?: PrismaClient };

export function db(): PrismaClient {
  if (!globalForDb.antenaPrisma) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error('DATABASE_URL is not set (npm start sets it for the embedded PostgreSQL)');
    const adapter = new PrismaPg({ connectionString, max: env().DATABASE_POOL_MAX });
    globalForDb.antenaPrisma = new PrismaClient({ adapter });
  }
  return globalForDb.antenaPrisma;
}

export type Db = PrismaClient;
