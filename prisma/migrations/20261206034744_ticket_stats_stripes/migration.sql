-- AlterTable
ALTER TABLE "TicketStat" DROP CONSTRAINT "TicketStat_pkey",
ADD COLUMN     "stripe" SMALLINT NOT NULL DEFAULT 0,
ADD CONSTRAINT "TicketStat_pkey" PRIMARY KEY ("tenantId", "day", "stage", "stateId", "categoryId", "assigneeId", "complexity", "resolutionHours", "stripe");

-- C14's figures on stripes: all the creations of one kind of ticket on one day (the default state and
-- category, unassigned) added to the same row, so 50 concurrent creations queued on its lock until
-- each one's transaction committed (tickets.create.rate fell from 464 to 226 a second). Each changing
-- statement now adds to one of 8 stripes at random, as TicketCounter's tab counts do; a figure is the
-- sum over the stripes. A deletion adds its -1 the same way (a stripe may go below zero; the sum is
-- right), and writes nothing for a tenant being deleted: its row is gone, and its figures with it.
CREATE OR REPLACE FUNCTION antena_ticket_stats_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "TicketStat" AS m ("tenantId", day, stage, "stateId", "categoryId", "assigneeId", complexity, "resolutionHours", stripe, n)
  SELECT r."tenantId", (r."openedAt" AT TIME ZONE 'UTC' AT TIME ZONE tn."timeZone")::date, r.stage, r."stateId",
         coalesce(r."categoryId", antena_none()), coalesce(r."assigneeId", antena_none()), coalesce(r.complexity::text, ''),
         antena_resolution_hours(r.stage, r."openedAt", r."finishedAt"), (SELECT floor(random() * 8)::smallint), count(*)::integer
  FROM new_rows r JOIN "Tenant" tn ON tn.id = r."tenantId"
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT ("tenantId", day, stage, "stateId", "categoryId", "assigneeId", complexity, "resolutionHours", stripe) DO UPDATE SET n = m.n + excluded.n;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION antena_ticket_stats_update() RETURNS trigger
LANGUAGE plpgsql SET enable_nestloop = off AS $$
BEGIN
  INSERT INTO "TicketStat" AS m ("tenantId", day, stage, "stateId", "categoryId", "assigneeId", complexity, "resolutionHours", stripe, n)
  SELECT p."tenantId", (p."openedAt" AT TIME ZONE 'UTC' AT TIME ZONE tn."timeZone")::date, p.stage, p."stateId",
         coalesce(p."categoryId", antena_none()), coalesce(p."assigneeId", antena_none()), coalesce(p.complexity::text, ''),
         antena_resolution_hours(p.stage, p."openedAt", p."finishedAt"), (SELECT floor(random() * 8)::smallint), sum(p.sign)::integer
  FROM old_rows o JOIN new_rows n ON n.id = o.id
  CROSS JOIN LATERAL (VALUES (o."tenantId", o."openedAt", o.stage, o."stateId", o."categoryId", o."assigneeId", o.complexity, o."finishedAt", -1),
                             (n."tenantId", n."openedAt", n.stage, n."stateId", n."categoryId", n."assigneeId", n.complexity, n."finishedAt", 1))
    AS p("tenantId", "openedAt", stage, "stateId", "categoryId", "assigneeId", complexity, "finishedAt", sign)
  JOIN "Tenant" tn ON tn.id = p."tenantId"
  WHERE (o."tenantId", o."openedAt", o.stage, o."stateId", o."categoryId", o."assigneeId", o.complexity, o."finishedAt")
        IS DISTINCT FROM (n."tenantId", n."openedAt", n.stage, n."stateId", n."categoryId", n."assigneeId", n.complexity, n."finishedAt")
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  HAVING sum(p.sign) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT ("tenantId", day, stage, "stateId", "categoryId", "assigneeId", complexity, "resolutionHours", stripe) DO UPDATE SET n = m.n + excluded.n;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION antena_ticket_stats_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "TicketStat" AS m ("tenantId", day, stage, "stateId", "categoryId", "assigneeId", complexity, "resolutionHours", stripe, n)
  SELECT r."tenantId", (r."openedAt" AT TIME ZONE 'UTC' AT TIME ZONE tn."timeZone")::date, r.stage, r."stateId",
         coalesce(r."categoryId", antena_none()), coalesce(r."assigneeId", antena_none()), coalesce(r.complexity::text, ''),
         antena_resolution_hours(r.stage, r."openedAt", r."finishedAt"), (SELECT floor(random() * 8)::smallint), -count(*)::integer
  FROM old_rows r JOIN "Tenant" tn ON tn.id = r."tenantId"
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT ("tenantId", day, stage, "stateId", "categoryId", "assigneeId", complexity, "resolutionHours", stripe) DO UPDATE SET n = m.n + excluded.n;
  RETURN NULL;
END
$$;
