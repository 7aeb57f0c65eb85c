import { escapeMrkdwn } from "../mrkdwn.ts";
import type { types } from "@slack/bolt";
import type { Translate } from "../../i18n/translate.ts";
import { outcomeLabel } from "../../reports/minutes.ts";
import type { SessionListing } from "../../store/session-store.ts";
import type { WaitingWork } from "../../usecases/home.ts";
import { slackDate } from "./time.ts";

type KnownBlock = types.KnownBlock;

/** A link to a session's thread, or null when none can be made. */
export type ThreadLink = (listing: SessionListing) => string | null;

const SECTION_CHARS = 3_000;
const MATTER_SHOWN = 120;

/** For someone on no team yet: what Lastword does, how to set a team up, where to read more. */
export function guidanceBlocks(docsUrl: string | undefined, tr: Translate): KnownBlock[] {
  return [
    { type: "header", text: { type: "plain_text", text: tr("record.home.welcomeTitle") } },
    section(tr("record.home.welcome")),
    section(tr("record.home.setup")),
    ...(docsUrl
      ? [
          {
            type: "context" as const,
            elements: [{ type: "mrkdwn" as const, text: tr("record.home.docs", { url: docsUrl }) }],
          },
        ]
      : []),
  ];
}

/** The turns and votes waiting for this person, each with a link to its thread. */
export function waitingBlocks(
  work: WaitingWork,
  link: ThreadLink,
  tr: Translate,
  timezone: string,
): KnownBlock[] {
  const withLink = (line: string, listing: SessionListing) => {
    const url = link(listing);
    return url ? `${line} ${tr("record.home.openThread", { link: url })}` : line;
  };
  const turns = work.turns.map((s) =>
    withLink(tr("record.home.turnLine", { channel: s.channelId, number: s.number, matter: matter(s) }), s),
  );
  const votes = work.votes.map((s) => {
    const line = tr("record.home.voteLine", { channel: s.channelId, number: s.number, matter: matter(s) });
    const closes = s.deadline
      ? ` ${tr("record.home.voteDeadline", { deadline: slackDate(s.deadline, timezone) })}`
      : "";
    return withLink(line + closes, s);
  });
  const unposted = work.unposted.map((s) =>
    tr("home.unpostedLine", { channel: s.channelId, number: s.number, matter: matter(s) }),
  );
  return [
    // Shown only while there is one: the chair must act before anyone can see the session.
    ...(unposted.length ? [section([tr("home.unposted"), ...unposted].join("\n"))] : []),
    section([tr("home.turns"), ...(turns.length ? turns : [tr("home.noTurns")])].join("\n")),
    section([tr("record.home.votes"), ...(votes.length ? votes : [tr("record.home.noVotes")])].join("\n")),
  ];
}

/** The newest decisions of this person's teams, with their outcomes and threads. */
export function decisionBlocks(work: WaitingWork, link: ThreadLink, tr: Translate): KnownBlock[] {
  const lines = work.decisions.map((d) => {
    const line = tr("record.home.decisionLine", {
      channel: d.channelId,
      number: d.number,
      matter: matter(d),
      outcome: outcomeLabel(d.outcome, tr),
    });
    const url = link(d);
    return url ? `${line} ${tr("record.home.openThread", { link: url })}` : line;
  });
  return [
    section(
      [tr("record.home.decisions"), ...(lines.length ? lines : [tr("record.home.noDecisions")])].join("\n"),
    ),
  ];
}

function matter(listing: SessionListing): string {
  const flat = listing.matter.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return escapeMrkdwn(chars.length <= MATTER_SHOWN ? flat : `${chars.slice(0, MATTER_SHOWN - 1).join("")}…`);
}

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text: text.slice(0, SECTION_CHARS) } };
}
