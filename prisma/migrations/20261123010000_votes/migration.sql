-- AlterTable
ALTER TABLE "team" ADD COLUMN     "rules" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "session" ADD COLUMN     "vote_ts" TEXT;

-- CreateTable
CREATE TABLE "ballot_box" (
    "workspace_id" TEXT NOT NULL,
    "session_id" UUID NOT NULL,
    "question_id" TEXT NOT NULL,
    "approve" INTEGER NOT NULL DEFAULT 0,
    "reject" INTEGER NOT NULL DEFAULT 0,
    "abstain" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ballot_box_pkey" PRIMARY KEY ("workspace_id","session_id","question_id")
);

-- CreateTable
CREATE TABLE "ballot_receipt" (
    "workspace_id" TEXT NOT NULL,
    "session_id" UUID NOT NULL,
    "receipt_hash" TEXT NOT NULL,

    CONSTRAINT "ballot_receipt_pkey" PRIMARY KEY ("workspace_id","session_id","receipt_hash")
);

