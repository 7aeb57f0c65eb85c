import type { voteEn } from "./vote.en.ts";

export const voteZhCN: Record<keyof typeof voteEn, string> = {
  "vote.title": ":ballot_box_with_ballot: *表决开始*（{ballot}）。",
  "vote.motion": "*表决事项：*{matter}",
  "vote.nominee": "*第 {position} 位人选：*{name}，推荐人 <@{recommender}>",
  "vote.approve": "同意",
  "vote.reject": "不同意",
  "vote.abstain": "弃权",
  "vote.castSecret": "投出我的无记名票",
  "vote.close": "结束表决（主持人）",
  "vote.defer": "暂缓表决（主持人）",
  "vote.voted": "*已投票：*{users}",
  "vote.notYet": "*未投票：*{users}",
  "vote.nobody": "无",
  "vote.namedLine": "<@{user}>：{choice}",
  "vote.closedTitle": ":ballot_box_with_ballot: *表决已结束。*",
  "vote.recordedNamed": "已记录：您对{question}投了 *{choice}*。表决结束前可以更改。",
  "vote.recordedChanged": "已记录：您对{question}的表决改为 *{choice}*。两次表决均记入台账。",
  "vote.questionMotion": "本议题",
  "vote.questionNominee": "{name}",
  "vote.secretModalTitle": "无记名投票",
  "vote.secretModalIntro": "您的选择投入票箱；台账只记录您已投票。无记名票一经投出不可更改。",
  "vote.secretModalSubmit": "投票",
  "vote.secretDoneTitle": "已投票",
  "vote.secretDone":
    "您的选票已投入票箱。您的回执码是 *{receipt}*，请妥善保存：其他任何人都看不到，系统也不保存。表决结束后，可用 `/lastword receipt {number} {receipt}` 核对您的选票已计入。",
  "vote.outcome.passed": ":white_check_mark: *通过。*",
  "vote.outcome.rejected": ":x: *未通过。*",
  "vote.outcome.partly_passed": ":large_orange_diamond: *部分通过。*",
  "vote.outcome.no_quorum":
    ":warning: *到会人数不足*：应到 {rosterSize} 人，实到 {present} 人，至少需 {required} 人。未作决定。",
  "vote.resultLine": "{question}：同意 {approve}，不同意 {reject}，弃权 {abstain}：{verdict}",
  "vote.verdictPassed": "通过",
  "vote.verdictRejected": "未通过",
  "vote.thresholdLine":
    "须获 {base} 名成员中{rule}同意方可通过（需 {required} 票同意；班子 {rosterSize} 人，回避 {recused} 人不计）。",
  "vote.closedBy": "<@{by}> 结束了表决：{reason}",
  "vote.closedAllVoted": "全体有表决权的成员均已投票，表决自动结束。",
  "vote.receiptsTitle":
    "{count} 张无记名票的回执哈希（已排序；可用 `/lastword receipt {number} <回执码>` 核对）：",
  "vote.receiptCounted": "您的选票在第 {number} 号议题的票箱中（共 {ballots} 张）。",
  "vote.ballotNotRecorded": "您的选票未能记录：系统未能在时限内完成记录，本次选票未作任何保存。请重新提交。",
  "vote.receiptSealed":
    "您的选票已密封在第 {number} 号议题的票箱中，将于表决结束时计入，届时回执将与其他回执一并公布。",
  "vote.receiptNotFound": "第 {number} 号议题的票箱中没有该回执码的选票。请核对回执码（形如 K7QM-2XPD-9R）。",
  "vote.receiptUsage":
    "用法：`/lastword receipt <议题编号> <回执码>`，例如 `/lastword receipt 12 K7QM-2XPD-9R`。",
  "vote.headerClosed": ":ballot_box_with_ballot: 表决已结束。{outcome}",
  "session.phaseClosed": "{outcome}",

  "minutes.voteTitle": "## 表决",
  "minutes.voteCast": "{at}：<@{user}> 对{question}投了{choice}",
  "minutes.voteChanged": "{at}：<@{user}> 对{question}的表决改为{choice}",
  "minutes.ballotCast": "{at}：<@{user}> 投出无记名票",
  "minutes.voteClosedBy": "{at}：<@{user}> 结束了表决：{reason}",
  "minutes.voteClosedAll": "{at}：全体有表决权的成员均已投票，表决结束",
  "minutes.voteBase":
    "计票基数 {base} 人（班子成员减回避者）；应到 {rosterSize} 人，实到 {present} 人，最低到会人数 {required} 人",
  "minutes.voteOutcome": "结果：{outcome}",
  "error.nomineeUsage":
    '请按 `--nominee "姓名" @推荐人` 填写每位人选，例如 `/decide personnel @李 任命审计局局长 --nominee "张三" @王`。',
  "session.fieldNominee": "第 {position} 位人选（人事议题）",
  "session.fieldRecommender": "推荐人（第 {position} 位人选）",
  "error.voteNotOpen": "表决尚未开始或已停止（{phase}）。",
  "error.ballotIsSecret": "本议题为无记名投票，请点击 *投出我的无记名票*。",
  "error.ballotIsNamed": "本议题为记名投票，请使用各表决事项下的按钮。",
  "error.notEligible": "<@{userId}> 不能参加本议题表决（缺席、回避或不在班子中）。",
  "error.unknownQuestion": "该表决事项不在本次选票上。",
  "error.alreadyVoted": "<@{userId}> 已经投票，不能再申请回避。",
  "error.alreadyCast": "您已投出无记名票，不可更改。",
  "error.invalidChoice": "`{choice}` 不是有效选项：同意、不同意或弃权。",
  "error.incompleteBallot": "请对选票上的每一项作出选择（共 {questions} 项）。",
  "error.boxMismatch": "计票时票箱发生变化，请重试。",
  "error.boxRequired": "无法读取票箱，请重试。",
  "error.nomineesOnlyForPersonnel": "只有人事议题才有人选。",
  "error.tooManyNominees": "每个议题最多 {max} 位人选。",
  "error.nomineeNameRequired": "第 {position} 位人选需要填写姓名。",
  "error.recommenderNotOnRoster": "推荐人 <@{userId}> 不在班子中。",

  // 表决时限（第 13 号问题第 5 项）
  "vote.deadline": ":alarm_clock: 表决截止时间为 {deadline}；全体成员投票完毕即提前结束。",
  "vote.untilAllVoted":
    ":alarm_clock: 本次表决至全体成员投票完毕时结束（现场会议，主持人在场，可由主持人结束表决）。",
  "vote.closedAtDeadline": "表决时限已到，表决结束；未投票的成员不计入。",
  "vote.reminderHalf":
    "提醒：第 {number} 次会议（{matter}）的表决时间已过半，您尚未投票。表决截止时间为 {deadline}。{where}",
  "vote.reminderHour":
    "提醒：第 {number} 次会议（{matter}）的表决将于一小时后、即 {deadline} 截止，您尚未投票。{where}",
  "vote.reminderThread": "<{link}|请点击进入话题串投票。>",
  "vote.reminderChannel": "表决在 <#{channel}> 中进行。",
  "vote.length.days": "{count} 天",
  "vote.length.hours": "{count} 小时",
  "vote.length.minutes": "{count} 分钟",
  "minutes.voteClosedDeadline": "{at}：表决时限已到，表决结束",
  "minutes.votersReminded": "{at}：已提醒尚未投票的成员（{users}）",
  "session.fieldVoteLength": "表决时限",
  "session.fieldVoteLengthDefault": "本班子默认时限（{length}）",
  "session.fieldVoteLengthLive": "至全体成员投票完毕（现场会议，主持人在场）",
  "error.invalidVoteSeconds":
    "表决时限应在 5 分钟至 30 天之间，例如 `24h`、`90m`、`3d`（或 `24小时`、`3天`）。",
  "error.untilAllVotedNeedsChair":
    "“至全体成员投票完毕”仅适用于主持人在场的现场会议：<@{chairId}> 须为班子成员，且未缺席、未回避。请改为设定表决时限。",
};
