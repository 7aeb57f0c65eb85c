-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "team" (
    "workspace_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "policy" TEXT NOT NULL DEFAULT 'five',
    "max_powers" INTEGER NOT NULL DEFAULT 2,
    "locale" TEXT,
    "timezone" TEXT,
    "principal_may_propose" BOOLEAN NOT NULL DEFAULT true,
    "turn_seconds" INTEGER NOT NULL DEFAULT 600,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "team_pkey" PRIMARY KEY ("workspace_id","channel_id")
);

-- CreateTable
CREATE TABLE "member" (
    "workspace_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "title" TEXT,
    "powers" TEXT[],
    "roles" TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "member_pkey" PRIMARY KEY ("workspace_id","channel_id","user_id")
);

-- CreateTable
CREATE TABLE "team_admin" (
    "workspace_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "granted_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_admin_pkey" PRIMARY KEY ("workspace_id","channel_id","user_id")
);

-- CreateTable
CREATE TABLE "session" (
    "workspace_id" TEXT NOT NULL,
    "id" UUID NOT NULL,
    "channel_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "thread_ts" TEXT,
    "phase" TEXT NOT NULL,
    "current_speaker_id" TEXT,
    "outcome" TEXT,
    "last_seq" INTEGER NOT NULL DEFAULT 0,
    "announced_seq" INTEGER NOT NULL DEFAULT 0,
    "announce_by" TEXT,
    "announce_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("workspace_id","id")
);

-- CreateTable
CREATE TABLE "ledger_entry" (
    "workspace_id" TEXT NOT NULL,
    "session_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actor_id" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "slack_ref" TEXT,
    "dedupe_key" TEXT,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("workspace_id","session_id","seq")
);

-- CreateTable
CREATE TABLE "job" (
    "workspace_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "claimed_by" TEXT,
    "claimed_until" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "done_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_pkey" PRIMARY KEY ("workspace_id","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "member_workspace_id_channel_id_rank_key" ON "member"("workspace_id", "channel_id", "rank");

-- CreateIndex
CREATE UNIQUE INDEX "session_workspace_id_channel_id_number_key" ON "session"("workspace_id", "channel_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "session_workspace_id_channel_id_thread_ts_key" ON "session"("workspace_id", "channel_id", "thread_ts");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entry_workspace_id_dedupe_key_key" ON "ledger_entry"("workspace_id", "dedupe_key");

-- CreateIndex
CREATE INDEX "job_done_at_due_at_idx" ON "job"("done_at", "due_at");

-- AddForeignKey
ALTER TABLE "member" ADD CONSTRAINT "member_workspace_id_channel_id_fkey" FOREIGN KEY ("workspace_id", "channel_id") REFERENCES "team"("workspace_id", "channel_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team_admin" ADD CONSTRAINT "team_admin_workspace_id_channel_id_fkey" FOREIGN KEY ("workspace_id", "channel_id") REFERENCES "team"("workspace_id", "channel_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_workspace_id_channel_id_fkey" FOREIGN KEY ("workspace_id", "channel_id") REFERENCES "team"("workspace_id", "channel_id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_workspace_id_session_id_fkey" FOREIGN KEY ("workspace_id", "session_id") REFERENCES "session"("workspace_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Sessions with entries not yet shown in Slack (the outbox the announcer polls).
CREATE INDEX "session_unannounced_idx" ON "session" ("workspace_id") WHERE "announced_seq" < "last_seq";

-- The ledger is append-only (全程纪实留痕): the application never updates or deletes an entry, and
-- the database refuses it too. A database superuser can still get round this; the hash chain is
-- what makes such a change visible (/lastword ledger verify).
CREATE FUNCTION ledger_entry_is_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ledger entries are append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER ledger_entry_append_only
  BEFORE UPDATE OR DELETE ON "ledger_entry"
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();
