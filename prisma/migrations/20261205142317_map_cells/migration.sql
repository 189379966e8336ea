-- CreateTable
CREATE TABLE "ConnectionMapCell" (
    "tenantId" UUID NOT NULL,
    "level" SMALLINT NOT NULL,
    "y" INTEGER NOT NULL,
    "x" INTEGER NOT NULL,
    "status" "ConnectionStatus" NOT NULL,
    "count" INTEGER NOT NULL,
    "sumLat" DOUBLE PRECISION NOT NULL,
    "sumLng" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ConnectionMapCell_pkey" PRIMARY KEY ("tenantId","level","y","x","status")
);

-- AddForeignKey
ALTER TABLE "ConnectionMapCell" ADD CONSTRAINT "ConnectionMapCell_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- E7: the map's cells are kept by the statements that change "Connection", with its triggers below,
-- so every path that writes connections (the app, the CSV import's raw inserts, a customer's or a
-- tenant's deletion cascading to its connections) keeps them right, in the same transaction.
--
-- The cell of a position at a level, as map tiles number them (Web Mercator): x from 180° west, y
-- from the north, 2^level of each; latitudes past ±85.0511° (the projection's edge) fall in its
-- first and last rows. src/server/services/maps/connections.ts computes the same in JavaScript.
CREATE FUNCTION antena_map_x(longitude DOUBLE PRECISION, level INTEGER) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT least(greatest(floor((longitude + 180) / 360 * (1::bigint << level)), 0), (1::bigint << level) - 1)::integer
$$;

CREATE FUNCTION antena_map_y(latitude DOUBLE PRECISION, level INTEGER) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT least(greatest(floor((1 - asinh(tan(radians(least(greatest(latitude, -85.0511287798), 85.0511287798)))) / pi()) / 2 * (1::bigint << level)), 0), (1::bigint << level) - 1)::integer
$$;

-- The grids kept (MAP_CELL_LEVELS in the service).
CREATE FUNCTION antena_map_levels() RETURNS INTEGER[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT '{11,14,17}'::integer[] $$;

-- Writers of a tenant's cells take the tenant's advisory lock first (held to the end of their
-- transaction), so two transactions never wait for each other's cells in opposite orders — a CSV
-- import writes its connections in several statements, each locking cells in its own order.
-- Connection writes of one tenant thus wait for an import's to commit (seconds at most).
CREATE FUNCTION antena_map_cells_lock(tenants UUID[]) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(2187, hashtext(t::text)) FROM unnest(tenants) AS t ORDER BY hashtext(t::text);
END
$$;

CREATE FUNCTION antena_map_cells_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM antena_map_cells_lock(ARRAY(SELECT DISTINCT "tenantId" FROM new_rows WHERE latitude IS NOT NULL AND longitude IS NOT NULL));
  INSERT INTO "ConnectionMapCell" AS m ("tenantId", "level", "y", "x", "status", "count", "sumLat", "sumLng")
  SELECT n."tenantId", l.level, antena_map_y(n.latitude, l.level), antena_map_x(n.longitude, l.level), n.status, count(*), sum(n.latitude), sum(n.longitude)
  FROM new_rows n CROSS JOIN unnest(antena_map_levels()) AS l(level)
  WHERE n.latitude IS NOT NULL AND n.longitude IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("tenantId", "level", "y", "x", "status") DO UPDATE
  SET "count" = m."count" + excluded."count", "sumLat" = m."sumLat" + excluded."sumLat", "sumLng" = m."sumLng" + excluded."sumLng";
  RETURN NULL;
END
$$;

-- Only connections whose position or status changed move between cells: each leaves its old cell
-- (-1) and enters its new one (+1). The old and new rows are matched by a hash or merge join: a plan
-- made for a one-row update and kept by PL/pgSQL would otherwise nest loops over a bulk update's
-- rows (200,000 updated rows: minutes instead of a second).
CREATE FUNCTION antena_map_cells_update() RETURNS trigger
LANGUAGE plpgsql SET enable_nestloop = off AS $$
BEGIN
  PERFORM antena_map_cells_lock(ARRAY(
    SELECT DISTINCT p."tenantId"
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o."tenantId", o.latitude, o.longitude), (n."tenantId", n.latitude, n.longitude)) AS p("tenantId", latitude, longitude)
    WHERE (o.latitude, o.longitude, o.status, o."tenantId") IS DISTINCT FROM (n.latitude, n.longitude, n.status, n."tenantId")
      AND p.latitude IS NOT NULL AND p.longitude IS NOT NULL));
  INSERT INTO "ConnectionMapCell" AS m ("tenantId", "level", "y", "x", "status", "count", "sumLat", "sumLng")
  SELECT d."tenantId", l.level, antena_map_y(d.latitude, l.level), antena_map_x(d.longitude, l.level), d.status, sum(d.sign), sum(d.sign * d.latitude), sum(d.sign * d.longitude)
  FROM (
    SELECT p.*
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o."tenantId", o.latitude, o.longitude, o.status, -1), (n."tenantId", n.latitude, n.longitude, n.status, 1)) AS p("tenantId", latitude, longitude, status, sign)
    WHERE (o.latitude, o.longitude, o.status, o."tenantId") IS DISTINCT FROM (n.latitude, n.longitude, n.status, n."tenantId")
      AND p.latitude IS NOT NULL AND p.longitude IS NOT NULL
  ) AS d CROSS JOIN unnest(antena_map_levels()) AS l(level)
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d.sign) <> 0 OR sum(d.sign * d.latitude) <> 0 OR sum(d.sign * d.longitude) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("tenantId", "level", "y", "x", "status") DO UPDATE
  SET "count" = m."count" + excluded."count", "sumLat" = m."sumLat" + excluded."sumLat", "sumLng" = m."sumLng" + excluded."sumLng";
  RETURN NULL;
