import type { checkinEn } from "./checkin.en.ts";

// 简体中文目录：每个键都必须与 checkin.en.ts 一致，占位符 {name} 也必须相同（有测试检查）。
export const checkinZhCN: Record<keyof typeof checkinEn, string> = {
  "checkin.quarter": "{year}年第{q}季度",
  "checkin.date": "{year}年{month}{day}日",
  "checkin.month.1": "1月",
  "checkin.month.2": "2月",
  "checkin.month.3": "3月",
  "checkin.month.4": "4月",
  "checkin.month.5": "5月",
  "checkin.month.6": "6月",
  "checkin.month.7": "7月",
  "checkin.month.8": "8月",
  "checkin.month.9": "9月",
  "checkin.month.10": "10月",
  "checkin.month.11": "11月",
  "checkin.month.12": "12月",
  "checkin.listSeparator": "、",
  "checkin.listLastSeparator": "、",

  "checkin.task.q1": "听取一次分管部门党风廉政建设工作汇报。",
  "checkin.task.q2": "对分管部门党风廉政建设工作开展一次半年检查分析。",
  "checkin.task.q3": "与分管部门负责人开展一次廉政谈话。",
  "checkin.task.q4": "对分管部门开展一次年终党风廉政建设责任制检查。",

  "checkin.title": "{quarter}“一岗双责”履职提醒",
  "checkin.greeting": "<@{user}>（{title}）：现将您{quarter}履行“一岗双责”的事项提醒如下。",
  "checkin.greetingNoTitle": "<@{user}>：现将您{quarter}履行“一岗双责”的事项提醒如下。",
  "checkin.taskLine": "本季度任务：{task}",
  "checkin.deadlineLine": "请于{date}前完成并确认。",
  "checkin.area.powers": "分管领域（含{powers}）",
  "checkin.area.general": "分管领域",
  "checkin.duties.heading": "一岗双责",
  "checkin.duty.work": "业务工作：对{area}的业务工作负领导责任，抓部署、抓落实、见成效。",
  "checkin.duty.integrity":
    "廉政建设：对{area}的党风廉政建设负领导责任，与业务工作同部署、同落实、同检查、同考核。",

  "checkin.button.done": "已完成",
  "checkin.button.snooze": "稍后提醒",
  "checkin.button.cannot": "本季度无法完成",
  "checkin.snooze.day": "明天再提醒",
  "checkin.snooze.week": "一周后再提醒",
  "checkin.snoozed": "好的，将于{date}再次提醒您。",

  "checkin.done.modalTitle": "确认完成",
  "checkin.done.what": "完成情况",
  "checkin.done.whatHint": "如：听取了哪些部门的汇报、参加人员、发现的问题等。",
  "checkin.done.date": "完成日期",
  "checkin.done.link": "相关材料链接（选填）",
  "checkin.done.submit": "提交",
  "checkin.done.recorded": "已记录：您已完成{quarter}履职事项，谢谢。",

  "checkin.cannot.modalTitle": "本季度无法完成",
  "checkin.cannot.reason": "本季度无法完成的原因",
  "checkin.cannot.reasonHint": "该说明将列入班子履职情况报告，主要负责人和纪检负责人可以看到。",
  "checkin.cannot.submit": "提交",
  "checkin.cannot.recorded": "已记录：您{quarter}无法完成该事项，原因已列入班子履职情况报告。",
  "checkin.modal.cancel": "取消",
  "checkin.alreadyAnswered": "该事项已有答复：{status}。",

  "checkin.reminder": "提醒：您{quarter}的履职事项请于{date}前完成并确认。本季度任务：{task}",

  "checkin.escalation.title": "{quarter}履职事项逾期未确认情况",
  "checkin.escalation.body":
    "截至{date}，<#{channel}> 班子中以下成员未确认{quarter}履职事项（共 {count} 人）：",
  "checkin.escalation.line": "• <@{user}>（{title}）",
  "checkin.escalation.lineNoTitle": "• <@{user}>",
  "checkin.escalation.why": "您作为班子主要负责人或纪检负责人收到本通知。",

  "checkin.report.title": "{quarter}“一岗双责”履职情况",
  "checkin.report.summary":
    "已完成 {done} 人，稍后提醒 {snoozed} 人，本季度无法完成 {cannot} 人，待确认 {open} 人，逾期 {overdue} 人。",
  "checkin.report.line": "<@{user}>：{status}",
  "checkin.report.lineDetail": "<@{user}>：{status}（{detail}）",
  "checkin.report.leaderLine": "<@{user}>：{total} 个季度中已完成 {done} 个",
  "checkin.report.empty": "{quarter}暂无履职事项记录。",

  "checkin.status.done": "已完成",
  "checkin.status.snoozed": "已设稍后提醒",
  "checkin.status.cannot": "本季度无法完成",
  "checkin.status.open": "待确认",
  "checkin.status.overdue": "逾期未确认",
};
