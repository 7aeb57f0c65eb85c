// App Home and the check-in commands (English).
export const homeEn = {
  "checkin.cannot.toPrincipal":
    "<@{user}> can't do the {quarter} duty check-in for <#{channel}> this quarter. Reason: {reason}",
  "checkin.cmd.planned": "Check-ins for {quarter}: {units} units planned; those already due go out now.",
  "checkin.cmd.usage":
    "Usage: `/lastword checkins [2026-Q4]` (report), `/lastword checkins run 2026-Q4` (send now), `/lastword checkins exclude|include @user`, `/lastword checkins day first-working-day|1-28`, `/lastword checkins text q1 <text>`.",
  "checkin.cmd.excluded": "<@{user}> will get no check-ins from this team.",
  "checkin.cmd.included": "<@{user}> will get this team's check-ins again.",
  "checkin.cmd.daySet": "Check-ins now go out on {day}.",
  "checkin.cmd.dayFirstWorkingDay": "the first working day of each quarter",
  "checkin.cmd.dayNumber": "day {day} of each quarter's first month",
  "checkin.cmd.textSet": "The {which} check-in now reads: {text}",
  "checkin.cmd.textCleared": "The {which} check-in is back to the default text.",
  "help.checkins":
    "`/lastword checkins [quarter]` the team's duty check-ins (一岗双责) for a quarter, e.g. `/lastword checkins 2026-Q4`; admins: `checkins run <quarter>`, `checkins exclude|include @user`, `checkins day first-working-day|N`, `checkins text q1 <text>`",
  "home.title": "Lastword",
  "home.checkins": "*Your open duty check-ins*",
  "home.noCheckins": "No open check-ins. Thank you.",
  "home.checkinLine": "• {quarter} for <#{channel}>: {status}",
  "home.unposted": "*Sessions waiting to be posted*",
  "home.unpostedLine":
    "• <#{channel}> session #{number}: {matter}. Slack refused to show it there: invite Lastword to the channel with `/invite @Lastword` (or unarchive it), and it is posted at once.",
  "home.turns": "*Sessions waiting for you*",
  "home.noTurns": "No session is waiting for you to speak.",
  "home.turnLine": "• <#{channel}> session #{number}: {matter}. It is your turn.",
  "home.compliance": "*Duty check-ins of <#{channel}>* (you are its principal or discipline officer)",
} as const;
