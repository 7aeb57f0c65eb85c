import type { trustEn } from "./trust.en.ts";

// 发起与主持会议的权限及相关提示（简体中文）。
export const trustZhCN: Record<keyof typeof trustEn, string> = {
  "help.policyStart":
    "`/lastword policy 发起 成员|管理员` 设置谁可以发起会议：班子成员和管理员（默认），或仅管理员（也可用 `start members|admins`）",
  "vote.outcome.withheld":
    ":warning: *投票人数不足*：共投出 {cast} 张选票，至少需要 {required} 张。选票不予计票，不公布任何票数；本议题未作决定。",
  "policy.startMembers": "班子成员和管理员均可发起会议。",
  "policy.startAdmins": "仅班子管理员可发起会议。",
  "error.startMembersOnly": "只有本频道领导班子成员才能发起会议。未作任何记录。",
  "error.startAdminsOnly": "本班子规定仅管理员可发起会议（`/lastword policy start admins`）。未作任何记录。",
  "error.chairLeftRoster":
    "您已不在本频道领导班子名单中，不能再主持本次会议，可由班子管理员主持。未作任何更改。",
  "error.commandTooLong":
    "该命令超过 Slack 允许的长度（{max} 个字符），未予读取，未作任何处理。请精简后重新输入，或直接输入 `/decide` 使用表单。",
  "error.notInOrder": "您不在本次会议的发言顺序中，未作任何更改。",
  "error.othersTurn": "当前是 <@{speaker}> 的发言时间，只能由其本人结束（主持人可以跳过）。未作任何更改。",
} as const;
