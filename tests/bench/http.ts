// HTTP from the benchmark to the app: Node does not resolve *.localhost, so requests go to
// 127.0.0.1 with the tenant's Host header — through node:http, because fetch silently replaces a
// Host header with the address it connects to. Signs in through next-auth like a browser does.
import http from 'node:http';
import superjson from 'superjson';

/**
 * One keep-alive agent for the whole run, so latencies are not connection setups; with a socket for
 * each of tickets.create's 50 connections (at 16, requests queued in the client for a socket).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** An answer as node:http gives it. The 50 clients' calls read it directly: wrapping each in a fetch
 * Response (web streams) was about a fifth of the clients' CPU, taken from the server on 2 cores. */
type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer<ArrayBuffer> };

function request(url: string, init: { method?: string; headers: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}

function toResponse({ status, headers: raw, body }: Answer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  }
  return new Response(status === 204 || status === 304 ? null : body, { status, headers });
}

export class Session {
  private cookies = new Map<string, string>();
  constructor(readonly port: number, readonly host: string) {}

  /** The session's Cookie header, for requests the benchmark builds itself. */
  get cookie(): string {
    return this.cookieHeader();
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(setCookie: string[] | undefined) {
    for (const line of setCookie ?? []) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }

  private async send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
    const answer = await request(`http://127.0.0.1:${this.port}${path}`, {
      ...init,
      headers: { ...init.headers, host: this.host, cookie: this.cookieHeader() },
    });
    this.keep(answer.headers['set-cookie']);
    return answer;
  }

  /** The cookies the app set so far (the session's among them), for a browser to carry. */
  cookieList(): { name: string; value: string }[] {
    return [...this.cookies].map(([name, value]) => ({ name, value }));
  }

  async fetch(path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Response> {
    return toResponse(await this.send(path, init));
  }

  /** The tRPC result of an answer; throws on a non-200 one. */
  private static result<T>(path: string, { status, body }: Answer): T {
    const text = body.toString('utf8');
    if (status !== 200) throw new Error(`${path}: ${status} ${text.slice(0, 300)}`);
    return superjson.deserialize((JSON.parse(text) as { result: { data: never } }).result.data) as T;
  }

  async signInStaff(email: string, password: string): Promise<void> {
    await this.signIn('staff', { email, password, callbackUrl: '/' });
  }

  /** A customer of the host's tenant, through the portal's sign-in (`login`: the tenant's login field). */
  async signInCustomer(login: string, password: string): Promise<void> {
    await this.signIn('customer', { login, password, callbackUrl: '/portal' });
  }

  private async signIn(provider: 'staff' | 'customer', fields: Record<string, string>): Promise<void> {
    const { csrfToken } = (await (await this.fetch('/api/auth/csrf')).json()) as { csrfToken: string };
    const res = await this.fetch(`/api/auth/callback/${provider}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, csrfToken }).toString(),
    });
    const location = res.headers.get('location') ?? '';
    if (res.status !== 302 || location.includes('error')) throw new Error(`${provider} sign-in failed: ${res.status} ${location}`);
  }

  /** A tRPC mutation over HTTP; throws on a non-200 answer. */
  async mutate<T = unknown>(path: string, input: unknown): Promise<T> {
    return Session.result<T>(path, await this.send(`/api/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(superjson.serialize(input)) }));
  }

  /** The size in bytes of a tRPC query's answer over HTTP (its body as sent, uncompressed); throws on a non-200 answer. */
  async queryBytes(path: string, input: unknown): Promise<number> {
    const answer = await this.send(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`);
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.body.toString('utf8').slice(0, 300)}`);
    return answer.body.length;
  }

  /** A tRPC query over HTTP; throws on a non-200 answer. */
  async query<T = unknown>(path: string, input: unknown): Promise<T> {
    return Session.result<T>(path, await this.send(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`));
  }
}
