// F2/F8/F12 on real PostgreSQL, with the real worker delivering through local servers that speak
// Resend's and Twilio's APIs: "primer ingreso / olvidé mi contraseña" by an e-mailed link (single use,
// expiring, stored hashed, the same answer for unknown accounts, throttled) or by an SMS code; the
// password policy; the welcome message shown once; the info message; the profile's additions and
// password change; Settings → "App y portal" and its validation.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/server/db';
import { scopedDb } from '@/server/data/scoped';
import { startWorker, type Worker } from '@/server/notifications/worker';
import { forgetTenantCache } from '@/server/services/tenants/resolve';
import { signInCustomer } from '@/server/services/auth/sign-in';
import { ACCESS_MINUTES, MAX_CODE_ATTEMPTS, MAX_OPEN, REQUEST_MIN_MS, requestAccess, setPasswordWithCode, setPasswordWithLink } from '@/server/services/portal/access';
import { asCustomer, asStaff, callerOn, createCustomer, PASSWORD, rejects, type StaffOfEveryRole, type TestTenant, twoTenantsWithStaff, unique, until } from '../factories';
import { httpCall } from '../factories/http';
import { useFakeResend } from '../fakes/resend';
import { startFakeSms } from '../fakes/sms';

const resend = await useFakeResend('avisos@antena.test');
const ACCOUNT = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'sms-test-token' };
const sms = await startFakeSms(ACCOUNT);
process.env.TWILIO_ACCOUNT_SID = ACCOUNT.accountSid;
process.env.TWILIO_AUTH_TOKEN = ACCOUNT.authToken;
process.env.TWILIO_BASE_URL = sms.url;

const NEW_PASSWORD = 'antena-portal-nueva-7';

let a: TestTenant, b: TestTenant, A: StaffOfEveryRole, B: StaffOfEveryRole;
let worker: Worker;
beforeAll(async () => {
  ({ a, b, A, B } = await twoTenantsWithStaff());
  worker = await startWorker(process.env.DATABASE_URL!, { pollMs: 100 });
});
afterAll(async () => {
  await worker?.stop();
  await resend.close();
  await sms.close();
});

/** The tenant as the host resolves it now (after a settings change). */
async function fresh(tenant: TestTenant): Promise<TestTenant> {
  forgetTenantCache();
  const row = await db().tenant.findUniqueOrThrow({ where: { id: tenant.id } });
  const { readSettings } = await import('@/server/services/tenants/settings');
  return { ...tenant, locale: row.locale, settings: readSettings(row.settings) };
}

/** The e-mails the fake Resend accepted for `to`. */
const mailsTo = (to: string) => resend.deliveredTo(to).map((d) => d.body as { subject: string; text: string; html: string });
const linkIn = (text: string) => /\/portal\/password\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const anonymous = (tenant: TestTenant) => callerOn(tenant.host, null);

