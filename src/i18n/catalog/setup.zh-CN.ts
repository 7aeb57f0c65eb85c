import type { setupEn } from "./setup.en.ts";

// 设置表单：一张表单设置（或调整）本频道的领导班子，以及保存后的答复。
export const setupZhCN: Record<keyof typeof setupEn, string> = {
  "setup.title": "设置领导班子",
  "setup.editTitle": "调整领导班子",
  "setup.next": "下一步",
  "setup.save": "保存",
  "setup.cancel": "取消",
  "setup.intro":
    "第一步（共两步）：填写班子的基本设置和成员。下一步再逐一填写每位成员的排序、职务和分管的关键权力。",
  "setup.fieldName": "班子名称（选填）",
  "setup.fieldLanguage": "频道消息使用的语言",
  "setup.fieldTimezone": "时区",
  "setup.timezoneHint": "请填写 IANA 时区名称，例如 Asia/Shanghai。",
  "setup.fieldCalendar": "节假日所依据的国家（国家代码，选填）",
  "setup.calendarHint": "例如 CN、US；不填则按周一至周五计算工作日。",
  "setup.fieldPolicy": "主要负责人不直接分管的关键权力",
  "setup.policy.four": "四不直接分管：人事、财务、工程项目、物资采购",
  "setup.policy.five": "五不直管：财务、人事、工程项目、行政审批、行政执法",
  "setup.policy.eight": "八不直接分管：全部关键权力",
  "setup.fieldMembers": "班子成员",
  "setup.membersHint": "包括主要负责人在内的全体班子成员。",
  "setup.membersIntro": "第二步（共两步）：排序 1 为主要负责人，末位发言；数字越大，发言越靠前。",
  "setup.fieldRank": "排序",
  "setup.fieldTitle": "职务（选填）",
  "setup.fieldPowers": "分管的关键权力（选填）",
  "setup.error.noMembers": "请至少选择一名成员。",
  "setup.error.tooManyMembers":
    "本表单最多填写 {max} 名成员，其余成员请在保存后用 `/lastword roster add` 添加。",
  "setup.error.rankTaken": "排序 {rank} 已给了 <@{holder}>，每位成员的排序不能相同。",
  "setup.error.titleTooLong": "职务最多 {max} 个字。",
  "setup.error.noTeam": "本频道尚未设置领导班子。请单独输入 `/lastword` 进行设置。",
  "setup.created": "<@{user}> 设置了本频道的领导班子。",
  "setup.changed": "<@{user}> 调整了领导班子。",
  "setup.joined": "新增成员：{users}。",
  "setup.left": "移出成员：{users}。",
  "setup.membersChanged": "排序、职务或分管权力有调整：{users}。",
  "setup.nothingChanged": "没有任何改动。",
  "help.setup":
    "在尚未设置班子的频道单独输入 `/lastword` 即打开设置表单；`/lastword roster edit` 调整现有班子（限管理员）",
};
