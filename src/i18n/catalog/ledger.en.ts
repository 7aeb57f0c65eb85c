// Ledger and minutes messages (English). Keys are prefixed "ledger." or "minutes.".
export const ledgerEn = {
  // Minutes (会议纪要): a Markdown document derived from a session's ledger
  "minutes.title": "# Minutes of session #{number}",
  "minutes.team": "Team: <#{channel}>",
  "minutes.matter": "Matter: {matter}",
  "minutes.category": "Category: {category}",
  "minutes.started": "Started {at} by <@{user}>, who chairs the session.",
  "minutes.principal": "Principal: <@{user}>",
  "minutes.noPrincipal": "Principal: none on the roster",
  "minutes.ballot": "Ballot: {ballot}",
  "minutes.quorum":
    "Attendance at the start: {present} of {rosterSize} members; {required} needed for quorum.",
  "minutes.notStarted": "The ledger holds no start of this session.",

  "minutes.proposal": "## First proposer",
  "minutes.proposer":
    "First proposer: {member}. The record keeps this name for good: the proposer answers for the matter.",
  "minutes.proposerIsPrincipal": "**Note:** the proposer is the principal.",
  "minutes.proposerNotInCharge":
    "**Note:** the proposer is not the deputy in charge of this matter's key power.",
  "minutes.proposerInCharge": "The proposer is the deputy in charge of this matter.",
  "minutes.noDeputyInCharge": "No member's portfolio covers this matter.",
  "minutes.recommenders": "Recommenders:",
  "minutes.recommendation": "{nominee}, recommended by {recommender}",
  "minutes.noRecommender": "nobody on record",

  "minutes.member": "<@{user}> (rank {rank})",
  "minutes.memberTitled": "<@{user}> (rank {rank}, {title})",

  "minutes.attendance": "## Attendance",
  "minutes.present": "Present and taking part ({count}):",
  "minutes.absent": "Absent ({count}):",
  "minutes.absentAtStart": "absent when the session started",
  "minutes.markedAbsent": "marked absent {at} by <@{by}>: {reason}",
  "minutes.recused": "Recused ({count}):",
  "minutes.recusal": "stepped out {at} (recorded by <@{by}>): {reason}",
  "minutes.none": "none",

  "minutes.order": "## Speaking order",
  "minutes.turn": "{position}. {member}: {kind}",
  "minutes.kind.proposal": "presents the proposal",
  "minutes.kind.statement": "statement",
  "minutes.kind.conclusion": "concluding statement (principal)",
  "minutes.called": " (called {at})",
  "minutes.message": "{at}: {text}",
  "minutes.memberNote": "{member}: {note}",
  "minutes.edited": "(edited {count} time(s), last {at}; first written: {original})",
  "minutes.deleted": "(withdrawn {at}; it read: {text})",
  "minutes.turn.finished": "Finished {at}.",
  "minutes.turn.passed": "Passed {at}, without a statement.",
  "minutes.turn.concluded": "Concluded {at}.",
  "minutes.turn.skipped": "Skipped {at} by <@{by}>: {reason}",
  "minutes.turn.absent": "Absent: the turn did not take place.",
  "minutes.turn.recused": "Recused: the turn did not take place.",
  "minutes.turn.speaking": "Speaking now.",
  "minutes.turn.notReached": "Not reached.",
  "minutes.turn.reminded": "Reminded {at}.",
  "minutes.turn.timedOut": "Time ran out {at}.",

  "minutes.outOfTurn": "## Replies out of turn",
  "minutes.outOfTurn.during":
    "{at}: {who} replied during <@{turnOf}>'s turn (not counted as a statement): {text}",
  "minutes.outOfTurn.paused": "{at}: {who} replied while the session was paused (not counted): {text}",
  "minutes.outOfTurn.afterRound": "{at}: {who} replied after the round had ended (not counted): {text}",
  "minutes.outOfTurn.principal": "**<@{user}> (principal)**",
  "minutes.principalEarly":
    "**The principal spoke before the concluding turn: the last-speaker rule was broken.**",

  "minutes.conduct": "## Pauses, vote, deferral and cancellation",
  "minutes.paused": "{at}: paused by <@{by}>: {reason}",
  "minutes.resumed": "{at}: resumed by <@{by}>",
  "minutes.votingOpened": "{at}: the round ended and voting opened; voters: {voters}",
  "minutes.deferred": "{at}: deferred by <@{by}>: {reason}",
  "minutes.cancelled": "{at}: cancelled by <@{by}>: {reason}",

  "minutes.other": "## Other ledger entries",
  "minutes.otherEntry": "{at}: {type} by <@{actor}>",
  "minutes.otherEntryNoActor": "{at}: {type}",

  "minutes.status": "## Outcome so far",
  "minutes.phase": "Phase: {phase}",
  "minutes.conclusion.given": "The principal gave the concluding statement.",
  "minutes.conclusion.passed": "The principal passed the concluding statement: the team voted without it.",
  "minutes.conclusion.missing": "There is no concluding statement by the principal.",
  "minutes.conclusion.pending": "The principal's concluding statement is still to come.",
  "minutes.principalEarly.yes": "The principal spoke out of turn: yes.",
  "minutes.principalEarly.no": "The principal spoke out of turn: no.",
  "minutes.footer": "Derived from {entries} ledger entries. Times are in {timezone}.",

  // Phases and outcomes of a session, as lists and minutes show them
  "ledger.phase.new": "not started",
  "ledger.phase.speaking": "speaking",
  "ledger.phase.voting": "voting",
  "ledger.phase.paused": "paused",
  "ledger.phase.deferred": "deferred",
  "ledger.phase.cancelled": "cancelled",
  "ledger.phase.closed": "closed",
  "ledger.outcome.passed": "passed",
  "ledger.outcome.rejected": "rejected",
  "ledger.outcome.partlyPassed": "partly passed",
  "ledger.outcome.noQuorum": "no quorum",
  "ledger.outcome.deferred": "deferred",

  // /lastword ledger
  "ledger.list.header": "Recent sessions of <#{channel}>",
  "ledger.list.line": "#{number} · {date} · {category} · {status} · {matter}",
  "ledger.list.unknownMatter": "(no start in the ledger)",
  "ledger.list.empty": "This channel's team has no sessions in the ledger yet.",
  "ledger.list.hint":
    "`/lastword ledger export <number>` gives a session's minutes and ledger; `/lastword ledger verify` checks every hash chain.",

  // /lastword ledger verify
  "ledger.verify.intact":
    ":white_check_mark: The ledger is intact: {sessions} sessions and {entries} entries checked, every hash chain holds.",
  "ledger.verify.broken":
    ":rotating_light: The ledger has been tampered with. First bad entry: session #{number}, entry {seq}: {reason}.",
  "ledger.verify.brokenCount": "{broken} of {sessions} sessions fail ({entries} entries checked).",
  "ledger.verify.missing":
    ":rotating_light: Session numbers missing from the ledger (whole sessions removed?): {numbers}.",
  "ledger.verify.empty": "This channel's team has no sessions to verify yet.",
  "ledger.verify.reason.hash": "its content no longer matches its hash (hash)",
  "ledger.verify.reason.link": "it does not point at the entry before it (link)",
  "ledger.verify.reason.gap": "entries before it are missing (gap)",
  "ledger.verify.reason.empty": "the session has no entries at all (empty)",
  "ledger.verify.reason.truncated": "entries after it are missing (truncated)",

  // /lastword ledger export <number>
  "ledger.export.header": "Session #{number}: minutes and ledger",
  "ledger.export.sentAsFiles":
    "I've sent you session #{number}'s minutes (Markdown) and ledger (CSV) as two files in our direct messages.",
  "ledger.export.minutesFile": "Minutes of session #{number} (times in {timezone})",
  "ledger.export.csvFile": "Ledger of session #{number} (CSV, times in UTC)",
  "ledger.export.filesHint":
    "The minutes give times in {timezone}; the ledger's CSV gives them in UTC, as recorded.",
  "ledger.export.chainOk": "{entries} ledger entries; the hash chain holds. Last hash: `{hash}`",
  "ledger.export.chainBroken":
    ":rotating_light: The hash chain breaks at entry {seq}: {reason}. What follows is read from entries that fail verification.",
  "ledger.export.copyHint": "Copy each block below: the minutes in Markdown, then the raw ledger as CSV.",
  "ledger.export.minutesPart": "Minutes (Markdown), part {part} of {parts}",
  "ledger.export.csvPart": "Ledger (CSV), part {part} of {parts}",
  "ledger.export.truncated":
    ":warning: Slack takes at most {messages} messages in answer to a command; the rest ({omitted} characters) is not shown.",

  // Refusals (private)
  "ledger.error.sessionNotFound":
    "This channel's team has no session #{number}. Type `/lastword ledger` to see recent sessions.",
  "ledger.error.numberMissing": "Give a session number, for example `/lastword ledger export 12`.",
  "ledger.error.numberInvalid":
    "`{value}` is not a session number. Type it like `/lastword ledger export 12` or `/lastword ledger export #12`.",
  "ledger.error.unknownSubcommand":
    "I don't know `ledger {word}`. Use `/lastword ledger`, `/lastword ledger verify` or `/lastword ledger export <number>`.",
} as const;
