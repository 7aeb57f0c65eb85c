// Vote messages (English). Keys are prefixed "vote." or "error.".
export const voteEn = {
  "vote.title": ":ballot_box_with_ballot: *The vote is open* ({ballot}).",
  "vote.motion": "*The motion:* {matter}",
  "vote.nominee": "*Nominee {position}:* {name}, recommended by <@{recommender}>",
  "vote.approve": "Approve",
  "vote.reject": "Reject",
  "vote.abstain": "Abstain",
  "vote.castSecret": "Cast my secret ballot",
  "vote.close": "Close the vote (chair)",
  "vote.defer": "Defer the vote (chair)",
  "vote.voted": "*Voted:* {users}",
  "vote.notYet": "*Not yet:* {users}",
  "vote.nobody": "nobody",
  "vote.namedLine": "<@{user}>: {choice}",
  "vote.closedTitle": ":ballot_box_with_ballot: *The vote is closed.*",
  "vote.recordedNamed":
    "Recorded: you voted *{choice}* on {question}. You can change it until the vote closes.",
  "vote.recordedChanged":
    "Recorded: you changed your vote to *{choice}* on {question}. Both are kept in the record.",
  "vote.questionMotion": "the motion",
  "vote.questionNominee": "{name}",
  "vote.secretModalTitle": "Secret ballot",
  "vote.secretModalIntro":
    "Your choices go into the ballot box; the record keeps only that you voted. A secret ballot is final once cast.",
  "vote.secretModalSubmit": "Cast ballot",
  "vote.secretDoneTitle": "Ballot cast",
  "vote.secretDone":
    "Your ballot is in the box. Your receipt code is *{receipt}*. Keep it: nobody else is shown it, and it is not stored. After the vote closes, check that your ballot was counted with `/lastword receipt {number} {receipt}`.",
  "vote.outcome.passed": ":white_check_mark: *Passed.*",
  "vote.outcome.rejected": ":x: *Rejected.*",
  "vote.outcome.partly_passed": ":large_orange_diamond: *Partly passed.*",
  "vote.outcome.no_quorum":
    ":warning: *No quorum*: {present} of {rosterSize} present, {required} needed. Nothing was decided.",
  "vote.resultLine": "{question}: {approve} approve, {reject} reject, {abstain} abstain: {verdict}",
  "vote.verdictPassed": "passed",
  "vote.verdictRejected": "rejected",
  "vote.thresholdLine":
    "A question passes with {rule} {base} members ({required} approvals needed; the roster of {rosterSize} less {recused} recused).",
  "vote.closedBy": "Closed by <@{by}>: {reason}",
  "vote.closedAllVoted": "Closed when every eligible member had voted.",
  "vote.receiptsTitle":
    "Receipt hashes of the {count} secret ballots (sorted; check yours with `/lastword receipt {number} <code>`):",
  "vote.receiptCounted":
    "Your ballot is in the box of session #{number} ({ballots, plural, one {# ballot} other {# ballots}} in all).",
  "vote.ballotNotRecorded":
    "Your ballot was NOT recorded: Lastword could not record it in time, and nothing of it was kept. Please submit the form again.",
  "vote.receiptSealed":
    "Your ballot is in the box of session #{number}, sealed: it will be counted when the vote closes, and the receipt listed with the others then.",
  "vote.receiptNotFound":
    "No ballot with that receipt is in the box of session #{number}. Check the code (it looks like K7QM-2XPD-9R).",
  "vote.receiptUsage":
    "Usage: `/lastword receipt <session number> <receipt code>`, e.g. `/lastword receipt 12 K7QM-2XPD-9R`.",
  "vote.headerClosed": ":ballot_box_with_ballot: Vote closed. {outcome}",
  "session.phaseClosed": "{outcome}",

  "minutes.voteTitle": "## Vote",
  "minutes.voteCast": "{at}: <@{user}> voted {choice} on {question}",
  "minutes.voteChanged": "{at}: <@{user}> changed their vote to {choice} on {question}",
  "minutes.ballotCast": "{at}: <@{user}> cast a secret ballot",
  "minutes.voteClosedBy": "{at}: <@{user}> closed the vote: {reason}",
  "minutes.voteClosedAll": "{at}: the vote closed when every eligible member had voted",
  "minutes.voteBase":
    "Base {base} (roster less recused); present {present} of {rosterSize}, quorum {required}",
  "minutes.voteOutcome": "Outcome: {outcome}",
  "error.nomineeUsage":
    'Give each nominee as `--nominee "Full Name" @recommender`, for example `/decide personnel @li Appoint the audit bureau head --nominee "Zhang San" @wang`.',
  "session.fieldNominee": "Nominee {position} (personnel matters)",
  "session.fieldRecommender": "Recommended by (nominee {position})",
  "error.voteNotOpen": "The vote is not open ({phase}).",
  "error.ballotIsSecret": "This is a secret ballot: use the *Cast my secret ballot* button.",
  "error.ballotIsNamed": "This is a named vote: use the buttons under each question.",
  "error.notEligible": "<@{userId}> cannot vote in this session (absent, recused, or not on the team).",
  "error.unknownQuestion": "That question is not on this ballot.",
  "error.alreadyVoted": "<@{userId}> has already voted and can no longer recuse.",
  "error.alreadyCast": "You have already cast your secret ballot; it is final.",
  "error.invalidChoice": "`{choice}` is not a choice: approve, reject or abstain.",
  "error.incompleteBallot": "Answer every question on the ballot ({questions}).",
  "error.boxMismatch": "The ballot box changed while your ballot was being counted; please try again.",
  "error.boxRequired": "The ballot box could not be read; please try again.",
  "error.nomineesOnlyForPersonnel": "Only personnel matters have nominees.",
  "error.tooManyNominees": "At most {max} nominees per session.",
  "error.nomineeNameRequired": "Nominee {position} needs a name.",
  "error.recommenderNotOnRoster": "The recommender <@{userId}> is not on the team.",

  // Votes that end (issue 13 item 5)
  "vote.deadline": ":alarm_clock: The vote closes at {deadline}, or as soon as everyone has voted.",
  "vote.untilAllVoted":
    ":alarm_clock: Open until everyone has voted (a live meeting with its chair present; the chair may close it).",
  "vote.closedAtDeadline": "Closed at its deadline: those who had not voted were not counted.",
  "vote.reminderHalf":
    "Reminder: half the time for the vote on session #{number} ({matter}) has gone, and you have not voted yet. It closes at {deadline}. {where}",
  "vote.reminderHour":
    "Reminder: the vote on session #{number} ({matter}) closes in an hour, at {deadline}, and you have not voted yet. {where}",
  "vote.reminderThread": "<{link}|Open the thread to vote.>",
  "vote.reminderChannel": "It is in <#{channel}>.",
  "vote.length.days": "{count, plural, one {# day} other {# days}}",
  "vote.length.hours": "{count, plural, one {# hour} other {# hours}}",
  "vote.length.minutes": "{count, plural, one {# minute} other {# minutes}}",
  "minutes.voteClosedDeadline": "{at}: the vote closed at its deadline",
  "minutes.votersReminded": "{at}: those who had not voted were reminded ({users})",
  "session.fieldVoteLength": "The vote closes after",
  "session.fieldVoteLengthDefault": "The team's default ({length})",
  "session.fieldVoteLengthLive": "When everyone has voted (a live meeting, chair present)",
  "error.invalidVoteSeconds": "A vote stays open from 5 minutes to 30 days: for example `24h`, `90m`, `3d`.",
  "error.untilAllVotedNeedsChair":
    "“Until everyone has voted” is only for a live meeting with its chair present: <@{chairId}> must be on the team and neither absent nor recused. Choose a deadline instead.",
} as const;
