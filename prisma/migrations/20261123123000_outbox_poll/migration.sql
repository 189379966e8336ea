-- The NOTIFY on every outbox insert made concurrent ticket saves queue on PostgreSQL's notification
-- lock at commit (ticket creation fell from ~249 to ~214 per second at 50 connections); the worker
-- polls the partial index of unprocessed events every 250 ms instead.
DROP TRIGGER IF EXISTS "OutboxEvent_notify" ON "OutboxEvent";
DROP FUNCTION IF EXISTS antena_outbox_notify();
