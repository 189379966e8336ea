-- D3–D5: the message logs' search. What a message is found by — recipient, subject, and for SMS and
-- push (short) the text — lower-cased with accents folded (as normalizeText does for Spanish, English
-- and Italian letters), in an immutable function so a trigram index can hold it. The index leads with
-- the tenant and the channel: each log searches its own rows. Prisma's schema cannot express an index
-- on an expression, so it lives only here (the schema engine does not introspect expression indexes).
CREATE FUNCTION "message_search_text"(channel "MessageChannel", recipient text, subject text, body text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN lower(translate(
    recipient || ' ' || coalesce(subject, '') || CASE WHEN channel = 'EMAIL' THEN '' ELSE ' ' || body END,
    'ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕóòôöõÚÙÛÜúùûüÑñÇç',
    'AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuNnCc'));

CREATE INDEX "Message_tenantId_channel_search_idx" ON "Message" USING GIN (
  "tenantId" uuid_ops, channel enum_ops,
  "message_search_text"(channel, recipient, subject, text) gin_trgm_ops);
