// The migration that turned Message.error (English text) into a reason code and parameters maps the
// reasons already stored: each known text to its code, the provider's own words kept as `detail`; a
// text no pattern matches is kept whole under "other", so the log still shows it.
import { expect, it } from 'vitest';
import { databaseBefore, insertTenant } from '../factories/migrations';

const MIGRATION = '20261205075518_message_error_codes';

const OLD: [channel: string, error: string, code: string, params: Record<string, unknown> | null][] = [
  ['EMAIL', 'not sent: no provider configured', 'noProvider', null],
  ['EMAIL', 'not sent: no address', 'noAddress', null],
  ['PUSH', 'not sent: no device subscribed to push', 'noDevice', null],
  ['PUSH', 'not sent: the device is no longer subscribed', 'deviceGone', null],
  ['PUSH', 'push endpoint not on an allowed push service (PUSH_ENDPOINT_HOSTS)', 'endpointNotAllowed', null],
  ['SMS', 'not sent: invalid phone number (011 (4) 55)', 'invalidPhone', { phone: '011 (4) 55' }],
  ['EMAIL', 'timed out: Resend did not answer within 15 s', 'timedOut', { provider: 'resend', seconds: 15 }],
  ['SMS', 'timed out: Twilio did not answer within 2 s', 'timedOut', { provider: 'twilio', seconds: 2 }],
  ['PUSH', 'timed out: the push provider did not answer within 16 s', 'timedOut', { provider: 'push', seconds: 16 }],
  ['EMAIL', 'no usable answer from Resend (the connection failed, or the answer was not JSON): Unable to fetch data.', 'noAnswer', { provider: 'resend', detail: 'Unable to fetch data.' }],
  ['EMAIL', 'Resend answered without an e-mail id: {"object":"email"}', 'noMessageId', { provider: 'resend', detail: '{"object":"email"}' }],
  ['EMAIL', 'validation_error (422): Invalid `to` field.', 'providerError', { provider: 'resend', status: 422, detail: 'validation_error: Invalid `to` field.' }],
  ['PUSH', 'push service answered 410: gone (subscription expired; device removed)', 'subscriptionExpired', { status: 410 }],
  ['PUSH', 'push service answered 429: slow down', 'providerError', { provider: 'push', status: 429, detail: 'slow down' }],
  ['PUSH', 'push service answered 500', 'providerError', { provider: 'push', status: 500, detail: '—' }],
  ['SMS', "Twilio 21211 (400): The 'To' number is not a valid phone number.", 'providerError', { provider: 'twilio', status: 400, detail: "21211: The 'To' number is not a valid phone number." }],
  ['SMS', 'Twilio (502): [HTTP 502] Failed to execute request', 'providerError', { provider: 'twilio', status: 502, detail: '[HTTP 502] Failed to execute request' }],
  ['SMS', 'Twilio unreachable: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:9', 'unreachable', { provider: 'twilio', detail: 'ECONNREFUSED connect ECONNREFUSED 127.0.0.1:9' }],
  ['PUSH', 'socket hang up', 'other', { text: 'socket hang up' }],
];

it('maps every reason stored as text to its code and parameters, keeps what it cannot map, and drops the old column', async () => {
  const { client, applied, migrateRest } = await databaseBefore(MIGRATION);
  expect(applied).not.toContain(MIGRATION);
  try {
    const tenantId = await insertTenant(client);
    for (const [i, [channel, error]] of [...OLD, ['EMAIL', null]].entries()) {
      await client.query(`INSERT INTO "Message" (id, "tenantId", channel, status, reason, recipient, locale, text, error, "updatedAt")
        VALUES (gen_random_uuid(), $1, $2, 'FAILED', 'ticket.assigned', $3, 'es', 'x', $4, now())`, [tenantId, channel, `r${i}`, error]);
    }
    expect(await migrateRest()).toContain(MIGRATION);
    const rows = (await client.query(`SELECT recipient, "errorCode", "errorParams" FROM "Message" ORDER BY substr(recipient, 2)::int`)).rows;
    expect(rows.map((r) => [r.errorCode, r.errorParams])).toEqual([...OLD.map(([, , code, params]) => [code, params]), [null, null]]);
    const columns = (await client.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Message' AND column_name LIKE 'error%' ORDER BY 1`)).rows;
    expect(columns.map((c) => c.column_name)).toEqual(['errorCode', 'errorParams']);
  } finally {
    await client.end();
  }
});
