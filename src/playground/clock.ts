import { DEFAULT_CHECKIN_SETTINGS, nextQuarter, quarterOf, sendAt } from "../domain/checkin/index.ts";

/**
 * The bot's clock in the playground: real time plus an offset a person moves forward from the
 * page, so a quarter's check-ins go out without waiting for the quarter. It never moves back
 * (the ledger's order and the jobs already done rely on time going one way).
 */
export class MovableClock {
  constructor(private offsetMs = 0) {}

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  get offset(): number {
    return this.offsetMs;
  }

  /** Moves to `instant` if it is ahead; answers whether it moved. */
  moveTo(instant: Date): boolean {
    const ahead = instant.getTime() - this.now().getTime();
    if (!(ahead > 0)) return false;
    this.offsetMs += ahead;
    return true;
  }

  /** When the next quarter's check-ins go out in `timeZone` (its first working day, 09:00). */
  nextQuarterStart(timeZone: string): Date {
    return sendAt(nextQuarter(quarterOf(this.now(), timeZone)), DEFAULT_CHECKIN_SETTINGS, timeZone);
  }
}
