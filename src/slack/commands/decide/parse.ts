import { parseSessionCategory, type SessionCategory } from "../../../domain/session/category.ts";
import type { MessageKey, Params } from "../../../i18n/translate.ts";
import { parseMention, tokenize } from "../lastword/parse.ts";

export interface DecideArgs {
  category: SessionCategory;
  proposerId: string;
  matter: string;
}

export type DecideParse = { kind: "modal" } | { kind: "start"; args: DecideArgs } | { kind: "error"; key: MessageKey; params?: Params };

/** `/decide <category> @proposer <matter>`; `/decide` alone opens the form. */
export function parseDecide(text: string): DecideParse {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "modal" };
  const [categoryWord, proposerToken] = tokenize(trimmed);
  const category = parseSessionCategory(categoryWord ?? "");
  if (!category) return { kind: "error", key: "error.unknownCategory", params: { category: categoryWord ?? "" } };
  const proposer = parseMention(proposerToken);
  if (!proposer.ok) return { kind: "error", key: proposer.error.key, params: proposer.error.params };
  // The matter is everything after the mention, as typed (quotes and spacing kept).
  const matter = trimmed.slice(trimmed.indexOf(proposerToken!) + proposerToken!.length).trim();
  if (matter === "") return { kind: "error", key: "error.emptyMatter" };
  return { kind: "start", args: { category, proposerId: proposer.value, matter } };
}
