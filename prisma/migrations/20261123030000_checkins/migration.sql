-- AlterTable
ALTER TABLE "team" ADD COLUMN     "checkins" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "checkin" (
    "workspace_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "dm_channel" TEXT,
    "message_ts" TEXT,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "answer" JSONB,
    "answered_at" TIMESTAMPTZ(3),
    "snoozed_until" TIMESTAMPTZ(3),

    CONSTRAINT "checkin_pkey" PRIMARY KEY ("workspace_id","channel_id","user_id","quarter")
);

-- CreateIndex
CREATE INDEX "checkin_workspace_id_user_id_status_idx" ON "checkin"("workspace_id", "user_id", "status");

