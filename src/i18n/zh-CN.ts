import { playgroundZhCN } from "./catalog/playground.zh-CN.ts";
import { homeZhCN } from "./catalog/home.zh-CN.ts";
import { checkinZhCN } from "./catalog/checkin.zh-CN.ts";
import { coreZhCN } from "./catalog/core.zh-CN.ts";
import { ledgerZhCN } from "./catalog/ledger.zh-CN.ts";
import { sessionZhCN } from "./catalog/session.zh-CN.ts";
import { trustZhCN } from "./catalog/trust.zh-CN.ts";
import { recordZhCN } from "./catalog/record.zh-CN.ts";
import { sealZhCN } from "./catalog/seal.zh-CN.ts";
import { teamZhCN } from "./catalog/team.zh-CN.ts";
import { voteZhCN } from "./catalog/vote.zh-CN.ts";
import { opsZhCN } from "./catalog/ops.zh-CN.ts";
import { setupZhCN } from "./catalog/setup.zh-CN.ts";
import type { MessageKey } from "./en.ts";

// 简体中文目录：每个键都必须与 en.ts 一致，占位符 {name} 也必须相同（有测试检查）。
export const zhCN: Record<MessageKey, string> = {
  ...coreZhCN,
  ...sessionZhCN,
  ...voteZhCN,
  ...ledgerZhCN,
  ...checkinZhCN,
  ...homeZhCN,
  ...opsZhCN,
  ...teamZhCN,
  ...trustZhCN,
  ...recordZhCN,
  ...sealZhCN,
  ...playgroundZhCN,
  ...setupZhCN,
};
