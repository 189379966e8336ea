-- CreateTable
CREATE TABLE "TicketStat" (
    "tenantId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "stage" "LifecycleStage" NOT NULL,
    "stateId" UUID NOT NULL,
    "categoryId" UUID NOT NULL,
    "assigneeId" UUID NOT NULL,
    "complexity" TEXT NOT NULL,
    "resolutionHours" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "TicketStat_pkey" PRIMARY KEY ("tenantId","day","stage","stateId","categoryId","assigneeId","complexity","resolutionHours")
);

-- CreateTable
CREATE TABLE "TicketRatingStat" (
    "tenantId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "rating" SMALLINT NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "TicketRatingStat_pkey" PRIMARY KEY ("tenantId","day","rating")
);

-- AddForeignKey
ALTER TABLE "TicketStat" ADD CONSTRAINT "TicketStat_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketRatingStat" ADD CONSTRAINT "TicketRatingStat_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- C14: the dashboard's figures are kept by the statements that change "Ticket" (and "TicketRating"),
-- with the triggers below, so every path that writes tickets — the app's creation and saves, mass
-- actions, the portal's withdrawals, raw loads, a tenant's deletion — keeps them right, in the same
-- transaction. A ticket counts on its opening day in the tenant's time zone; when the tenant's time
-- zone changes, its figures are counted again.

-- The resolution time's bucket, in hours from opening to finishing: each hour of the first two days,
-- then each day to 30 days, then each 30 days to a year; -1 while the ticket is pending.
-- src/lib/dashboard.ts `resolutionBucket` is the same in TypeScript.
CREATE FUNCTION antena_resolution_hours(stage "LifecycleStage", opened TIMESTAMP, finished TIMESTAMP) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN stage = 'PENDING' OR finished IS NULL THEN -1
    ELSE (SELECT (CASE WHEN h < 48 THEN floor(h) WHEN h < 720 THEN 24 * floor(h / 24) WHEN h < 8760 THEN 720 * floor(h / 720) ELSE 8760 END)::integer
          FROM (SELECT greatest(extract(epoch FROM finished - opened) / 3600, 0) AS h) AS x)
  END
$$;

-- The nil uuid stands for "none" in the figures' key.
CREATE FUNCTION antena_none() RETURNS UUID
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT '00000000-0000-0000-0000-000000000000'::uuid $$;

CREATE FUNCTION antena_ticket_stats_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "TicketStat" AS m ("tenantId", day, stage, "stateId", "categoryId", "assigneeId", complexity, "resolutionHours", n)
  SELECT r."tenantId", (r."openedAt" AT TIME ZONE 'UTC' AT TIME ZONE tn."timeZone")::date, r.stage, r."stateId",
         coalesce(r."categoryId", antena_none()), coalesce(r."assigneeId", antena_none()), coalesce(r.complexity::text, ''),
         antena_resolution_hours(r.stage, r."openedAt", r."finishedAt"), count(*)::integer
  FROM new_rows r JOIN "Tenant" tn ON tn.id = r."tenantId"
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
  ON CONFLICT ("tenantId", day, stage, "stateId", "categoryId", "assigneeId", complexity, "resolutionHours") DO UPDATE SET n = m.n + excluded.n;
  RETURN NULL;
END
$$;

-- (PostgreSQL allows no column list on a trigger with transition tables: a save that changes none of the
-- key's fields finds no row to move.) Only tickets whose key changed move: each leaves its old row (-1) and enters its new one (+1), in
-- the key's order (two saves never wait for each other's rows in opposite orders). Old and new rows
-- are matched by a hash or merge join, as for the map's cells.
CREATE FUNCTION antena_ticket_stats_update() RETURNS trigger
LANGUAGE plpgsql SET enable_nestloop = off AS $$
BEGIN
  INSERT INTO "TicketStat" AS m ("tenantId", day, stage, "stateId", "categoryId", "assigneeId", complexity, "resolutionHours", n)
  SELECT p."tenantId", (p."openedAt" AT TIME ZONE 'UTC' AT TIME ZONE tn."timeZone")::date, p.stage, p."stateId",
         coalesce(p."categoryId", antena_none()), coalesce(p."assigneeId", antena_none()), coalesce(p.complexity::text, ''),
         antena_resolution_hours(p.stage, p."openedAt", p."finishedAt"), sum(p.sign)::integer
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
  ON CONFLICT ("tenantId", day, stage, "stateId", "categoryId", "assigneeId", complexity, "resolutionHours") DO UPDATE SET n = m.n + excluded.n;
  RETURN NULL;
END
$$;

-- A deletion only lowers counts, never adds a row: when a tenant is deleted its figures go with it.
CREATE FUNCTION antena_ticket_stats_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "TicketStat" AS m SET n = m.n - d.n
  FROM (
    SELECT r."tenantId", (r."openedAt" AT TIME ZONE 'UTC' AT TIME ZONE tn."timeZone")::date AS day, r.stage, r."stateId",
           coalesce(r."categoryId", antena_none()) AS "categoryId", coalesce(r."assigneeId", antena_none()) AS "assigneeId", coalesce(r.complexity::text, '') AS complexity,
           antena_resolution_hours(r.stage, r."openedAt", r."finishedAt") AS "resolutionHours", count(*)::integer AS n
    FROM old_rows r JOIN "Tenant" tn ON tn.id = r."tenantId"
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
  ) AS d
  WHERE m."tenantId" = d."tenantId" AND m.day = d.day AND m.stage = d.stage AND m."stateId" = d."stateId" AND m."categoryId" = d."categoryId"
    AND m."assigneeId" = d."assigneeId" AND m.complexity = d.complexity AND m."resolutionHours" = d."resolutionHours";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Ticket_stats_insert" AFTER INSERT ON "Ticket"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION antena_ticket_stats_insert();
