-- CreateTable
CREATE TABLE "delivery" (
    "workspace_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "channel" TEXT,
    "ts" TEXT,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "delivery_pkey" PRIMARY KEY ("workspace_id","key")
);

-- CreateTable
CREATE TABLE "send_budget" (
    "name" TEXT NOT NULL,
    "next_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "send_budget_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "slack_user" (
    "workspace_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "timezone" TEXT,
    "locale" TEXT,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "refreshed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "slack_user_pkey" PRIMARY KEY ("workspace_id","user_id")
);

-- CreateTable
CREATE TABLE "directory_sync" (
    "workspace_id" TEXT NOT NULL,
    "finished_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "directory_sync_pkey" PRIMARY KEY ("workspace_id")
);

