// Decision-session messages (English). Keys are prefixed "session.", "category.", "ballot." or "error.".
export const sessionEn = {
  "category.decision": "major decision",
  "category.personnel": "personnel appointment",
  "category.project": "major project",
  "category.funds": "large expenditure",
  "category.other": "other matter",
  "ballot.named": "named vote",
  "ballot.secret": "secret ballot",
  "ballot.namedExplained": "Named vote: each member's vote is shown as it is cast and kept in the record.",
  "ballot.secretExplained":
    "Secret ballot: nobody, including the chair and anyone operating the bot, can see through the bot how you voted. The record keeps who voted and the totals.",

  // Header
  "session.headerTitle": "Decision session #{number}: {matter}",
  "session.headerFacts": "*Category:* {category}   *First proposer:* <@{proposer}>   *Chair:* <@{chair}>",
  "session.headerBallot": "*Ballot:* {ballot}",
  "session.headerOrder": "*Speaking order* (proposer first, then lowest rank upward, principal last):",
  "session.orderLine": "{mark} {position}. <@{user}>{role}",
  "session.orderRoleProposal": " presents the proposal",
  "session.orderRoleConclusion": " concludes (principal)",
  "session.markCurrent": ":arrow_forward:",
  "session.markWaiting": ":white_circle:",
  "session.markFinished": ":white_check_mark:",
  "session.markPassed": ":fast_forward:",
  "session.markSkipped": ":no_entry_sign:",
  "session.markAbsent": ":heavy_minus_sign:",
  "session.markRecused": ":see_no_evil:",
  "session.headerAbsent": "*Absent:* {users}",
  "session.headerRecused": "*Recused:* {users}",
  "session.headerQuorum": "Present {present} of {rosterSize} (at least {required} needed).",
  "session.flagNotInCharge":
    ":warning: The proposer does not hold the {power} portfolio this matter belongs to.",
  "session.flagPrincipalProposes": ":warning: The principal is the proposer of this matter.",
  "session.flagPrincipalEarly":
    ":rotating_light: The principal spoke before every other member had spoken. This is on the record.",
  "session.phaseSpeaking": "Speaking round under way. Reply in this thread when it is your turn.",
  "session.phasePaused": ":double_vertical_bar: Paused by <@{by}>: {reason}",
  "session.phaseVoting": ":ballot_box_with_ballot: Every member has spoken. The vote is next.",
  "session.phaseDeferred": ":hourglass: Deferred by <@{by}>: {reason}",
  "session.phaseCancelled": ":x: Cancelled by <@{by}>: {reason}",
  "session.chairMenu": "Chair",
  "session.menuPause": "Pause",
  "session.menuResume": "Resume",
  "session.menuDefer": "Defer",
  "session.menuCancel": "Cancel",
  "session.menuRecuse": "Recuse myself",

  // Turns
  "session.turnProposal":
    "<@{user}>, please present the proposal ({position} of {total}). Reply in this thread, then press *Done*.",
  "session.turnStatement":
    "<@{user}>, it is your turn to speak ({position} of {total}). Reply in this thread, then press *Done*, or *Pass*.",
  "session.turnConclusion":
    "<@{user}>, every other member has spoken. Please give the concluding statement ({position} of {total}), then press *Done*.",
  "session.turnDeadline": "Time for this turn: until {deadline}.",
  "session.buttonDone": "Done",
  "session.buttonPass": "Pass",
  "session.buttonSkip": "Skip (chair)",
  "session.buttonAbsent": "Mark absent (chair)",
  "session.buttonAbsentDefers": "Absent: defer the session (chair)",
  "session.reminder": "<@{user}>, half of your time has gone; your turn ends at {deadline}.",
  "session.timedOut": "<@{chair}>, <@{user}>'s time is up. Skip them, or mark them absent?",
  "session.timedOutProposer":
    "<@{chair}>, <@{user}>'s time to present is up. The proposer's turn cannot be passed or skipped: wait for them, or mark them absent, which defers the session.",
  "session.skipped": "<@{by}> skipped <@{user}>: {reason}",
  "session.markedAbsent": "<@{by}> marked <@{user}> absent: {reason}",
  "session.recused": "<@{user}> is recused and will neither speak nor vote: {reason}",
  "session.paused": "<@{by}> paused the session: {reason}",
  "session.resumed": "<@{by}> resumed the session.",
  "session.deferred": "<@{by}> deferred this matter: {reason}",
  "session.cancelled": "<@{by}> cancelled this session: {reason}",
  "session.votingOpened": "Every member has spoken or passed. The vote opens for: {voters}.",
  "session.noConclusion": "The principal gave no concluding statement.",

  // Private notices
  "session.outOfTurn":
    "It is not your turn yet: <@{speaker}> is speaking. Your message is kept as out of turn, not as your statement; I will call you when your turn comes (you are number {position} in the order).",
  "session.outOfTurnNoPlace":
    "It is not your turn: <@{speaker}> is speaking, and you have no turn left in this round. Your message is kept as out of turn.",
  "session.outOfTurnPrincipal":
    "As principal you speak last, after every other member. Your message is recorded as spoken out of turn, and the session header now shows it.",
  "session.outOfTurnPaused": "The session is paused; your message is recorded but is not a statement.",
  "session.outOfTurnAfterRound":
    "The speaking round is over; your message is recorded but is not a statement.",
  "session.headerNotInChannel":
    "Lastword could not post session #{number} in <#{channel}>: it is not a member of that channel. Invite it there with `/invite @Lastword`. The session waits, shown as waiting in Lastword's App Home, and appears in the channel as soon as Lastword can post there.",
  "session.headerArchived":
    "Lastword could not post session #{number} in <#{channel}>: the channel is archived. Unarchive it, or start the session in another channel. The session waits, shown as waiting in Lastword's App Home, and appears in the channel as soon as Lastword can post there.",
  "status.title": "*Sessions under way in this channel*",
  "status.none": "No session is under way in this channel.",
  "status.waitingToBePosted":
    "• #{number}: {matter}. Waiting to be posted: Slack refused to show it here. Invite Lastword with `/invite @Lastword` (or unarchive the channel), and it is posted at once.",
  "status.speaking": "• #{number}: {matter}. <@{user}>'s turn to speak.",
  "status.voting": "• #{number}: {matter}. Voting.",
  "status.paused": "• #{number}: {matter}. Paused.",
  "status.starting": "• #{number}: {matter}. Starting.",
  "session.started": "Session #{number} started. Follow it in the thread under its header.",
  "session.recorded": "Recorded.",

  // Modals
  "session.modalTitle": "New decision session",
  "session.modalSubmit": "Start",
  "session.modalCancel": "Cancel",
  "session.fieldMatter": "Matter to decide",
  "session.fieldCategory": "Category",
  "session.fieldProposer": "First proposer",
  "session.fieldAbsent": "Absent members",
  "session.fieldBallot": "Ballot",
  "session.fieldBallotDefault": "Default for the category",
  "session.fieldTurnMinutes":
    "Minutes per turn (a live meeting: 10; an asynchronous session: 1440 for a day)",
  "session.reasonTitle": "Give a reason",
  "session.reasonLabel": "Reason (it goes on the record)",
  "session.reasonFor": "{action}: <@{user}>",

  // Refusals
  "error.sessionNotFound": "I can't find that session. It may have been started in another channel.",
  "error.invalidTime": "The clock gave an invalid time ({at}); please try again.",
  "error.alreadyStarted": "This session has already started.",
  "error.emptyMatter":
    "Say what the matter is, for example `/decide funds @wang Renovate the county hospital, 2.4 million`.",
  "error.unknownCategory":
    "`{category}` is not a category. Use decision, personnel, project, funds or other (决策 人事 项目 资金 其他).",
  "error.noRoster":
    "This channel has no leadership team yet. Set one up with `/lastword roster add @user 1` first.",
  "error.duplicateRosterMember": "The roster lists <@{userId}> twice; fix it with `/lastword roster`.",
  "error.duplicateRank": "Two members hold rank {rank}; fix the roster with `/lastword roster set`.",
  "error.proposerNotOnRoster":
    "<@{proposerId}> is not on this channel's team, so cannot be the first proposer. See `/lastword roster`.",
  "error.proposerAbsent": "The first proposer <@{proposerId}> is marked absent.",
  "error.proposerRecused": "The first proposer <@{proposerId}> cannot be recused.",
  "error.absentNotOnRoster": "<@{userId}> is not on the team, so cannot be marked absent.",
  "error.recusedNotOnRoster": "<@{userId}> is not on the team, so cannot recuse.",
  "error.recusalReasonRequired": "Give a reason for <@{userId}>'s recusal.",
  "error.invalidTurnSeconds": "A turn must last at least a minute; {turnSeconds} seconds is not allowed.",
  "error.principalMayNotPropose":
    "This team does not let the principal (<@{proposerId}>) propose a matter; the deputy in charge should.",
  "error.noQuorum":
    "No quorum: {present} of {rosterSize} members are present and at least {required} are needed for this category.",
  "error.notStarted": "This session has not started.",
  "error.sessionClosed": "This session is closed ({phase}); nothing more can be recorded in it.",
  "error.sessionPaused": "The session is paused; the chair can resume it.",
  "error.notPaused": "The session is not paused.",
  "error.alreadyPaused": "The session is already paused.",
  "error.roundEnded": "The speaking round is over.",
  "error.notYourTurn":
    "It is not your turn: <@{nextSpeaker}> is speaking (you are number {position} in the order).",
  "error.turnAlreadyEnded": "That turn is already over; nothing was changed.",
  "error.finishWithoutStatement": "You have not said anything yet: reply in the thread first, or press Pass.",
  "error.passAfterStatement": "You have already spoken in this turn; press Done to end it.",
  "error.proposalNotPresented":
    "You have not presented the matter yet: reply in the thread with your report and your concrete proposal, then press Done.",
  "error.proposerMayNotPass":
    "As the proposer you present the matter; your turn cannot be passed. Reply in the thread with your report and your concrete proposal, then press Done.",
  "error.proposerMayNotBeSkipped":
    "The proposer's turn cannot be skipped. Wait for them to present, or mark them absent, which defers the session.",
  "error.notChair": "Only the chair (<@{chairId}>) or a roster admin can do that.",
  "error.reasonRequired": "Give a reason; it goes on the record.",
  "error.recusalNotAllowed": "<@{userId}> cannot be recused now.",
  "error.memberAbsent": "<@{userId}> is absent.",
  "error.alreadyRecused": "<@{userId}> is already recused.",
  "error.alreadySpoke": "<@{userId}> has already spoken and can no longer recuse.",
  "error.proposerMayNotRecuse": "The first proposer cannot recuse from their own matter.",
  "error.decideUsage":
    "Usage: `/decide <decision|personnel|project|funds|other> @proposer <matter>`, or `/decide` alone for a form.",
} as const;