CREATE TRIGGER "Ticket_stats_update" AFTER UPDATE ON "Ticket"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION antena_ticket_stats_update();
CREATE TRIGGER "Ticket_stats_delete" AFTER DELETE ON "Ticket"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION antena_ticket_stats_delete();

-- H5's ratings, by the day they were given.
CREATE FUNCTION antena_rating_stats_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "TicketRatingStat" AS m ("tenantId", day, rating, n)
  SELECT r."tenantId", (r."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE tn."timeZone")::date, r.rating, count(*)::integer
  FROM new_rows r JOIN "Tenant" tn ON tn.id = r."tenantId"
  GROUP BY 1, 2, 3
  ORDER BY 1, 2, 3
  ON CONFLICT ("tenantId", day, rating) DO UPDATE SET n = m.n + excluded.n;
  RETURN NULL;
END
$$;

CREATE FUNCTION antena_rating_stats_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "TicketRatingStat" AS m ("tenantId", day, rating, n)
  SELECT p."tenantId", (p."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE tn."timeZone")::date, p.rating, sum(p.sign)::integer
  FROM (SELECT "tenantId", "createdAt", rating, -1 AS sign FROM old_rows UNION ALL SELECT "tenantId", "createdAt", rating, 1 FROM new_rows) AS p
  JOIN "Tenant" tn ON tn.id = p."tenantId"
  GROUP BY 1, 2, 3
  HAVING sum(p.sign) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT ("tenantId", day, rating) DO UPDATE SET n = m.n + excluded.n;
  RETURN NULL;
END
$$;

CREATE FUNCTION antena_rating_stats_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "TicketRatingStat" AS m SET n = m.n - d.n
  FROM (SELECT r."tenantId", (r."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE tn."timeZone")::date AS day, r.rating, count(*)::integer AS n
        FROM old_rows r JOIN "Tenant" tn ON tn.id = r."tenantId" GROUP BY 1, 2, 3) AS d
  WHERE m."tenantId" = d."tenantId" AND m.day = d.day AND m.rating = d.rating;
  RETURN NULL;
END
$$;

CREATE TRIGGER "TicketRating_stats_insert" AFTER INSERT ON "TicketRating"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION antena_rating_stats_insert();
CREATE TRIGGER "TicketRating_stats_update" AFTER UPDATE ON "TicketRating"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION antena_rating_stats_update();
CREATE TRIGGER "TicketRating_stats_delete" AFTER DELETE ON "TicketRating"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION antena_rating_stats_delete();

-- A tenant's figures counted from its tickets and ratings: when its time zone changes (its days
-- move), and once here for the tickets that exist.
CREATE FUNCTION antena_ticket_stats_rebuild(tenant UUID) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "TicketStat" WHERE "tenantId" = tenant;
  INSERT INTO "TicketStat" ("tenantId", day, stage, "stateId", "categoryId", "assigneeId", complexity, "resolutionHours", n)
  SELECT r."tenantId", (r."openedAt" AT TIME ZONE 'UTC' AT TIME ZONE tn."timeZone")::date, r.stage, r."stateId",
         coalesce(r."categoryId", antena_none()), coalesce(r."assigneeId", antena_none()), coalesce(r.complexity::text, ''),
         antena_resolution_hours(r.stage, r."openedAt", r."finishedAt"), count(*)::integer
  FROM "Ticket" r JOIN "Tenant" tn ON tn.id = r."tenantId"
  WHERE r."tenantId" = tenant
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
  DELETE FROM "TicketRatingStat" WHERE "tenantId" = tenant;
  INSERT INTO "TicketRatingStat" ("tenantId", day, rating, n)
  SELECT r."tenantId", (r."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE tn."timeZone")::date, r.rating, count(*)::integer
  FROM "TicketRating" r JOIN "Tenant" tn ON tn.id = r."tenantId"
  WHERE r."tenantId" = tenant
  GROUP BY 1, 2, 3;
END
$$;

CREATE FUNCTION antena_ticket_stats_time_zone() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM antena_ticket_stats_rebuild(NEW.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Tenant_ticket_stats_time_zone" AFTER UPDATE OF "timeZone" ON "Tenant"
FOR EACH ROW WHEN (OLD."timeZone" IS DISTINCT FROM NEW."timeZone") EXECUTE FUNCTION antena_ticket_stats_time_zone();

-- The figures of the tickets that exist. The triggers exist first and the tables are locked against
-- writes meanwhile, so a ticket written during the migration is counted once.
LOCK TABLE "Ticket", "TicketRating" IN SHARE MODE;
SELECT antena_ticket_stats_rebuild(id) FROM "Tenant";
