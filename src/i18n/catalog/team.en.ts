// A team's own settings: name, language, timezone, calendar, days off.
export const teamEn = {
  "team.header": "*Settings of {name}*",
  "team.languageLine": "Language of the channel's posts: {language}",
  "team.timezoneLine": "Timezone of deadlines, minutes and exports: {timezone}",
  "team.calendarLine": "Working days: {calendar}",
  "team.calendarWeekdays": "Monday to Friday, no public holidays",
  "team.calendarChina":
    "China's public holidays and make-up working days are known for {first} to {last}; later years count public holidays only until the library is updated.",
  "team.daysOffLine": "The team's own days off: {days}",
  "team.voteLengthLine": "Votes stay open: {length}, unless a session sets its own",
  "team.voteLengthSet": "Votes of this team now stay open {length}, unless a session sets its own.",
  "team.none": "none",
  "team.defaultValue": "{value} (the installation's default; not chosen yet)",
  "team.changeHint":
    "Admins change these with `/lastword team language zh-CN|en`, `timezone Asia/Shanghai`, `name <name>`, `calendar CN|US|none`, `dayoff [remove] 2027-02-10`, `vote-deadline 24h`.",
  "team.language.en": "English",
  "team.language.zh-CN": "Simplified Chinese",
  "team.languageSet": "This team's channel now speaks {language}.",
  "team.timezoneSet": "Deadlines, minutes and exports now use the timezone {timezone}.",
  "team.nameSet": "This team is now called {name}.",
  "team.calendarSet": "Working days now follow the calendar of {calendar}: public holidays are days off.",
  "team.calendarNone": "Working days are now Monday to Friday, without public holidays.",
  "team.dayOffAdded": "{date} is now a day off for this team.",
  "team.dayOffRemoved": "{date} is a working day again for this team.",
  "error.unknownTimezone":
    "{zone} is not a timezone. Use an IANA name such as Asia/Shanghai or America/New_York.",
  "error.unknownCalendar":
    "There is no calendar for {calendar}. Use a two-letter country code such as CN or US, or none.",
  "help.team":
    "`/lastword team` the team's name, language, timezone and calendar; admins: `/lastword team language zh-CN`, `timezone Asia/Shanghai`, `calendar CN`, `dayoff 2027-02-10`, `vote-deadline 24h`",
} as const;
