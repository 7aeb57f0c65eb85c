-- A team's own name, the country whose working days it keeps (NULL: Monday to Friday, no
-- holidays), and the days off an admin added that no holiday library knows about.
ALTER TABLE "team" ADD COLUMN "name" TEXT;
ALTER TABLE "team" ADD COLUMN "calendar" TEXT;
ALTER TABLE "team" ADD COLUMN "days_off" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