END
$$;

-- A deletion only lowers counts, never adds a row: when a tenant is deleted its cells go with it,
-- and a row naming it could not be written.
CREATE FUNCTION antena_map_cells_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM antena_map_cells_lock(ARRAY(SELECT DISTINCT "tenantId" FROM old_rows WHERE latitude IS NOT NULL AND longitude IS NOT NULL));
  UPDATE "ConnectionMapCell" AS m
  SET "count" = m."count" - d.count, "sumLat" = m."sumLat" - d.lat, "sumLng" = m."sumLng" - d.lng
  FROM (
    SELECT o."tenantId", l.level, antena_map_y(o.latitude, l.level) AS y, antena_map_x(o.longitude, l.level) AS x, o.status,
           count(*)::integer AS count, sum(o.latitude) AS lat, sum(o.longitude) AS lng
    FROM old_rows o CROSS JOIN unnest(antena_map_levels()) AS l(level)
    WHERE o.latitude IS NOT NULL AND o.longitude IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
  ) AS d
  WHERE m."tenantId" = d."tenantId" AND m."level" = d.level AND m."y" = d.y AND m."x" = d.x AND m."status" = d.status;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Connection_map_cells_insert" AFTER INSERT ON "Connection"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION antena_map_cells_insert();
CREATE TRIGGER "Connection_map_cells_update" AFTER UPDATE ON "Connection"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION antena_map_cells_update();
CREATE TRIGGER "Connection_map_cells_delete" AFTER DELETE ON "Connection"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION antena_map_cells_delete();

-- The cells of the connections that exist. The triggers exist first and the table is locked
-- against writes meanwhile, so a connection written during the migration is counted once.
LOCK TABLE "Connection" IN SHARE MODE;
INSERT INTO "ConnectionMapCell" ("tenantId", "level", "y", "x", "status", "count", "sumLat", "sumLng")
SELECT c."tenantId", l.level, antena_map_y(c.latitude, l.level), antena_map_x(c.longitude, l.level), c.status, count(*), sum(c.latitude), sum(c.longitude)
FROM "Connection" c CROSS JOIN unnest(antena_map_levels()) AS l(level)
WHERE c.latitude IS NOT NULL AND c.longitude IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
