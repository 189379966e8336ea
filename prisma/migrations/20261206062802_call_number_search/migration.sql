-- G1: the ISP's call number is searchable from the grid's search bar (ticketSearchText puts it after
-- the number). Tickets that already have one get it in their search text; the application writes it
-- for every later creation and change. Call numbers are codes (letters, digits, dashes): lower case
-- is what normalizeText would make of them.
UPDATE "Ticket"
SET "searchText" = "searchText" || ' ' || lower(regexp_replace(btrim("callNumber"), '\s+', ' ', 'g'))
WHERE "callNumber" IS NOT NULL AND btrim("callNumber") <> '';
