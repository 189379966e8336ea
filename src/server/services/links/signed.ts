// Links that need no sign-in (H5's survey, G5's visit proposal): `<ticket id, base64url>.<HMAC-SHA256>`,
// the HMAC over a purpose, the tenant, the ticket and the instant of the thing the link answers (the
// closing, the proposal). No row is written to make a link; a link of an earlier closing or proposal
// no longer verifies. One secret per installation (InstallationSecret "survey", its first user, made
// on first use and shared by every process); the purpose keeps one kind of link from passing as another.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { db as rootDb } from '@/server/db';

const SECRET = 'survey';
let secret: Promise<Buffer> | null = null;

function signingSecret(): Promise<Buffer> {
  secret ??= (async () => {
    await rootDb().installationSecret.createMany({ data: [{ name: SECRET, value: randomBytes(32).toString('hex') }], skipDuplicates: true });
    const row = await rootDb().installationSecret.findUniqueOrThrow({ where: { name: SECRET } });
    return Buffer.from(row.value, 'hex');
  })().catch((err) => {
    secret = null;
    throw err;
  });
  return secret;
}

function idToText(id: string): string {
  return Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url');
}

function textToId(text: string): string | null {
  if (!/^[A-Za-z0-9_-]{22}$/.test(text)) return null;
  const hex = Buffer.from(text, 'base64url').toString('hex');
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function mac(purpose: string, tenantId: string, ticketId: string, at: Date): Promise<Buffer> {
  return createHmac('sha256', await signingSecret()).update(`${purpose}:${tenantId}:${ticketId}:${at.getTime()}`).digest();
}

/** The link token of a ticket for `purpose`, bound to the instant `at`. */
export async function signTicketLink(purpose: string, tenantId: string, ticketId: string, at: Date): Promise<string> {
  return `${idToText(ticketId)}.${(await mac(purpose, tenantId, ticketId, at)).toString('base64url')}`;
}

/** The ticket a well-formed token names (its signature still to be checked), or null. */
export function ticketOfLink(token: string): string | null {
  const [idText, signature, extra] = token.split('.');
  if (!idText || !signature || extra !== undefined || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return null;
  return textToId(idText);
}

/** Whether the token's signature holds for the ticket's current instant `at`. */
export async function verifyTicketLink(purpose: string, tenantId: string, ticketId: string, at: Date, token: string): Promise<boolean> {
  const given = Buffer.from(token.split('.')[1] ?? '', 'base64url');
  const expected = await mac(purpose, tenantId, ticketId, at);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
