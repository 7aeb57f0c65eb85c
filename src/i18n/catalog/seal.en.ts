/** Sealed ballots and the chained record: verify's new findings and the hash that leaves the database. */
export const sealEn = {
  // /lastword ledger verify: what else it finds
  "ledger.verify.reason.unlinked":
    "its first entry does not lead back to the session before it: that session was removed or rewritten (unlinked)",
  "ledger.verify.reason.projection":
    "the session's record says something its entries do not: entries after it were removed (projection)",
  "ledger.verify.reason.tally": "the vote's result does not follow from the votes recorded before it (tally)",
  "ledger.verify.reason.ballots": "the secret ballot's totals do not add up to the ballots cast (ballots)",
  "ledger.verify.uncounted":
    ":rotating_light: This team has started {recorded} sessions, but the ledger ends at #{found}: the newest sessions were removed.",

  // /lastword ledger verify <hash>
  "ledger.verify.hashFound":
    ":white_check_mark: The record still leads to `{hash}`: it is entry {seq} of session #{number}, in a chain that holds.",
  "ledger.verify.hashNotFound":
    ":rotating_light: The record no longer leads to `{hash}`: no entry of a chain that holds has this hash. If you copied it from minutes posted in this channel, the record has been changed since.",
  "ledger.verify.hashInvalid":
    "That is not a ledger hash. Copy the 64 characters (0-9, a-f) at the end of a session's minutes, for example `/lastword ledger verify 3f9a…`.",

  // The last line of the minutes posted in the channel
  "ledger.minutes.finalHash":
    "The record of session #{number} ends at `{hash}`. Keep it: `/lastword ledger verify {hash}` says later whether the record still leads here.",
} as const;
