import { playgroundEn } from "./catalog/playground.en.ts";
import { homeEn } from "./catalog/home.en.ts";
import { checkinEn } from "./catalog/checkin.en.ts";
import { coreEn } from "./catalog/core.en.ts";
import { ledgerEn } from "./catalog/ledger.en.ts";
import { sessionEn } from "./catalog/session.en.ts";
import { trustEn } from "./catalog/trust.en.ts";
import { recordEn } from "./catalog/record.en.ts";
import { sealEn } from "./catalog/seal.en.ts";
import { teamEn } from "./catalog/team.en.ts";
import { voteEn } from "./catalog/vote.en.ts";
import { opsEn } from "./catalog/ops.en.ts";
import { setupEn } from "./catalog/setup.en.ts";

/** The English catalog, the source of the message keys: zh-CN.ts must give every one of them. */
export const en = {
  ...coreEn,
  ...sessionEn,
  ...voteEn,
  ...ledgerEn,
  ...checkinEn,
  ...homeEn,
  ...opsEn,
  ...teamEn,
  ...trustEn,
  ...recordEn,
  ...sealEn,
  ...playgroundEn,
  ...setupEn,
} as const;

export type MessageKey = keyof typeof en;
