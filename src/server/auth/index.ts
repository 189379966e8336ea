// next-auth (Auth.js v5): three Credentials providers — staff (e-mail + password), customer (the
// tenant's chosen login field + password) and handoff (the one-time token after sign-up). The JWT
// carries the tenant id; every page and procedure checks it against the host's tenant.
import NextAuth, { CredentialsSignin, type User } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { resolveTenantByHost } from '@/server/services/tenants/resolve';
import { consumeHandoffToken, signInCustomer, signInStaff, type SignInResult, type SignedIn } from '@/server/services/auth/sign-in';
import { clientIp } from '@/server/http';
import { isWellFormedText } from '@/lib/well-formed-text';

declare module 'next-auth' {
  interface User {
    tenantId?: string;
    kind?: 'staff' | 'customer';
  }
  interface Session {
    claims?: { kind: 'staff' | 'customer'; userId: string; tenantId: string };
  }
}

class InvalidCredentials extends CredentialsSignin {
  code = 'invalid';
}
class ThrottledSignIn extends CredentialsSignin {
  constructor(minutes: number) {
    super();
    this.code = `throttled:${minutes}`;
  }
}

function toUser(user: SignedIn): User {
  return { id: user.id, name: user.name, email: user.email, tenantId: user.tenantId, kind: user.kind };
}

function outcome(result: SignInResult): User {
  if (result.ok) return toUser(result.user);
  if (result.reason === 'throttled') throw new ThrottledSignIn(result.minutes);
  throw new InvalidCredentials();
}

/** A credential as text; one no database takes (a NUL, a lone surrogate) is no credential: a wrong sign-in, not a failure. */
function text(value: unknown, max = 300): string {
  return typeof value === 'string' && isWellFormedText(value) ? value.slice(0, max) : '';
}

async function tenantOf(request: Request) {
  const host = request.headers.get('host');
  return host ? resolveTenantByHost(host) : null;
}

export const { handlers, auth, signOut } = NextAuth({
  trustHost: true,
  // A wrong password is an expected outcome, answered to the user; not an error with a stack trace in the log.
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error('[auth]', error);
    },
  },
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    Credentials({
      id: 'staff',
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const tenant = await tenantOf(request);
        if (!tenant) throw new InvalidCredentials();
        return outcome(await signInStaff(tenant, text(credentials.email), text(credentials.password), clientIp(request.headers)));
      },
    }),
    Credentials({
      id: 'customer',
      credentials: { login: {}, password: {} },
      async authorize(credentials, request) {
        const tenant = await tenantOf(request);
        if (!tenant) throw new InvalidCredentials();
        return outcome(await signInCustomer(tenant, text(credentials.login), text(credentials.password), clientIp(request.headers)));
      },
    }),
    Credentials({
      id: 'handoff',
      credentials: { token: {} },
      async authorize(credentials, request) {
        const tenant = await tenantOf(request);
        const user = tenant ? await consumeHandoffToken(tenant, text(credentials.token)) : null;
        if (!user) throw new InvalidCredentials();
        return toUser(user);
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.tid = user.tenantId;
        token.kind = user.kind;
        token.uid = user.id;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.tid === 'string' && typeof token.uid === 'string' && (token.kind === 'staff' || token.kind === 'customer')) {
        session.claims = { kind: token.kind, userId: token.uid, tenantId: token.tid };
      }
      return session;
    },
  },
});
