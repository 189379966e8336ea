// next-auth (Auth.js v5): three Credentials providers — staff (e-mail + password), customer (the
// tenant's chosen login field + password) and handoff (the one-time token after sign-up). The JWT
// carries the tenant id, the person's session version, this session's id and when it ends; every
// page and procedure checks them against the host's tenant and the database (services/auth/actors.ts).
import NextAuth, { CredentialsSignin, type User } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { resolveTenantByHost } from '@/server/services/tenants/resolve';
import { consumeHandoffToken, signInCustomer, signInStaff, type SignInResult, type SignedIn } from '@/server/services/auth/sign-in';
import { revokeSession } from '@/server/services/auth/sessions';
import { clientIp } from '@/server/http';
import { consumeVerificationLink } from '@/server/services/tenants/sign-up';
import type { SessionClaims } from '@/server/api/trpc';
import { SESSION_MAX_AGE_SECONDS, sessionEndsAt, toClaims } from './claims';
import { isWellFormedText } from '@/lib/well-formed-text';

declare module 'next-auth' {
  interface User {
    tenantId?: string;
    kind?: 'staff' | 'customer';
    sessionVersion?: number;
  }
  interface Session {
    claims?: SessionClaims;
  }
}

class InvalidCredentials extends CredentialsSignin {
  code = 'invalid';
}
/** The sign-in forms read `throttled:<seconds>` and say how long to wait. */
class ThrottledSignIn extends CredentialsSignin {
  constructor(seconds: number) {
    super();
    this.code = `throttled:${seconds}`;
  }
}

function toUser(user: SignedIn): User {
  return { id: user.id, name: user.name, email: user.email, tenantId: user.tenantId, kind: user.kind, sessionVersion: user.sessionVersion };
}

function outcome(result: SignInResult): User {
  if (result.ok) return toUser(result.user);
  if (result.reason === 'throttled') throw new ThrottledSignIn(result.seconds);
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
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
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
        const token = text(credentials.token);
        // On a sign-up still waiting for its admin, the token is the e-mailed verification link, which makes it live.
        const user = tenant ? await consumeHandoffToken(tenant, token) : await consumeVerificationLink(request.headers.get('host') ?? '', token);
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
        token.sv = user.sessionVersion;
        // This session's own id (signing out revokes it) and its end, fixed now: re-issuing the
        // cookie (/api/auth/session) renews the JWT's `exp`, never the session's end.
        token.sid = crypto.randomUUID();
        token.aexp = Math.floor(Date.now() / 1000) + SESSION_MAX_AGE_SECONDS;
        return token;
      }
      // A token past its session's end (or from before sessions had one) is not re-issued: its cookie is cleared.
      return toClaims(token) ? token : null;
    },
    session({ session, token }) {
      const claims = toClaims(token);
      if (claims) session.claims = claims;
      return session;
    },
  },
  events: {
    /** Signing out ends this session for good, not only its cookie in this browser: a copy of it stops working too. */
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      const claims = token ? toClaims(token) : null;
      if (token && claims) await revokeSession(claims.tenantId, claims.sessionId, new Date(sessionEndsAt(token)));
    },
  },
});
