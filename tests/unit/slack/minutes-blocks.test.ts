import { describe, expect, it } from "vitest";
import type { Member } from "../../../src/domain/roster/member.ts";
import {
  decide,
  fold,
  initialState,
  type SessionCommand,
  type SessionEvent,
} from "../../../src/domain/session/index.ts";
import { translator } from "../../../src/i18n/translate.ts";
import { minutesBlocks } from "../../../src/slack/blocks/minutes-blocks.ts";

const at = (s: number) => new Date(Date.parse("2025-03-01T09:00:00.000Z") + s * 1000).toISOString();
const u = (rank: number) => `U0MEMBER0${rank}`;
const ROSTER: Member[] = [1, 2, 3].map((rank) => ({
  userId: u(rank),
  rank,
  title: null,
  powers: [],
  roles: [],
}));

function run(commands: SessionCommand[]): SessionEvent[] {
  let state = initialState;
  const events: SessionEvent[] = [];
  for (const command of commands) {
    const decision = decide(state, command);
    if (!decision.ok) throw new Error(`${command.type} refused: ${JSON.stringify(decision.error)}`);
    events.push(...decision.events);
    state = fold(decision.events, state);
  }
  return events;
}

/** The proposer types markup into the matter and the statement; the chair cancels with more of it. */
const EVENTS = run([
  {
    type: "start",
    at: at(0),
    matter: "Fix <!channel> & the <https://evil.example|bridge>",
    category: "project",
    proposerId: u(2),
    chairId: u(3),
    roster: ROSTER,
    absent: [],
    recused: [],
    turnSeconds: 300,
  },
  {
    type: "reply",
    at: at(1),
    userId: u(2),
    messageTs: "1740819600.000001",
    text: "Ping <!here> <@U0EVIL00>",
  },
  { type: "cancel", at: at(2), by: u(3), reason: "wrong <#C0OTHER01> & all" },
]);
const LINK = (ts: string) => `https://acme.slack.com/archives/C0DECISIONS/p${ts.replace(".", "")}`;
const texts = (blocks: unknown[]) => JSON.stringify(blocks);

describe("the minutes as Block Kit", () => {
  it("shows what people typed as text, never as a broadcast, mention or link", () => {
    const [message, ...more] = minutesBlocks(EVENTS, { number: 3, messageLink: LINK }, translator("en"));
    expect(more).toEqual([]);
    const shown = texts(message!.blocks);
    expect(shown).toContain("Fix &lt;!channel&gt; &amp; the &lt;https://evil.example|bridge&gt;");
    expect(shown).toContain(
      "> Ping &lt;!here&gt; &lt;@U0EVIL00&gt; <https://acme.slack.com/archives/C0DECISIONS/p1740819600000001|(message)>",
    );
    expect(shown).toContain("wrong &lt;#C0OTHER01&gt; &amp; all");
    expect(shown).not.toMatch(/<!(channel|here)>|<@U0EVIL00>|<#C0OTHER01>/);
  });

  it("reads in the team's language, with Chinese punctuation", () => {
    const [message] = minutesBlocks(EVENTS, { number: 3, messageLink: () => null }, translator("zh-CN"));
    expect(message!.text).toBe("第 3 次会议纪要");
    expect(message!.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "第 3 次会议纪要" },
    });
    const shown = texts(message!.blocks);
    expect(shown).toContain(`*首提人*\\n<@${u(2)}>`);
    expect(shown).toContain(`<@${u(3)}>：wrong`);
    expect(shown).not.toContain("(message)");
  });
});
