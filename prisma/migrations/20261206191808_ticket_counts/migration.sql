-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "commentCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "fileCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sharedFileCount" INTEGER NOT NULL DEFAULT 0;

-- C3/C15: the ticket's comment and file counts, kept by the statements that add, move or remove
-- comments and files — the app's, the worker's, raw loads, a ticket's or tenant's deletion — in the
-- same transaction, with statement triggers (a bulk insert moves each ticket once). "sharedFileCount"
-- counts the PUBLIC and TECHNICIAN files: what a role without tickets.files.office sees
-- (src/server/services/tickets/files.ts visibleTo). tests/integration/ticket-counts.test.ts checks
-- every count against a direct count after a random series of changes.

UPDATE "Ticket" t SET "commentCount" = k.n
FROM (SELECT "tenantId", "ticketId", count(*)::integer AS n FROM "TicketComment" GROUP BY 1, 2) k
WHERE t."tenantId" = k."tenantId" AND t.id = k."ticketId";

UPDATE "Ticket" t SET "fileCount" = f.n, "sharedFileCount" = f.shared
FROM (SELECT "tenantId", "ticketId", count(*)::integer AS n, (count(*) FILTER (WHERE visibility IN ('PUBLIC', 'TECHNICIAN')))::integer AS shared
      FROM "TicketFile" GROUP BY 1, 2) f
WHERE t."tenantId" = f."tenantId" AND t.id = f."ticketId";

-- Each ticket's change in a statement: +1 per new row, -1 per old one (an update that moves nothing adds up to 0 and is skipped).
CREATE FUNCTION antena_ticket_comment_counts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "Ticket" t SET "commentCount" = t."commentCount" + d.n
    FROM (SELECT "tenantId", "ticketId", count(*)::integer AS n FROM new_rows GROUP BY 1, 2) d
    WHERE t."tenantId" = d."tenantId" AND t.id = d."ticketId";
  ELSE
    UPDATE "Ticket" t SET "commentCount" = t."commentCount" - d.n
    FROM (SELECT "tenantId", "ticketId", count(*)::integer AS n FROM old_rows GROUP BY 1, 2) d
    WHERE t."tenantId" = d."tenantId" AND t.id = d."ticketId";
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER antena_ticket_comment_counts_insert AFTER INSERT ON "TicketComment"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION antena_ticket_comment_counts();
CREATE TRIGGER antena_ticket_comment_counts_delete AFTER DELETE ON "TicketComment"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION antena_ticket_comment_counts();

CREATE FUNCTION antena_ticket_file_counts() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "Ticket" t SET "fileCount" = t."fileCount" + d.n, "sharedFileCount" = t."sharedFileCount" + d.shared
    FROM (SELECT "tenantId", "ticketId", count(*)::integer AS n, (count(*) FILTER (WHERE visibility IN ('PUBLIC', 'TECHNICIAN')))::integer AS shared
          FROM new_rows GROUP BY 1, 2) d
    WHERE t."tenantId" = d."tenantId" AND t.id = d."ticketId";
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "Ticket" t SET "fileCount" = t."fileCount" - d.n, "sharedFileCount" = t."sharedFileCount" - d.shared
    FROM (SELECT "tenantId", "ticketId", count(*)::integer AS n, (count(*) FILTER (WHERE visibility IN ('PUBLIC', 'TECHNICIAN')))::integer AS shared
          FROM old_rows GROUP BY 1, 2) d
    WHERE t."tenantId" = d."tenantId" AND t.id = d."ticketId";
  ELSE
    UPDATE "Ticket" t SET "fileCount" = t."fileCount" + d.n, "sharedFileCount" = t."sharedFileCount" + d.shared
    FROM (SELECT "tenantId", "ticketId", sum(sign)::integer AS n, sum(CASE WHEN visibility IN ('PUBLIC', 'TECHNICIAN') THEN sign ELSE 0 END)::integer AS shared
          FROM (SELECT "tenantId", "ticketId", visibility, 1 AS sign FROM new_rows
                UNION ALL SELECT "tenantId", "ticketId", visibility, -1 FROM old_rows) x
          GROUP BY 1, 2) d
    WHERE t."tenantId" = d."tenantId" AND t.id = d."ticketId" AND (d.n <> 0 OR d.shared <> 0);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER antena_ticket_file_counts_insert AFTER INSERT ON "TicketFile"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION antena_ticket_file_counts();
CREATE TRIGGER antena_ticket_file_counts_update AFTER UPDATE ON "TicketFile"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION antena_ticket_file_counts();
CREATE TRIGGER antena_ticket_file_counts_delete AFTER DELETE ON "TicketFile"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION antena_ticket_file_counts();
