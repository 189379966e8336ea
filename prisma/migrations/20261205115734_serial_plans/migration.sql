-- No parallel query plans for this database's sessions (issue 15, point 14).
--
-- The app's queries are short reads that stop at a page (LIMIT 26) and keyed writes. Given a parallel
-- plan, PostgreSQL starts two workers and merges their rows: on the benchmark's 2-core machine the
-- smallest node's Pending page took 110–150 ms that way (workers' start and the merge waiting for
-- both, while the app and the other queries want the same cores) and 19–20 ms as one process; the
-- other filtered pages were as fast or faster without workers. Set on the database, not per
-- connection, so it holds behind PgBouncer (which drops a connection's startup options) and for
-- psql sessions studying the app's plans. Work that would gain from workers (a report over a whole
-- table) sets max_parallel_workers_per_gather for its own transaction (SET LOCAL).
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET max_parallel_workers_per_gather = 0', current_database());
END
$$;
