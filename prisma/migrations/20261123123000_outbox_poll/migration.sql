-- The worker polls the partial index of unprocessed events every 250 ms instead of being woken by a
-- NOTIFY on every outbox insert: a transaction that notifies takes PostgreSQL's notification-queue
-- lock at commit, and every ticket save writes outbox events.
DROP TRIGGER IF EXISTS "OutboxEvent_notify" ON "OutboxEvent";
DROP FUNCTION IF EXISTS antena_outbox_notify();
