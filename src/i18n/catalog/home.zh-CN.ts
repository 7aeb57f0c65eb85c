import type { homeEn } from "./home.en.ts";

export const homeZhCN: Record<keyof typeof homeEn, string> = {
  "checkin.cannot.toPrincipal":
    "<@{user}> 本季度无法完成 <#{channel}> 的{quarter}履职提醒事项。理由：{reason}",
  "checkin.cmd.planned": "{quarter}履职提醒：已安排 {units} 项；已到期的现在发送。",
  "checkin.cmd.usage":
    "用法：`/lastword checkins [2026-Q4]`（报告）、`/lastword checkins run 2026-Q4`（立即发送）、`/lastword checkins exclude|include @用户`、`/lastword checkins day first-working-day|1-28`、`/lastword checkins text q1 <内容>`。",
  "checkin.cmd.excluded": "<@{user}> 今后不再收到本班子的履职提醒。",
  "checkin.cmd.included": "<@{user}> 将重新收到本班子的履职提醒。",
  "checkin.cmd.daySet": "履职提醒今后在{day}发送。",
  "checkin.cmd.dayFirstWorkingDay": "每季度第一个工作日",
  "checkin.cmd.dayNumber": "每季度首月 {day} 日",
  "checkin.cmd.textSet": "{which}履职提醒内容改为：{text}",
  "checkin.cmd.textCleared": "{which}履职提醒恢复为默认内容。",
  "help.checkins":
    "`/lastword checkins [季度]` 查看本班子某季度的“一岗双责”履职情况，例如 `/lastword checkins 2026-Q4`；管理员：`checkins run <季度>`、`checkins exclude|include @用户`、`checkins day first-working-day|N`、`checkins text q1 <内容>`",
  "home.title": "Lastword",
  "home.checkins": "*您待完成的履职提醒*",
  "home.noCheckins": "没有待完成的履职提醒，谢谢。",
  "home.checkinLine": "• <#{channel}> {quarter}：{status}",
  "home.unposted": "*等待发布的议题*",
  "home.unpostedLine":
    "• <#{channel}> 第 {number} 号议题：{matter}。Slack 未允许在该频道发布：请在该频道输入 `/invite @Lastword` 邀请 Lastword 加入（如频道已归档，请先取消归档），随即自动发布。",
  "home.turns": "*等您发言的议题*",
  "home.noTurns": "目前没有等您发言的议题。",
  "home.turnLine": "• <#{channel}> 第 {number} 号议题：{matter}。轮到您发言。",
  "home.compliance": "*<#{channel}> 履职情况*（您是该班子的主要负责人或纪检负责人）",
};
