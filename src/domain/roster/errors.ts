/** A refused roster change: a code and its parameters; the Slack layer words it in the user's language. */
export type RosterError =
  | { code: "rankInvalid"; params: { rank: number } }
  | { code: "rankTaken"; params: { rank: number; holder: string } }
  | { code: "alreadyOnRoster"; params: { user: string } }
  | { code: "notOnRoster"; params: { user: string } }
  | { code: "principalPowerBarred"; params: { user: string; powers: string; policy: string } }
  | { code: "policyConflictsWithPrincipal"; params: { user: string; powers: string; policy: string } }
  | { code: "maxPowersInvalid"; params: { value: number } };

export type RosterResult<T> = { ok: true; value: T } | { ok: false; error: RosterError };

export const ok = <T>(value: T): RosterResult<T> => ({ ok: true, value });
export const refuse = <T>(error: RosterError): RosterResult<T> => ({ ok: false, error });