describe('primer ingreso / olvidé mi contraseña by e-mail', () => {
  it('answers the same for an unknown login and a known one; only the known one gets a link, in the tenant’s language, with the name escaped', async () => {
    const customer = await createCustomer(a, { name: 'Ana <b>Ruiz</b>', taxId: '27111222', emails: [`ana-${unique('x')}@example.com`] });
    const portal = await anonymous(a);
    const t0 = Date.now();
    const known = await portal.portal.access.request({ login: '27.111.222' });
    const t1 = Date.now();
    const unknown = await portal.portal.access.request({ login: '99888777' });
    const t2 = Date.now();
    expect(known).toEqual({ requested: true });
    expect(unknown).toEqual(known);
    // Neither answers sooner than the floor, so the time taken says little about existence.
    expect(t1 - t0).toBeGreaterThanOrEqual(REQUEST_MIN_MS - 5);
    expect(t2 - t1).toBeGreaterThanOrEqual(REQUEST_MIN_MS - 5);

    const mail = await until(() => mailsTo(customer.emails[0]!)[0]);
    expect(mail.subject).toContain('portal');
    expect(mail.text).toContain(`${ACCESS_MINUTES} minutos`);
    expect(mail.html).toContain('Ana &lt;b&gt;Ruiz&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>Ruiz');
    const token = linkIn(mail.text)!;
    expect(token).toBeTruthy();
    // Stored hashed: the table holds the token's SHA-256, never the token.
    const rows = await scopedDb(a.id).portalAccessToken.findMany({ where: { customerId: customer.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'LINK', secretHash: sha256(token), usedAt: null });
    expect(JSON.stringify(rows)).not.toContain(token);
    // Nothing at all was written for the unknown login.
    expect(await scopedDb(a.id).portalAccessToken.count({ where: { customer: { taxId: '99888777' } } })).toBe(0);

    // In the tenant's language (Italian here).
    const italian = { ...a, locale: 'it' };
    const other = await createCustomer(a, { taxId: '27111333', emails: [`it-${unique('x')}@example.com`] });
    await requestAccess(italian, { login: '27111333' }, null);
    const it = await until(() => mailsTo(other.emails[0]!)[0]);
    expect(it.text).toContain('minuti');
  });

  it('the link sets a password once: the policy is enforced without spending it, other sessions end, a second use is refused', async () => {
    const customer = await createCustomer(a, { name: 'Bruno Díaz Pereyra', taxId: '27222333', portalPassword: true });
    await (await anonymous(a)).portal.access.request({ login: '27222333' });
    const token = linkIn((await until(() => mailsTo(customer.emails[0]!)[0])).text)!;
    const before = (await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).sessionVersion;

    // The policy: a common password and the customer's own name are refused, and the link still works after.
    const common = await httpCall({ host: a.host, session: null, path: 'portal.access.setPassword', input: { token, password: 'password123' } });
    expect(common.status).toBe(400);
    expect(common.json.error?.json.data.fieldErrors?.password).toMatch(/más usadas/);
    const personal = await rejects((await anonymous(a)).portal.access.setPassword({ token, password: 'brunodíazpereyra' }), 'BAD_REQUEST');
    expect((personal.cause as { fieldErrors?: Record<string, { key: string }> }).fieldErrors?.password?.key).toBe('validation.passwordPersonal');

    expect(await (await anonymous(a)).portal.access.setPassword({ token, password: NEW_PASSWORD })).toEqual({ passwordSet: true });
    const after = await db().customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(after.sessionVersion).toBe(before + 1);
    expect(await signInCustomer(a, '27222333', NEW_PASSWORD, null)).toMatchObject({ ok: true });
    expect(await signInCustomer(a, '27222333', PASSWORD, null)).toMatchObject({ ok: false });

    // Used: refused, with a translated reason on the token field.
    const again = await httpCall({ host: a.host, session: null, path: 'portal.access.setPassword', input: { token, password: 'otra-clave-segura-9' } });
    expect(again.status).toBe(404);
    expect(again.json.error?.json.data.fieldErrors?.token).toMatch(/ya se usó o venció/);
    expect(await signInCustomer(a, '27222333', 'otra-clave-segura-9', null)).toMatchObject({ ok: false });
  });

  it('an expired link is refused; a link of another tenant is nothing on this one', async () => {
    const customer = await createCustomer(a, { taxId: '27333444' });
    await requestAccess(a, { login: '27333444' }, null, new Date(Date.now() - (ACCESS_MINUTES + 1) * 60_000));
    const token = linkIn((await until(() => mailsTo(customer.emails[0]!)[0])).text)!;
    await rejects((await anonymous(a)).portal.access.setPassword({ token, password: NEW_PASSWORD }), 'NOT_FOUND');

    const fresh2 = await createCustomer(a, { taxId: '27333555' });
    await requestAccess(a, { login: '27333555' }, null);
    const live = linkIn((await until(() => mailsTo(fresh2.emails[0]!)[0])).text)!;
    await rejects((await anonymous(b)).portal.access.setPassword({ token: live, password: NEW_PASSWORD }), 'NOT_FOUND');
    // Still good on its own tenant.
    expect(await setPasswordWithLink(a, { token: live, password: NEW_PASSWORD })).toEqual({ passwordSet: true });
  });

  it('is throttled per login and per address, and sends at most MAX_OPEN links per customer in a window', async () => {
    const customer = await createCustomer(a, { taxId: '27444555' });
    const ip = '203.0.113.44';
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      try {
        await requestAccess(a, { login: '27444555' }, ip);
        outcomes.push('ok');
      } catch (error) {
        outcomes.push((error as { code: string }).code);
      }
    }
    // The sign-in throttle's pair bucket: 5 free, one more counted, then a wait.
    expect(outcomes.slice(0, 6)).toEqual(Array(6).fill('ok'));
    expect(outcomes.slice(6)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
    await until(() => mailsTo(customer.emails[0]!).length >= MAX_OPEN || undefined);
    expect(await scopedDb(a.id).portalAccessToken.count({ where: { customerId: customer.id } })).toBe(MAX_OPEN);
    // An unknown login is throttled alike: the refusal tells nothing.
    const unknown: string[] = [];
    for (let i = 0; i < 8; i++) await requestAccess(a, { login: '11000111' }, ip).then(() => unknown.push('ok'), (e: { code: string }) => unknown.push(e.code));
    expect(unknown).toEqual(outcomes);

    // Per account: one login asked for from many addresses is slowed too (its bucket: 10 free, then a wait).
    const spread: string[] = [];
    for (let i = 0; i < 12; i++) await requestAccess(a, { login: '11000222' }, `192.0.2.${i + 1}`).then(() => spread.push('ok'), (e: { code: string }) => spread.push(e.code));
    expect(spread.slice(0, 11)).toEqual(Array(11).fill('ok'));
    expect(spread[11]).toBe('TOO_MANY_REQUESTS');

    // Per address: many logins from one address are slowed too (its bucket: 30 free).
    const noisy = '198.51.100.9';
    const results = await Promise.allSettled(Array.from({ length: 33 }, (_, i) => requestAccess(a, { login: `5${String(i).padStart(7, '0')}` }, noisy)));
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
  });
});

describe('primer ingreso: the login field and deleted customers', () => {
  it('with e-mail as the login, the link goes to the address typed (one of the customer’s); a deleted customer gets nothing unless the tenant lets them in', async () => {
    const byEmail = { ...a, settings: { ...a.settings, portal: { ...a.settings.portal, loginField: 'EMAIL' as const } } };
    const first = `primero-${unique('x')}@example.com`;
    const second = `segundo-${unique('x')}@example.com`;
    await createCustomer(a, { emails: [first, second] });
    expect(await requestAccess(byEmail, { login: ` ${second.toUpperCase()} ` }, null)).toEqual({ requested: true });
    const mail = await until(() => mailsTo(second)[0]);
    expect(linkIn(mail.text)).toBeTruthy();
    expect(mailsTo(first)).toEqual([]);

    const gone = await createCustomer(a, { taxId: '27888999', status: 'DELETED' });
    expect(await requestAccess(a, { login: '27888999' }, null)).toEqual({ requested: true });
    expect(await scopedDb(a.id).portalAccessToken.count({ where: { customerId: gone.id } })).toBe(0);
    const allowing = { ...a, settings: { ...a.settings, portal: { ...a.settings.portal, allowDeleted: true } } };
    await requestAccess(allowing, { login: '27888999' }, null);
    expect(await scopedDb(a.id).portalAccessToken.count({ where: { customerId: gone.id } })).toBe(1);
  });
});

describe('primer ingreso by SMS code', () => {
  it('a customer without e-mail gets a code by SMS when the tenant sends SMS; the code works once; wrong codes are limited', async () => {
    await db().tenant.update({ where: { id: a.id }, data: { settings: { ...a.settings, sms: { enabled: true, from: '+15005550006' } } } });
    const smsTenant = await fresh(a);
    const customer = await scopedDb(a.id).customer.update({ where: { id: (await createCustomer(a, { taxId: '27555666', emails: [] })).id }, data: { phones: ['011 4444-5555'] } });
    expect(await (await anonymous(smsTenant)).portal.access.request({ login: '27555666' })).toEqual({ requested: true });
    const text = (await until(() => sms.received.find((m) => m.to === '+541144445555')))!.body;
    const code = /\b(\d{6})\b/.exec(text)![1]!;
    expect(text).toContain(`${ACCESS_MINUTES} minutos`);
    const row = await scopedDb(a.id).portalAccessToken.findFirstOrThrow({ where: { customerId: customer.id } });
    expect(row.kind).toBe('CODE');
    expect(row.secretHash).not.toContain(code);

    const wrong = code === '000000' ? '000001' : '000000';
    const refused = await httpCall({ host: a.host, session: null, path: 'portal.access.setPasswordWithCode', input: { login: '27555666', code: wrong, password: NEW_PASSWORD } });
    expect(refused.status).toBe(404);
    expect(refused.json.error?.json.data.fieldErrors?.code).toMatch(/no es válido o venció/);
    // The policy applies here too.
    await rejects(setPasswordWithCode(smsTenant, { login: '27555666', code, password: 'password123' }, null), 'BAD_REQUEST');
    expect(await setPasswordWithCode(smsTenant, { login: '27555666', code, password: NEW_PASSWORD }, null)).toEqual({ passwordSet: true });
    expect(await signInCustomer(smsTenant, '27555666', NEW_PASSWORD, null)).toMatchObject({ ok: true });
    await rejects(setPasswordWithCode(smsTenant, { login: '27555666', code, password: 'otra-clave-segura-9' }, null), 'NOT_FOUND');

    // A code guessed at too often dies, even when the right one comes next.
    await requestAccess(smsTenant, { login: '27555666' }, null);
    const second = /\b(\d{6})\b/.exec((await until(() => sms.received.filter((m) => m.to === '+541144445555')[1]))!.body)![1]!;
    const bad = second === '000000' ? '000001' : '000000';
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) await rejects(setPasswordWithCode(smsTenant, { login: '27555666', code: bad, password: NEW_PASSWORD }, null), 'NOT_FOUND');
    await rejects(setPasswordWithCode(smsTenant, { login: '27555666', code: second, password: 'otra-clave-segura-9' }, null), 'NOT_FOUND');
    // Not a code at all: refused the same way.
    await rejects(setPasswordWithCode(smsTenant, { login: '27555666', code: 'abc', password: NEW_PASSWORD }, null), 'NOT_FOUND');
  });

  it('without e-mail and with SMS off, nothing is sent and the answer is the same', async () => {
    const customer = await scopedDb(b.id).customer.update({ where: { id: (await createCustomer(b, { taxId: '27666777', emails: [] })).id }, data: { phones: ['011 4444-6666'] } });
    expect(await (await anonymous(b)).portal.access.request({ login: '27666777' })).toEqual({ requested: true });
    expect(await scopedDb(b.id).portalAccessToken.count({ where: { customerId: customer.id } })).toBe(0);
  });
});

