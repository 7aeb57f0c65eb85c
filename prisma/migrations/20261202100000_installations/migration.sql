-- CreateTable
CREATE TABLE "installation" (
    "id" TEXT NOT NULL,
    "enterprise_id" TEXT,
    "team_id" TEXT,
    "is_enterprise_install" BOOLEAN NOT NULL,
    "app_id" TEXT,
    "bot_id" TEXT NOT NULL,
    "bot_user_id" TEXT NOT NULL,
    "scopes" TEXT[],
    "bot_token" TEXT NOT NULL,
    "bot_refresh_token" TEXT,
    "bot_token_expires_at" TIMESTAMPTZ(3),
    "installer_id" TEXT NOT NULL,
    "installed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "installation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "installation_workspace" (
    "workspace_id" TEXT NOT NULL,
    "installation_id" TEXT NOT NULL,

    CONSTRAINT "installation_workspace_pkey" PRIMARY KEY ("workspace_id")
);
