import type { teamEn } from "./team.en.ts";

// 班子设置：名称、语言、时区、工作日历、自定休息日。
export const teamZhCN: Record<keyof typeof teamEn, string> = {
  "team.header": "*{name}的设置*",
  "team.languageLine": "频道消息语言：{language}",
  "team.timezoneLine": "截止时间、会议记录和导出所用时区：{timezone}",
  "team.calendarLine": "工作日：{calendar}",
  "team.calendarWeekdays": "周一至周五，不计法定节假日",
  "team.calendarChina":
    "已掌握 {first} 年至 {last} 年的国家法定节假日和调休上班日；此后年份在程序库更新前只计法定节假日。",
  "team.daysOffLine": "本班子自定休息日：{days}",
  "team.voteLengthLine": "表决时限：{length}（议题另行设定的除外）",
  "team.voteLengthSet": "本班子的表决时限已设为 {length}（议题另行设定的除外）。",
  "team.none": "无",
  "team.defaultValue": "{value}（系统默认值，尚未设置）",
  "team.changeHint":
    "管理员可用以下命令修改：`/lastword 团队 语言 zh-CN|en`、`时区 Asia/Shanghai`、`名称 <名称>`、`日历 CN|US|无`、`休息日 [删除] 2027-02-10`、`表决时限 24小时`。",
  "team.language.en": "英文",
  "team.language.zh-CN": "简体中文",
  "team.languageSet": "本班子频道消息语言已设为{language}。",
  "team.timezoneSet": "截止时间、会议记录和导出已改用 {timezone} 时区。",
  "team.nameSet": "本班子名称已设为“{name}”。",
  "team.calendarSet": "工作日已按 {calendar} 的日历计算，法定节假日不计为工作日。",
  "team.calendarNone": "工作日已改为周一至周五，不计法定节假日。",
  "team.dayOffAdded": "{date} 已设为本班子休息日。",
  "team.dayOffRemoved": "{date} 已恢复为本班子工作日。",
  "error.unknownTimezone": "“{zone}”不是有效时区，请使用 IANA 名称，例如 Asia/Shanghai。",
  "error.unknownCalendar": "没有“{calendar}”的日历，请使用两位国家代码（例如 CN、US）或“无”。",
  "help.team":
    "`/lastword team` 查看本班子名称、语言、时区和工作日历；管理员：`/lastword 团队 语言 zh-CN`、`时区 Asia/Shanghai`、`日历 CN`、`休息日 2027-02-10`、`表决时限 24小时`",
};
