// tRPC over HTTP, through the handler both the production server and the dev route call
// (handleTrpc): a batch carries at most MAX_TRPC_BATCH calls, GET or POST — refused whole, translated,
// before any call runs — and every answer carries the security headers of a resource.
import { beforeAll, describe, expect, it } from 'vitest';
import { handleTrpc } from '@/server/api/http-handler';
import { scopedDb } from '@/server/data/scoped';
import { RESOURCE_CSP } from '@/lib/security-headers';
import { MAX_TRPC_BATCH } from '@/trpc/batch';
import { createTenant, type TestTenant } from '../factories';
import { sessionCookie } from '../factories/http';

let t: TestTenant;
let cookie: string;
beforeAll(async () => {
  t = await createTenant();
  cookie = (await sessionCookie({ kind: 'staff', userId: t.adminId, tenantId: t.id }))!;
});

function batchGet(n: number, headers: Record<string, string> = {}) {
  const paths = Array.from({ length: n }, () => 'users.me').join(',');
  const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: null }]))));
  return handleTrpc(new Request(`http://${t.host}/api/trpc/${paths}?batch=1&input=${input}`, { headers: { host: t.host, cookie, ...headers } }));
}

function batchPost(n: number) {
  const paths = Array.from({ length: n }, () => 'preferences.saveFilter').join(',');
  const body = JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: { scope: 'tickets', name: `Filtro ${i}`, query: 'q=sin+senal' } }])));
  return handleTrpc(new Request(`http://${t.host}/api/trpc/${paths}?batch=1`, { method: 'POST', headers: { host: t.host, cookie, 'content-type': 'application/json' }, body }));
}

describe('batches', () => {
  it(`answers a GET batch of ${MAX_TRPC_BATCH} calls`, async () => {
    const res = await batchGet(MAX_TRPC_BATCH);
    expect(res.status).toBe(200);
    expect(((await res.json()) as unknown[]).length).toBe(MAX_TRPC_BATCH);
  });

  it('refuses a GET of 1,500 calls with a translated 400, in the caller’s language', async () => {
    const es = await batchGet(1_500);
    expect(es.status).toBe(400);
    expect(await es.json()).toEqual({ error: { code: 'BAD_REQUEST', message: `Demasiadas consultas en una sola solicitud (como máximo ${MAX_TRPC_BATCH}).` } });
    const en = await batchGet(MAX_TRPC_BATCH + 1, { cookie: `${cookie}; NEXT_LOCALE=en` });
    expect(en.status).toBe(400);
    expect(((await en.json()) as { error: { message: string } }).error.message).toBe(`Too many calls in one request (at most ${MAX_TRPC_BATCH}).`);
  });

  it('refuses a POST of 800 mutations before any of them runs', async () => {
    const res = await batchPost(800);
    expect(res.status).toBe(400);
    expect(await scopedDb(t.id).savedFilter.count({ where: { userId: t.adminId } })).toBe(0);
    // A batch within the limit runs.
    expect((await batchPost(2)).status).toBe(200);
    expect(await scopedDb(t.id).savedFilter.count({ where: { userId: t.adminId } })).toBe(2);
  });

  it('counts the calls as tRPC does, with an encoded path', async () => {
    const paths = encodeURIComponent(Array.from({ length: MAX_TRPC_BATCH + 1 }, () => 'users.me').join(','));
    const res = await handleTrpc(new Request(`http://${t.host}/api/trpc/${paths}?batch=1&input=%7B%7D`, { headers: { host: t.host, cookie } }));
    expect(res.status).toBe(400);
  });
});

describe('security headers on tRPC answers', () => {
  it('an answer, an error and a refusal all carry them; HSTS only when the request came over HTTPS', async () => {
    const ok = await batchGet(1);
    const error = await handleTrpc(new Request(`http://${t.host}/api/trpc/users.me`, { headers: { host: t.host } }));
    const refusal = await batchGet(MAX_TRPC_BATCH + 1);
    expect([ok.status, error.status, refusal.status]).toEqual([200, 401, 400]);
    for (const res of [ok, error, refusal]) {
      expect(res.headers.get('content-security-policy')).toBe(RESOURCE_CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('permissions-policy')).toContain('microphone=()');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    const overHttps = await batchGet(1, { 'x-forwarded-proto': 'https' });
    expect(overHttps.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
  });
});

describe('malformed calls', () => {
  const call = (path: string, init: RequestInit = {}) => handleTrpc(new Request(`http://${t.host}/api/trpc/${path}`, { ...init, headers: { host: t.host, cookie, ...(init.headers as Record<string, string>) } }));
  const message = async (res: Response) => ((await res.json()) as { error: { json: { message: string } } }).error.json.message;

  it('are answered 4xx with a translated message, never 500', async () => {
    const badJson = await call(`users.me?input=${encodeURIComponent('{"json":')}`);
    expect(badJson.status).toBe(400);
    const badPath = await call('users.me%E0%A4%A?input=%7B%7D');
    expect(badPath.status).toBe(400);
    const noType = await call('preferences.saveFilter', { method: 'POST', body: '{}' });
    expect(noType.status).toBe(415);
    expect(await message(noType)).toBe('La solicitud no es válida.');
    const getMutation = await call(`preferences.saveFilter?input=${encodeURIComponent('{"json":{}}')}`);
    expect(getMutation.status).toBe(405);
    // An input nested 100,000 levels deep: refused by its schema, without exhausting the stack.
    const deep = `${'['.repeat(100_000)}"x"${']'.repeat(100_000)}`;
    const nested = await call('preferences.saveFilter', { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"json":${deep}}` });
    expect(nested.status).toBe(400);
  });
});
