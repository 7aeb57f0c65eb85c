import type { recordEn } from "./record.en.ts";

// 决策记录：会议纪要以 Block Kit 形式发在议题讨论串中（简体中文）。
export const recordZhCN: Record<keyof typeof recordEn, string> = {
  "record.minutes.title": "第 {number} 次会议纪要",
  "record.minutes.matter": "*议题*\n{matter}",
  "record.minutes.category": "*类别*\n{category}",
  "record.minutes.proposer": "*首提人*\n<@{user}>",
  "record.minutes.proposerNotInCharge": "*首提人*\n<@{user}>（非分管领导）",
  "record.minutes.chair": "*主持人*\n<@{user}>",
  "record.minutes.principal": "*主要负责人*\n<@{user}>",
  "record.minutes.noPrincipal": "*主要负责人*\n班子名单中无主要负责人",
  "record.minutes.ballot": "*表决方式*\n{ballot}",
  "record.minutes.attendance":
    "*到会人数*\n应到 {rosterSize} 人，实到 {present} 人（至少须到会 {required} 人）",
  "record.minutes.outcome": "*表决结果*\n{outcome}",
  "record.minutes.absent": "*缺席：*{users}",
  "record.minutes.recused": "*回避：*{users}",
  "record.minutes.recusal": "<@{user}>（{reason}）",
  "record.minutes.order": "*发言顺序及发言内容*",
  "record.minutes.turn": "{position}. <@{user}>，{kind}：{outcome}",
  "record.minutes.statement": "> {text} <{link}|（原消息）>",
  "record.minutes.statementNoLink": "> {text}",
  "record.minutes.statementWithdrawn": "> ~{text}~（已撤回）",
  "record.minutes.statementEdited": "（已修改）",
  "record.minutes.turnOutcome.finished": "已发言",
  "record.minutes.turnOutcome.passed": "未发表意见",
  "record.minutes.turnOutcome.concluded": "已作末位表态",
  "record.minutes.turnOutcome.skipped": "由主持人跳过",
  "record.minutes.turnOutcome.absent": "缺席",
  "record.minutes.turnOutcome.recused": "回避",
  "record.minutes.turnOutcome.open": "未完成",
  "record.minutes.outOfTurn": "*未按顺序的发言*（不计为正式发言）",
  "record.minutes.outOfTurnLine": "<@{user}>：{text} <{link}|（原消息）>",
  "record.minutes.outOfTurnLineNoLink": "<@{user}>：{text}",
  "record.minutes.turnOutcome.conclusionPassed":
    ":warning: 未作末位表态，本议题在主要负责人未表态的情况下付诸表决",
  "record.minutes.outOfTurnPrincipal": "主要负责人在末位表态之前发言。",
  "record.minutes.vote": "*表决*",
  "record.minutes.votesByName": "*记名表决情况*",
  "record.minutes.secretCast": "*已投无记名票：*{users}",
  "record.minutes.voteClosedBy": "由 <@{user}> 结束表决：{reason}",
  "record.minutes.voteClosedAll": "全体成员投票完毕，表决结束。",
  "record.minutes.voteClosedDeadline": "表决时限已到，表决结束；未投票的成员不计入。",
  "record.home.voteDeadline": "（{deadline} 截止）",
  "record.minutes.closure": "<@{user}>：{reason}",
  "record.minutes.footer":
    "本纪要依据本次会议台账的 {entries} 条记录生成。全文请用 `/lastword ledger export {number}` 导出。",
  "record.minutes.continued": "第 {number} 次会议纪要（续）",
  "record.policy.namedVotes.hidden":
    "记名表决：表决期间只显示已投票人员，各成员的表决意见在表决结束时连同姓名一并公布。",
  "record.policy.namedVotes.live": "记名表决：各成员的表决意见在投票时即时显示。",
  "record.ballot.namedHiddenExplained":
    "记名表决：目前只显示已投票人员；各成员的表决意见在表决结束时连同姓名一并公布。",
  "record.home.welcomeTitle": "欢迎使用 Lastword",
  "record.home.welcome":
    "Lastword 在 Slack 中组织领导班子的决策会议：首提人汇报议题，班子成员按排位从后往前依次发言，主要负责人末位表态，随后集体表决。每个环节都记入台账，任何人不能擅自改动；每季度提醒各位领导履行分管领域的“一岗双责”。",
  "record.home.setup":
    "*设立班子：*请在班子所在频道中用 `/lastword roster add @姓名 <排位>` 逐一添加成员（排位 1 为主要负责人），然后用 `/decide` 发起议题。`/lastword help` 列出全部命令。",
  "record.home.docs": "<{url}|查看使用说明>",
  "record.home.votes": "*待您表决的议题*",
  "record.home.noVotes": "目前没有待您表决的议题。",
  "record.home.voteLine": "• <#{channel}> 第 {number} 次会议：{matter}",
  "record.home.turnLine": "• <#{channel}> 第 {number} 次会议：{matter}。现在轮到您发言。",
  "record.home.openThread": "<{link}|打开讨论串>",
  "record.home.decisions": "*您所在班子的近期决定*",
  "record.home.noDecisions": "您所在的班子尚未作出决定。",
  "record.home.decisionLine": "• <#{channel}> 第 {number} 次会议：{matter}：*{outcome}*",
  "record.export.namedVoteOpen":
    "第 {number} 次会议正在记名表决，各成员的表决意见在表决结束时才公布；请在表决结束后导出。",
  "help.policyNamedVotes":
    "`/lastword policy named-votes hidden|live`（记名表决 隐藏|公开）设置记名表决：表决结束前不公开各人意见（默认，只显示谁已表决），或随投随公开",
};
