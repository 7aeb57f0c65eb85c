import { isUntilAllVotedWord, parseVoteLength } from "../../../domain/session/vote-deadline.ts";
import { parseSessionCategory, type SessionCategory } from "../../../domain/session/category.ts";
import type { MessageKey, Params } from "../../../i18n/translate.ts";
import { parseMention, tokenize } from "../lastword/parse.ts";

export interface DecideArgs {
  category: SessionCategory;
  proposerId: string;
  matter: string;
  nominees: Array<{ name: string; recommenderId: string }>;
  /** `--vote 24h` (how long the vote stays open) or `--vote live` (until everyone has voted). */
  vote?: { seconds: number } | { untilAllVoted: true };
}

export type DecideParse =
  | { kind: "modal" }
  | { kind: "start"; args: DecideArgs }
  | { kind: "error"; key: MessageKey; params?: Params };

const VOTE_OPTION = /\s--(?:vote|表决时限)\s+(\S+)/;

/**
 * `/decide <category> @proposer <matter> [--vote 24h|live] [--nominee "Name" @recommender ...]`;
 * `/decide` alone opens the form.
 */
export function parseDecide(text: string): DecideParse {
  const voteOption = VOTE_OPTION.exec(` ${text}`);
  let vote: DecideArgs["vote"];
  if (voteOption) {
    const word = voteOption[1]!;
    const seconds = parseVoteLength(word);
    if (isUntilAllVotedWord(word)) vote = { untilAllVoted: true };
    else if (seconds) vote = { seconds };
    else return { kind: "error", key: "error.invalidVoteSeconds" };
  }
  const trimmed = (voteOption ? ` ${text}`.replace(VOTE_OPTION, "") : text).trim();
  if (trimmed === "") return { kind: "modal" };
  const [categoryWord, proposerToken] = tokenize(trimmed);
  const category = parseSessionCategory(categoryWord ?? "");
  if (!category)
    return { kind: "error", key: "error.unknownCategory", params: { category: categoryWord ?? "" } };
  const proposer = parseMention(proposerToken);
  if (!proposer.ok) return { kind: "error", key: proposer.error.key, params: proposer.error.params };
  // The matter is everything after the mention up to the first --nominee, as typed.
  const rest = trimmed.slice(trimmed.indexOf(proposerToken!) + proposerToken!.length);
  const [matterPart, ...nomineeParts] = rest.split(/\s--nominee\s/);
  const matter = (matterPart ?? "").trim();
  if (matter === "") return { kind: "error", key: "error.emptyMatter" };
  const nominees: DecideArgs["nominees"] = [];
  for (const part of nomineeParts) {
    const tokens = tokenize(part);
    const recommender = parseMention(tokens[tokens.length - 1]);
    const name = tokens.slice(0, -1).join(" ").trim();
    if (!recommender.ok || name === "") return { kind: "error", key: "error.nomineeUsage" };
    nominees.push({ name, recommenderId: recommender.value });
  }
  return {
    kind: "start",
    args: { category, proposerId: proposer.value, matter, nominees, ...(vote ? { vote } : {}) },
  };
}
