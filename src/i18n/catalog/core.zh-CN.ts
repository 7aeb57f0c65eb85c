import type { coreEn } from "./core.en.ts";

// 简体中文目录：每个键都必须与 en.ts 一致，占位符 {name} 也必须相同（有测试检查）。
export const coreZhCN: Record<keyof typeof coreEn, string> = {
  "power.finance": "财务",
  "power.personnel": "人事",
  "power.projects": "工程项目",
  "power.procurement": "物资采购",
  "power.assets": "资产处置",
  "power.approvals": "行政审批",
  "power.enforcement": "行政执法",
  "power.judiciary": "司法",
  "policy.four": "“四不直接分管”（人事、财务、工程项目、物资采购）",
  "policy.five": "“五不直管”（财务、人事、工程项目、行政审批、行政执法）",
  "policy.eight": "“八不直接分管”（全部关键权力）",
  "role.secretary": "会议记录人",
  "role.discipline": "纪检负责人",

  "roster.header": "<#{channel}> 领导班子",
  "roster.empty": "本频道还没有领导班子。管理员可以用 `/lastword roster add @用户 1 书记` 开始建立。",
  "roster.line": "{rank}. <@{user}>{title}{powers}{roles}",
  "roster.principalMark": "（主要负责人）",
  "roster.noPowers": "无关键权力",
  "roster.policyLine": "规则：{policy}。每位副职最多分管 {max} 项关键权力。",
  "roster.adminsLine": "班子管理员：{admins}",
  "roster.balanceWarning":
    ":warning: <@{user}> 分管 {count} 项关键权力（{powers}），超过本班子上限 {max} 项。",
  "roster.added": "<@{user}> 已加入班子，排位第 {rank}。",
  "roster.updated": "<@{user}> 现排位第 {rank}。",
  "roster.removed": "<@{user}> 已退出班子。",
  "roster.rolesSet": "<@{user}> 的职责：{roles}。",
  "roster.rolesNone": "无",
  "roster.shifted": "为腾出位置，以下成员顺延一位：{users}。",
  "roster.firstAdmin": "本频道的班子由您建立，您是第一位班子管理员。",

  "policy.show": "本班子执行{policy}。每位副职最多分管 {max} 项关键权力。",
  "policy.set": "主要负责人今后不得分管：{policy}。",
  "policy.maxSet": "每位副职今后最多分管 {max} 项关键权力。",
  "policy.principalMayPropose": "主要负责人可以提出议题（提出时议题标题和台账会注明）。",
  "policy.principalMayNotPropose": "主要负责人不得提出议题，应由分管领导提出。",
  "policy.turnMinutesSet": "除议题另有规定外，每人每轮发言时限为 {minutes} 分钟。",
  "help.principalProposes":
    "`/lastword policy 主要负责人提议 是|否` 是否允许主要负责人作为议题首提人（也可用 `principal-proposes yes|no`）",
  "help.turnMinutes":
    "`/lastword policy 发言时限 <N>` 默认每人发言时限（分钟），例如 `/lastword policy 发言时限 10`（一天为 1440；也可用 `turn-minutes`）",
  "help.decide":
    "`/decide <类别> @首提人 <事项>` 发起决策议题，例如 `/decide 资金 @王 县医院改造`；只输入 `/decide` 打开表单。类别：决策 人事 项目 资金 其他",
  "policy.thresholdSet": "今后议题须获{rule}班子成员（回避者不计）同意方可通过。",
  "policy.quorumSet": "{category}的到会人数要求：{rule}班子成员到会。",
  "policy.allCategories": "各类议题",
  "rule.more-than-half": "超过半数",
  "rule.two-thirds": "三分之二以上",
  "help.threshold":
    "`/lastword policy 通过比例 过半数|三分之二` 与 `/lastword policy 到会人数 过半数|三分之二 [类别]` 设置表决规则，例如 `/lastword policy 到会人数 三分之二 人事`（也可用 `threshold`、`quorum`、`more-than-half`、`two-thirds`）",
  "help.ledger":
    "`/lastword ledger` 最近的议题及结果；`/lastword ledger verify` 重新校验全部哈希链；`/lastword ledger export <编号>` 导出会议纪要（Markdown）和台账原始记录（CSV），例如 `/lastword ledger export 12`",
  "help.receipt":
    "`/lastword receipt <编号> <回执码>` 核对您的无记名票已计入，例如 `/lastword receipt 12 K7QM-2XPD-9R`",
  "help.status": "`/lastword status` 查看本频道各进行中议题的进度（轮到谁发言、表决中、已暂停或等待发布）",
  "admin.added": "<@{user}> 现为班子管理员。",
  "admin.removed": "<@{user}> 不再是班子管理员。",
  "admin.list": "班子管理员：{admins}",

  "error.requestFailed": "处理本次操作时系统出现问题，可能未能记录。请查看会议线程，如未显示，请稍后重试。",
  "error.requestKept":
    "处理本次操作时系统出现问题。本次操作已保存，将在一分钟内记录；如无法记录，将另行告知您。请勿重复操作。",
  "error.rankInvalid": "排位须为不小于 1 的整数（1 为主要负责人），您填写的是 {rank}。",
  "error.rankTaken":
    "排位 {rank} 已由 <@{holder}> 担任。请选择空缺排位，或加上 `--shift` 让 <@{holder}> 及其后成员顺延一位。",
  "error.alreadyOnRoster":
    "<@{user}> 已在班子中。如需调整排位、职务或分管权力，请用 `/lastword roster set <@{user}> <排位> [职务] [权力]`。",
  "error.notOnRoster": "<@{user}> 不在本频道的班子中。可用 `/lastword roster` 查看。",
  "error.principalPowerBarred": "已拒绝：按照{policy}，主要负责人不得分管 {powers}。请交由副职分管。",
  "error.policyConflictsWithPrincipal":
    "已拒绝：主要负责人 <@{user}> 分管 {powers}，{policy}不允许。请先将这些权力调整给副职。",
  "error.maxPowersInvalid": "上限须为 0 到 8 的整数，您填写的是 {value}。",
  "error.notAdmin": "只有本频道班子的管理员才能这样操作。管理员：{admins}。",
  "error.unknownSubcommand": "无法识别 `{word}`。输入 `/lastword help` 查看全部命令。",
  "error.usage": "格式不对。用法：`{usage}`",
  "error.rankMissing": "请在用户后面写上排位，例如 `/lastword roster add @用户 3`。",
  "error.rankNotNumber": "排位须为数字（1 为主要负责人），您输入的是 `{value}`。",
  "error.mentionMissing": "请用 @ 提及该成员（例如 `@王力`），以便准确识别。",
  "error.userNotFound": "在本工作区找不到 <@{user}>。",
  "error.userIsBot": "<@{user}> 是机器人，不能成为班子成员。",
  "error.unknownPower": "`{word}` 不是关键权力。可用：{powers}。",
  "error.unknownRole":
    "`{word}` 不是职责。可用：纪检负责人、会议记录人或无（也可用 discipline、secretary、none）。",
  "error.unknownPolicy":
    "`{word}` 不是有效规则。请用 `四不直接分管`、`五不直管` 或 `八不直接分管`，或 `分管上限 N`；输入 `/lastword help` 查看全部规则。",
  "error.lastAdmin": "<@{user}> 是班子最后一位管理员，请先指定另一位管理员。",
  "error.notInChannel": "请在该班子所在的频道中使用此命令。",
  "error.internal": "系统出现问题，未作任何更改。请稍后再试。",

  "help.title": "Lastword 命令",
  "help.intro":
    "Lastword 主持领导班子的决策会议：成员按排位从后往前发言，主要负责人末位表态，每一步都记入防篡改的决策台账。",
  "help.roster": "`/lastword roster` 按排位显示本频道的班子",
  "help.rosterAdd":
    "`/lastword roster add @用户 <排位> [职务] [权力]` 添加成员，例如 `/lastword roster add @王 2 常务副职 财务,人事`（加 `--shift` 可占用已有人的排位）",
  "help.rosterSet":
    "`/lastword roster set @用户 <排位> [职务] [权力]` 调整成员，例如 `/lastword roster set @李 3 副职 工程项目`",
  "help.rosterRemove": "`/lastword roster remove @用户` 将成员移出班子",
  "help.rosterRole":
    "`/lastword roster role @用户 纪检负责人|会议记录人|无` 设置职责，例如 `/lastword roster role @赵 纪检负责人`（也可用 discipline、secretary、none）",
  "help.policy":
    "`/lastword policy 四不直接分管|五不直管|八不直接分管` 选择主要负责人不得分管的关键权力，例如 `/lastword policy 五不直管`（也可用 four、five、eight）",
  "help.maxPowers":
    "`/lastword policy 分管上限 <N>` 副职分管关键权力超过 N 项时提醒，例如 `/lastword policy 分管上限 2`（也可用 `max-powers`）",
  "help.admin": "`/lastword admin add|remove @用户` 指定或取消班子管理员；`/lastword admin` 列出管理员",
  "help.powers": "关键权力：{powers}",
  "help.help": "`/lastword help` 显示本列表",
};