describe('the portal’s profile (F12)', () => {
  it('shows the customer’s own data and appends an e-mail and a phone, refusing duplicates with a translated message', async () => {
    const [mine, other] = [await createCustomer(a, { name: 'Carla Sosa', emails: ['carla@example.com'] }), await createCustomer(a, { name: 'Otro Vecino', emails: ['vecino@example.com'] })];
    const portal = await asCustomer(a, mine.id);
    expect(await portal.portal.profile.get()).toMatchObject({ name: 'Carla Sosa', emails: ['carla@example.com'], phones: [] });

    expect((await portal.portal.profile.addEmail({ email: ' Carla.Trabajo@Example.com ' })).emails).toEqual(['carla@example.com', 'carla.trabajo@example.com']);
    const dup = await httpCall({ host: a.host, session: { kind: 'customer', userId: mine.id, tenantId: a.id }, path: 'portal.profile.addEmail', input: { email: 'CARLA@example.com' } });
    expect(dup.status).toBe(409);
    expect(dup.json.error?.json.data.fieldErrors?.email).toBe('Ese correo ya está en tu perfil.');
    const invalid = await httpCall({ host: a.host, session: { kind: 'customer', userId: mine.id, tenantId: a.id }, path: 'portal.profile.addEmail', input: { email: 'no-es-correo' }, locale: 'en' });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error?.json.data.fieldErrors?.email).toBeTruthy();

    expect((await portal.portal.profile.addPhone({ phone: '011 15-4444-5555' })).phones).toEqual(['+5491144445555']);
    await rejects(portal.portal.profile.addPhone({ phone: '+54 9 11 4444-5555' }), 'CONFLICT');
    await rejects(portal.portal.profile.addPhone({ phone: '123456' }), 'BAD_REQUEST');
    expect((await portal.portal.profile.addPhone({ phone: '+54 11 4555-6666' })).phones).toEqual(['+5491144445555', '+541145556666']);

    // The search finds the customer by the added e-mail; the neighbour is untouched and sees only their own data.
    const row = await db().customer.findUniqueOrThrow({ where: { id: mine.id } });
    expect(row.searchText).toContain('carla.trabajo@example.com');
    const neighbour = await asCustomer(a, other.id);
    const theirs = await neighbour.portal.profile.get();
    expect(theirs).toMatchObject({ name: 'Otro Vecino', emails: ['vecino@example.com'], phones: [] });
    expect(JSON.stringify(theirs)).not.toMatch(/Carla|carla/);
    expect((await db().customer.findUniqueOrThrow({ where: { id: other.id } })).emails).toEqual(['vecino@example.com']);
    // Staff and other tenants' customers have no profile here.
    await rejects(A.OPERATOR.portal.profile.get(), 'FORBIDDEN');
    await rejects(A.ADMIN.portal.profile.addEmail({ email: 'x@example.com' }), 'FORBIDDEN');
  });

  it('changes the password with the current one, under the policy, ending every session', async () => {
    const customer = await createCustomer(a, { taxId: '27777888', code: 'CLIENTE-27777888', portalPassword: true });
    const portal = await asCustomer(a, customer.id);
    const wrong = await rejects(portal.portal.profile.changePassword({ currentPassword: 'no-es-la-mia-1', newPassword: NEW_PASSWORD }), 'BAD_REQUEST');
    expect((wrong.cause as { fieldErrors?: Record<string, { key: string }> }).fieldErrors?.currentPassword?.key).toBe('validation.currentPasswordWrong');
    await rejects(portal.portal.profile.changePassword({ currentPassword: PASSWORD, newPassword: 'password123' }), 'BAD_REQUEST');
    await rejects(portal.portal.profile.changePassword({ currentPassword: PASSWORD, newPassword: 'cliente-27777888' }), 'BAD_REQUEST');
    expect(await portal.portal.profile.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).toEqual({ changed: true });
    // This caller's session is over (the version moved on).
    await rejects(portal.portal.profile.get(), 'UNAUTHORIZED');
    expect(await signInCustomer(a, '27777888', NEW_PASSWORD, null)).toMatchObject({ ok: true });
  });
});

