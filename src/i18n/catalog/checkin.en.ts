// Quarterly duty check-ins: "one post, two responsibilities" (一岗双责) and the "four ones" (四个一).
// The English catalog is the source of the keys; checkin.zh-CN.ts must give every one of them.
export const checkinEn = {
  // Quarters, dates and lists as people read them
  "checkin.quarter": "Q{q} {year}",
  "checkin.date": "{day} {month} {year}",
  "checkin.month.1": "January",
  "checkin.month.2": "February",
  "checkin.month.3": "March",
  "checkin.month.4": "April",
  "checkin.month.5": "May",
  "checkin.month.6": "June",
  "checkin.month.7": "July",
  "checkin.month.8": "August",
  "checkin.month.9": "September",
  "checkin.month.10": "October",
  "checkin.month.11": "November",
  "checkin.month.12": "December",
  "checkin.listSeparator": ", ",
  "checkin.listLastSeparator": " and ",

  // The quarter's task: the "four ones"
  "checkin.task.q1": "Hear a report on integrity work from each department you oversee.",
  "checkin.task.q2":
    "Carry out a mid-year inspection and analysis of integrity work in the departments you oversee.",
  "checkin.task.q3": "Hold an integrity talk with the heads of the departments you oversee.",
  "checkin.task.q4":
    "Carry out the year-end inspection of responsibility for integrity in the departments you oversee.",

  // The check-in message
  "checkin.title": "Duty check-in for {quarter}",
  "checkin.greeting": "<@{user}>, {title}: here is your duty check-in for {quarter}.",
  "checkin.greetingNoTitle": "<@{user}>: here is your duty check-in for {quarter}.",
  "checkin.taskLine": "This quarter's task: {task}",
  "checkin.deadlineLine": "Please answer by the end of {date}.",
  "checkin.area.powers": "the areas you oversee, including {powers}",
  "checkin.area.general": "the areas you oversee",
  "checkin.duties.heading": "One post, two responsibilities",
  "checkin.duty.work": "The work: you lead the work of {area} and answer for its results.",
  "checkin.duty.integrity":
    "Integrity: you answer just as much for integrity in {area}; plan it, carry it out, check it and assess it together with the work.",

  // Buttons and snooze
  "checkin.button.done": "Done",
  "checkin.button.snooze": "Snooze",
  "checkin.button.cannot": "Can't this quarter",
  "checkin.snooze.day": "Remind me tomorrow",
  "checkin.snooze.week": "Remind me in a week",
  "checkin.snoozed": "I'll remind you again on {date}.",

  // The Done modal
  "checkin.done.modalTitle": "Check-in done",
  "checkin.done.what": "What was done",
  "checkin.done.whatHint": "For example: which departments reported, who took part, what was found.",
  "checkin.done.date": "Date",
  "checkin.done.link": "Link (optional)",
  "checkin.done.submit": "Save",
  "checkin.done.recorded": "Recorded: your {quarter} check-in is done. Thank you.",

  // The "can't this quarter" modal
  "checkin.cannot.modalTitle": "Can't this quarter",
  "checkin.cannot.reason": "Why can't it be done this quarter?",
  "checkin.cannot.reasonHint": "The principal and the discipline officer will see this in the team's report.",
  "checkin.cannot.submit": "Send",
  "checkin.cannot.recorded":
    "Recorded: you can't do the {quarter} task. Your reason is in the team's report.",
  "checkin.modal.cancel": "Cancel",
  "checkin.alreadyAnswered": "This check-in was already answered: {status}.",

  // Reminder
  "checkin.reminder":
    "Reminder: your {quarter} check-in is due by the end of {date}. This quarter's task: {task}",

  // Escalation, to the principal and the discipline officer
  "checkin.escalation.title": "Overdue duty check-ins for {quarter}",
  "checkin.escalation.body":
    "These leaders of <#{channel}> had not answered their {quarter} check-in by the end of {date} ({count} in all):",
  "checkin.escalation.line": "• <@{user}>, {title}",
  "checkin.escalation.lineNoTitle": "• <@{user}>",
  "checkin.escalation.why": "You receive this as the team's principal or discipline officer.",

  // Reports
  "checkin.report.title": "Duty check-ins for {quarter}",
  "checkin.report.summary":
    "{done} done · {snoozed} snoozed · {cannot} can't this quarter · {open} open · {overdue} overdue",
  "checkin.report.line": "<@{user}>: {status}",
  "checkin.report.lineDetail": "<@{user}>: {status} ({detail})",
  "checkin.report.leaderLine": "<@{user}>: {done} of {total} quarters done",
  "checkin.report.empty": "No check-ins for {quarter} yet.",

  // Statuses
  "checkin.status.done": "done",
  "checkin.status.snoozed": "snoozed",
  "checkin.status.cannot": "can't this quarter",
  "checkin.status.open": "open",
  "checkin.status.overdue": "overdue",
} as const;
