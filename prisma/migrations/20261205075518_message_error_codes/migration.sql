-- Delivery reasons as a code and parameters (src/lib/delivery-reasons.ts), translated where they are
-- shown, instead of English text. Existing reasons are mapped to their codes (the provider's own words
-- kept as `detail`); a text no pattern matches is kept whole under the code "other" and shown as it was.

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "errorCode" TEXT,
ADD COLUMN     "errorParams" JSONB;

-- The fixed reasons.
UPDATE "Message" SET "errorCode" = CASE error
    WHEN 'not sent: no provider configured' THEN 'noProvider'
    WHEN 'not sent: no address' THEN 'noAddress'
    WHEN 'not sent: no device subscribed to push' THEN 'noDevice'
    WHEN 'not sent: the device is no longer subscribed' THEN 'deviceGone'
    WHEN 'push endpoint not on an allowed push service (PUSH_ENDPOINT_HOSTS)' THEN 'endpointNotAllowed'
  END
WHERE error IN ('not sent: no provider configured', 'not sent: no address', 'not sent: no device subscribed to push',
                'not sent: the device is no longer subscribed', 'push endpoint not on an allowed push service (PUSH_ENDPOINT_HOSTS)');

-- not sent: invalid phone number (<as typed>)
UPDATE "Message" SET "errorCode" = 'invalidPhone', "errorParams" = jsonb_build_object('phone', (regexp_match(error, '^not sent: invalid phone number \((.*)\)$'))[1])
WHERE "errorCode" IS NULL AND error ~ '^not sent: invalid phone number \(.*\)$';

-- timed out: Resend / Twilio / the <channel> provider did not answer within <n> s
UPDATE "Message" SET "errorCode" = 'timedOut', "errorParams" = jsonb_build_object(
    'provider', CASE (regexp_match(error, '^timed out: (Resend|Twilio|the email provider|the push provider|the sms provider) '))[1]
      WHEN 'Resend' THEN 'resend' WHEN 'Twilio' THEN 'twilio' WHEN 'the email provider' THEN 'email' WHEN 'the push provider' THEN 'push' ELSE 'sms' END,
    'seconds', ((regexp_match(error, 'did not answer within ([0-9]+) s$'))[1])::int)
WHERE "errorCode" IS NULL AND error ~ '^timed out: (Resend|Twilio|the email provider|the push provider|the sms provider) did not answer within [0-9]+ s$';

UPDATE "Message" SET "errorCode" = 'noAnswer', "errorParams" = jsonb_build_object('provider', 'resend', 'detail',
    (regexp_match(error, '^no usable answer from Resend \(the connection failed, or the answer was not JSON\): (.*)$'))[1])
WHERE "errorCode" IS NULL AND error ~ '^no usable answer from Resend \(the connection failed, or the answer was not JSON\): ';

UPDATE "Message" SET "errorCode" = 'noMessageId', "errorParams" = jsonb_build_object('provider', 'resend', 'detail',
    (regexp_match(error, '^Resend answered without an e-mail id: (.*)$'))[1])
WHERE "errorCode" IS NULL AND error ~ '^Resend answered without an e-mail id: ';

-- push service answered <status>[: <body>] (subscription expired; device removed)
UPDATE "Message" SET "errorCode" = 'subscriptionExpired', "errorParams" = jsonb_build_object('status', ((regexp_match(error, '^push service answered ([0-9]+)'))[1])::int)
WHERE "errorCode" IS NULL AND error ~ '^push service answered [0-9]+.*\(subscription expired; device removed\)$';

UPDATE "Message" SET "errorCode" = 'providerError', "errorParams" = jsonb_build_object('provider', 'push',
    'status', ((regexp_match(error, '^push service answered ([0-9]+)'))[1])::int,
    'detail', coalesce((regexp_match(error, '^push service answered [0-9]+: (.*)$'))[1], '—'))
WHERE "errorCode" IS NULL AND error ~ '^push service answered [0-9]+';

-- Twilio[ <code>] (<status>): <message>
UPDATE "Message" SET "errorCode" = 'providerError', "errorParams" = jsonb_build_object('provider', 'twilio',
    'status', ((regexp_match(error, '^Twilio(?: [0-9]+)? \(([0-9]+)\): '))[1])::int,
    'detail', concat_ws(': ', (regexp_match(error, '^Twilio ([0-9]+) '))[1], (regexp_match(error, '^Twilio(?: [0-9]+)? \([0-9]+\): (.*)$'))[1]))
WHERE "errorCode" IS NULL AND error ~ '^Twilio(?: [0-9]+)? \([0-9]+\): ';

UPDATE "Message" SET "errorCode" = 'unreachable', "errorParams" = jsonb_build_object('provider', 'twilio', 'detail', (regexp_match(error, '^Twilio unreachable: (.*)$'))[1])
WHERE "errorCode" IS NULL AND error ~ '^Twilio unreachable: ';

-- Resend's refusals: <name> (<status>): <message>
UPDATE "Message" SET "errorCode" = 'providerError', "errorParams" = jsonb_build_object('provider', 'resend',
    'status', ((regexp_match(error, '^[a-z_]+ \(([0-9]+)\): '))[1])::int,
    'detail', concat_ws(': ', (regexp_match(error, '^([a-z_]+) '))[1], (regexp_match(error, '^[a-z_]+ \([0-9]+\): (.*)$'))[1]))
WHERE "errorCode" IS NULL AND channel = 'EMAIL' AND error ~ '^[a-z_]+ \([0-9]+\): ';

-- Anything else is shown as it was written.
UPDATE "Message" SET "errorCode" = 'other', "errorParams" = jsonb_build_object('text', error)
WHERE "errorCode" IS NULL AND error IS NOT NULL;

ALTER TABLE "Message" DROP COLUMN "error";