describe('welcome and info messages (F8) and Settings → App y portal', () => {
  it('an operator edits the messages; the welcome message is shown once per customer, the info message always', async () => {
    const saved = await A.ADMIN.tenants.updatePortalSettings({ loginField: 'TAX_ID', allowDeleted: false, welcomeMessage: '  ¡Bienvenido a <Red Sur>!\r\nCualquier duda, llamanos.  ', infoMessage: 'Soporte: 0800-555-1234' });
    expect(saved).toMatchObject({ welcomeMessage: '¡Bienvenido a <Red Sur>!\nCualquier duda, llamanos.', infoMessage: 'Soporte: 0800-555-1234', portalUrl: expect.stringMatching(new RegExp(`^https?://${a.slug}\\..+/portal$`)) });
    // A caller reads its tenant when made: these are made after the change.
    const supervisor = await asStaff(a, A.ids.SUPERVISOR);
    expect(await supervisor.tenants.portalSettings()).toEqual(saved);
    await rejects(supervisor.tenants.updatePortalSettings({ loginField: 'TAX_ID', allowDeleted: false, welcomeMessage: '', infoMessage: '' }), 'FORBIDDEN');
    await rejects((await asStaff(a, A.ids.OPERATOR)).tenants.updatePortalSettings({ loginField: 'TAX_ID', allowDeleted: false, welcomeMessage: '', infoMessage: '' }), 'FORBIDDEN');
    // The company form's save keeps them.
    const admin = await asStaff(a, a.adminId);
    const general = await admin.tenants.settings();
    await admin.tenants.updateSettings({ name: general.name, country: 'AR', locale: 'es', timeZone: general.timeZone, currency: 'ARS' });
    expect((await (await asStaff(a, a.adminId)).tenants.portalSettings()).welcomeMessage).toBe(saved.welcomeMessage);
    // Another tenant's settings are its own.
    expect((await B.ADMIN.tenants.portalSettings()).welcomeMessage).toBe('');

    const customer = await createCustomer(a);
    const portal = await asCustomer(a, customer.id);
    expect(await portal.portal.messages.get()).toEqual({ welcome: saved.welcomeMessage, info: 'Soporte: 0800-555-1234' });
    expect(await portal.portal.messages.welcomeSeen()).toEqual({ seen: true });
    expect(await portal.portal.messages.get()).toEqual({ welcome: null, info: 'Soporte: 0800-555-1234' });
    const seenAt = (await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).welcomeSeenAt;
    expect(seenAt).toBeInstanceOf(Date);
    // A second sign-in (a new session) does not see it again; the first time stays recorded.
    const again = await asCustomer(a, customer.id);
    await again.portal.messages.welcomeSeen();
    expect((await again.portal.messages.get()).welcome).toBeNull();
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).welcomeSeenAt).toEqual(seenAt);
    // Another customer of the tenant still gets it.
    expect((await (await asCustomer(a, (await createCustomer(a)).id)).portal.messages.get()).welcome).toBe(saved.welcomeMessage);
    // Staff cannot call the portal's messages.
    await rejects(A.ADMIN.portal.messages.get(), 'FORBIDDEN');
  });

  it('validates the messages: length and control characters, with translated field errors', async () => {
    const session = { kind: 'staff' as const, userId: a.adminId, tenantId: a.id };
    const base = { loginField: 'TAX_ID', allowDeleted: false, welcomeMessage: '', infoMessage: '' };
    const long = await httpCall({ host: a.host, session, path: 'tenants.updatePortalSettings', input: { ...base, welcomeMessage: 'x'.repeat(1001) } });
    expect(long.status).toBe(400);
    expect(long.json.error?.json.data.fieldErrors?.welcomeMessage).toBe('Debe tener como máximo 1000 caracteres.');
    const control = await httpCall({ host: a.host, session, path: 'tenants.updatePortalSettings', input: { ...base, infoMessage: 'hola\u0007' }, locale: 'en' });
    expect(control.status).toBe(400);
    expect(control.json.error?.json.data.fieldErrors?.infoMessage).toBe('Contains control characters that are not allowed.');
    const ok = await httpCall({ host: a.host, session, path: 'tenants.updatePortalSettings', input: { ...base, infoMessage: 'x'.repeat(1000) } });
    expect(ok.status).toBe(200);
  });
});
