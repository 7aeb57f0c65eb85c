import type { Instant } from "./types.ts";

// A zone is required: an instant without one would be read in the server's local time.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function isInstant(value: unknown): value is Instant {
  return typeof value === "string" && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

export function addSeconds(at: Instant, seconds: number): Instant {
  return new Date(Date.parse(at) + seconds * 1000).toISOString();
}

/** Milliseconds from `from` to `to`, negative when `to` is earlier. */
export function millisBetween(from: Instant, to: Instant): number {
  return Date.parse(to) - Date.parse(from);
}

export function addMillis(at: Instant, millis: number): Instant {
  return new Date(Date.parse(at) + millis).toISOString();
}
