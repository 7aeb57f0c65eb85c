-- Sealed secret ballots (issue 12, item 1). The ballot box kept running totals, updated in the same
-- transaction as each voter's "ballot cast" entry: its old row versions and their transaction ids
-- gave every voter's choice away. Ballots are now sealed rows, inserted only, opened at the close.

-- Ballots already dropped into the old box cannot be moved into sealed ones: refuse to upgrade
-- while such a vote is still open, rather than lose them. Close or defer it, then start again.
DO $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM "ballot_box" b
    JOIN "session" s ON s.workspace_id = b.workspace_id AND s.id = b.session_id
    WHERE s.outcome IS NULL
  ) THEN
    RAISE EXCEPTION 'a secret ballot is open with ballots in the old ballot box; close or defer it with the previous version, then upgrade';
  END IF;
END $$;

DROP TABLE "ballot_box";

-- CreateTable
CREATE TABLE "ballot_seal" (
    "workspace_id" TEXT NOT NULL,
    "session_id" UUID NOT NULL,
    "public_key" BYTEA NOT NULL,
    "wrapped_private_key" BYTEA NOT NULL,

    CONSTRAINT "ballot_seal_pkey" PRIMARY KEY ("workspace_id","session_id")
);

-- CreateTable
CREATE TABLE "sealed_ballot" (
    "workspace_id" TEXT NOT NULL,
    "session_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "sealed" BYTEA NOT NULL,

    CONSTRAINT "sealed_ballot_pkey" PRIMARY KEY ("workspace_id","session_id","id")
);

-- Chained sessions (issue 12, item 5): each session's first entry links to the session before it.
-- Sessions that exist now began at the genesis hash; the chain starts after them.
ALTER TABLE "team" ADD COLUMN "session_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "chain_starts_at" INTEGER NOT NULL DEFAULT 1;

UPDATE "team" t SET "session_count" = n.last, "chain_starts_at" = n.last + 1
FROM (SELECT workspace_id, channel_id, max(number) AS last FROM "session" GROUP BY 1, 2) n
WHERE n.workspace_id = t.workspace_id AND n.channel_id = t.channel_id;

-- TRUNCATE skips row triggers: refuse it with a statement trigger, as UPDATE and DELETE are refused.
CREATE TRIGGER ledger_entry_no_truncate
  BEFORE TRUNCATE ON "ledger_entry"
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_is_append_only();
