-- Slack refused a session's header (the bot not in the channel, the channel gone or archived): the
-- session waits, shown as waiting, until the header can be posted.
ALTER TABLE "session" ADD COLUMN "header_refused" TEXT;
