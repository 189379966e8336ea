-- C14: a ticket's creation counts itself with a row-level trigger. The statement-level one (a
-- transition table, a join, a grouping and a sort for one row) ran inside the creation's statement
-- while it held the tenant's numbering row (TicketCounter stripe 0), so its time was added to the one
-- part of creating that cannot run in parallel: 408 creations a second without it, 277 with it, on
-- the same machine minutes apart. One row's upsert is the least a creation can add. Bulk inserts (an
-- import, the bench's data) pay one upsert a row; updates and deletions keep the statement triggers
-- (a mass action's hundreds of rows are grouped into a few upserts).
DROP TRIGGER "Ticket_stats_insert" ON "Ticket";

CREATE OR REPLACE FUNCTION antena_ticket_stats_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "TicketStat" AS m ("tenantId", day, stage, "stateId", "categoryId", "assigneeId", complexity, "resolutionHours", stripe, n)
  VALUES (NEW."tenantId", (NEW."openedAt" AT TIME ZONE 'UTC' AT TIME ZONE (SELECT "timeZone" FROM "Tenant" WHERE id = NEW."tenantId"))::date, NEW.stage, NEW."stateId",
          coalesce(NEW."categoryId", antena_none()), coalesce(NEW."assigneeId", antena_none()), coalesce(NEW.complexity::text, ''),
          antena_resolution_hours(NEW.stage, NEW."openedAt", NEW."finishedAt"), floor(random() * 8)::smallint, 1)
  ON CONFLICT ("tenantId", day, stage, "stateId", "categoryId", "assigneeId", complexity, "resolutionHours", stripe) DO UPDATE SET n = m.n + 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Ticket_stats_insert" AFTER INSERT ON "Ticket" FOR EACH ROW EXECUTE FUNCTION antena_ticket_stats_insert();
