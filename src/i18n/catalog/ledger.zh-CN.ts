import type { ledgerEn } from "./ledger.en.ts";

// 决策台账与会议纪要。占位符 {name} 必须与 ledger.en.ts 相同。
export const ledgerZhCN: Record<keyof typeof ledgerEn, string> = {
  // 会议纪要
  "minutes.title": "# 第 {number} 号议题会议纪要",
  "minutes.team": "班子：<#{channel}>",
  "minutes.matter": "议题：{matter}",
  "minutes.category": "类别：{category}",
  "minutes.started": "{at} 由 <@{user}> 发起并主持。",
  "minutes.principal": "主要负责人：<@{user}>",
  "minutes.noPrincipal": "主要负责人：班子名单中没有",
  "minutes.ballot": "表决方式：{ballot}",
  "minutes.quorum": "开会时到会 {present} 人，班子共 {rosterSize} 人；法定到会人数 {required} 人。",
  "minutes.notStarted": "台账中没有本议题的开始记录。",

  "minutes.proposal": "## 首提人",
  "minutes.proposer": "首提人：{member}。首提责任制：此姓名永久留档，首提人对所提议题终身负责。",
  "minutes.proposerIsPrincipal": "**注意：**首提人是主要负责人。",
  "minutes.proposerNotInCharge": "**注意：**首提人不是本议题所涉关键权力的分管领导。",
  "minutes.proposerInCharge": "首提人是本议题的分管领导。",
  "minutes.noDeputyInCharge": "本议题不在任何成员的分管范围内。",
  "minutes.recommenders": "推荐人：",
  "minutes.recommendation": "{nominee}，推荐人：{recommender}",
  "minutes.noRecommender": "无记录",

  "minutes.member": "<@{user}>（排位 {rank}）",
  "minutes.memberTitled": "<@{user}>（排位 {rank}，{title}）",

  "minutes.attendance": "## 出席情况",
  "minutes.present": "到会并参加（{count} 人）：",
  "minutes.absent": "缺席（{count} 人）：",
  "minutes.absentAtStart": "开会时缺席",
  "minutes.markedAbsent": "{at} 由 <@{by}> 记为缺席：{reason}",
  "minutes.recused": "回避（{count} 人）：",
  "minutes.recusal": "{at} 回避（<@{by}> 记录）：{reason}",
  "minutes.none": "无",

  "minutes.order": "## 发言顺序",
  "minutes.turn": "{position}. {member}：{kind}",
  "minutes.kind.proposal": "汇报议题并提出具体意见",
  "minutes.kind.statement": "发表意见",
  "minutes.kind.conclusion": "主要负责人末位表态",
  "minutes.called": "（{at} 轮到发言）",
  "minutes.message": "{at}：{text}",
  "minutes.memberNote": "{member}：{note}",
  "minutes.edited": "（已修改 {count} 次，最后一次于 {at}；原文：{original}）",
  "minutes.deleted": "（{at} 撤回；原文：{text}）",
  "minutes.turn.finished": "{at} 发言完毕。",
  "minutes.turn.passed": "{at} 不发言。",
  "minutes.turn.concluded": "{at} 表态完毕。",
  "minutes.turn.skipped": "{at} 由 <@{by}> 跳过：{reason}",
  "minutes.turn.absent": "缺席：未发言。",
  "minutes.turn.recused": "回避：未发言。",
  "minutes.turn.speaking": "正在发言。",
  "minutes.turn.notReached": "尚未轮到。",
  "minutes.turn.reminded": "{at} 已提醒。",
  "minutes.turn.timedOut": "{at} 发言超时。",

  "minutes.outOfTurn": "## 未按顺序的发言",
  "minutes.outOfTurn.during": "{at}：{who} 在 <@{turnOf}> 发言时插话（不计为其发言）：{text}",
  "minutes.outOfTurn.paused": "{at}：{who} 在会议暂停期间发言（不计入）：{text}",
  "minutes.outOfTurn.afterRound": "{at}：{who} 在发言轮次结束后发言（不计入）：{text}",
  "minutes.outOfTurn.principal": "**<@{user}>（主要负责人）**",
  "minutes.principalEarly": "**主要负责人在末位表态前发言，违反末位表态制。**",

  "minutes.conduct": "## 暂停、表决、暂缓与取消",
  "minutes.paused": "{at}：<@{by}> 暂停会议：{reason}",
  "minutes.resumed": "{at}：<@{by}> 恢复会议",
  "minutes.votingOpened": "{at}：发言结束，开始表决；参加表决：{voters}",
  "minutes.deferred": "{at}：<@{by}> 决定暂缓：{reason}",
  "minutes.cancelled": "{at}：<@{by}> 取消议题：{reason}",

  "minutes.other": "## 台账中的其他记录",
  "minutes.otherEntry": "{at}：{type}，操作人 <@{actor}>",
  "minutes.otherEntryNoActor": "{at}：{type}",

  "minutes.status": "## 目前结果",
  "minutes.phase": "阶段：{phase}",
  "minutes.conclusion.given": "主要负责人已作末位表态。",
  "minutes.conclusion.passed": "主要负责人未作末位表态，本议题在其未表态的情况下付诸表决。",
  "minutes.conclusion.missing": "主要负责人没有作末位表态。",
  "minutes.conclusion.pending": "主要负责人尚待末位表态。",
  "minutes.principalEarly.yes": "主要负责人是否提前发言：是。",
  "minutes.principalEarly.no": "主要负责人是否提前发言：否。",
  "minutes.footer": "根据台账中的 {entries} 条记录生成。时间均按 {timezone} 时区标注。",

  // 阶段与结果
  "ledger.phase.new": "未开始",
  "ledger.phase.speaking": "发言中",
  "ledger.phase.voting": "表决中",
  "ledger.phase.paused": "已暂停",
  "ledger.phase.deferred": "已暂缓",
  "ledger.phase.cancelled": "已取消",
  "ledger.phase.closed": "已结束",
  "ledger.outcome.passed": "通过",
  "ledger.outcome.rejected": "未通过",
  "ledger.outcome.partlyPassed": "部分通过",
  "ledger.outcome.noQuorum": "到会人数不足",
  "ledger.outcome.deferred": "暂缓",

  // /lastword ledger
  "ledger.list.header": "<#{channel}> 最近的议题",
  "ledger.list.line": "#{number} · {date} · {category} · {status} · {matter}",
  "ledger.list.unknownMatter": "（台账中没有开始记录）",
  "ledger.list.empty": "本频道的班子在台账中还没有议题。",
  "ledger.list.hint":
    "`/lastword ledger export <编号>` 导出议题的会议纪要和台账；`/lastword ledger verify` 核验全部哈希链。",

  // /lastword ledger verify
  "ledger.verify.intact":
    ":white_check_mark: 台账完整：已核验 {sessions} 个议题、{entries} 条记录，所有哈希链均未断。",
  "ledger.verify.broken":
    ":rotating_light: 台账被篡改。第一处问题：第 {number} 号议题，第 {seq} 条记录：{reason}。",
  "ledger.verify.brokenCount": "{sessions} 个议题中有 {broken} 个未通过核验（共核验 {entries} 条记录）。",
  "ledger.verify.missing": ":rotating_light: 台账中缺少这些议题编号（整个议题被删除？）：{numbers}。",
  "ledger.verify.empty": "本频道的班子还没有可核验的议题。",
  "ledger.verify.reason.hash": "内容与其哈希不符（hash）",
  "ledger.verify.reason.link": "没有指向前一条记录（link）",
  "ledger.verify.reason.gap": "其前面的记录缺失（gap）",
  "ledger.verify.reason.empty": "该议题没有任何记录（empty）",
  "ledger.verify.reason.truncated": "其后面的记录缺失（truncated）",

  // /lastword ledger export <编号>
  "ledger.export.header": "第 {number} 号议题：会议纪要与台账",
  "ledger.export.sentAsFiles":
    "第 {number} 号议题的会议纪要（Markdown）和台账（CSV）已作为两个文件发至您的私信，请查收。",
  "ledger.export.minutesFile": "第 {number} 号议题会议纪要（时间按 {timezone} 时区）",
  "ledger.export.csvFile": "第 {number} 号议题台账（CSV，时间按 UTC）",
  "ledger.export.filesHint": "会议纪要中的时间按 {timezone} 时区标注；台账 CSV 中的时间按记录时的 UTC 标注。",
  "ledger.export.chainOk": "台账共 {entries} 条记录，哈希链完整。最后一条的哈希：`{hash}`",
  "ledger.export.chainBroken":
    ":rotating_light: 哈希链在第 {seq} 条记录处断开：{reason}。以下内容读自未通过核验的记录。",
  "ledger.export.copyHint": "请逐块复制：先是 Markdown 格式的会议纪要，然后是 CSV 格式的原始台账。",
  "ledger.export.minutesPart": "会议纪要（Markdown），第 {part}/{parts} 部分",
  "ledger.export.csvPart": "台账（CSV），第 {part}/{parts} 部分",
  "ledger.export.truncated":
    ":warning: Slack 对一条命令最多接受 {messages} 条回复；其余 {omitted} 个字符未显示。",

  // 拒绝（仅自己可见）
  "ledger.error.sessionNotFound":
    "本频道的班子没有第 {number} 号议题。输入 `/lastword ledger` 查看最近的议题。",
  "ledger.error.numberMissing": "请给出议题编号，例如 `/lastword ledger export 12`。",
  "ledger.error.numberInvalid":
    "`{value}` 不是议题编号。请这样输入：`/lastword ledger export 12` 或 `/lastword ledger export #12`。",
  "ledger.error.unknownSubcommand":
    "无法识别 `ledger {word}`。可用：`/lastword ledger`、`/lastword ledger verify` 或 `/lastword ledger export <编号>`。",
};
