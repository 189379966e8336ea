// HTTP from the benchmark to the app: Node's fetch does not resolve *.localhost, so requests go to
// 127.0.0.1 with the tenant's Host header. Signs in through next-auth like a browser does.
import superjson from 'superjson';

export class Session {
  private cookies = new Map<string, string>();
  constructor(readonly port: number, readonly host: string) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(`http://127.0.0.1:${this.port}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), host: this.host, cookie: this.cookieHeader() },
    });
    this.keep(res);
    return res;
  }

  async signInStaff(email: string, password: string): Promise<void> {
    const { csrfToken } = (await (await this.fetch('/api/auth/csrf')).json()) as { csrfToken: string };
    const res = await this.fetch('/api/auth/callback/staff', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: '/' }),
    });
    const location = res.headers.get('location') ?? '';
    if (res.status !== 302 || location.includes('error')) throw new Error(`sign-in failed: ${res.status} ${location}`);
  }

  /** A tRPC query over HTTP; throws on a non-200 answer. */
  async query<T = unknown>(path: string, input: unknown): Promise<T> {
    const res = await this.fetch(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`);
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}`);
    return superjson.deserialize((JSON.parse(body) as { result: { data: never } }).result.data) as T;
  }
}
