import type { Logger } from "../logger.ts";
import type { RetentionStore } from "../store/retention-store.ts";

const DAY_MS = 86_400_000;

/**
 * The retention sweep: at most once a day by the clock (every replica runs it; the deletes are
 * the same whoever runs them), it deletes finished jobs, sent deliveries and inbox rows older
 * than `days`. An inbox row that old is a reply, press or command that was never recorded: that is logged.
 */
export function retentionSweep(
  store: RetentionStore,
  days: number,
  clock: () => Date,
  log: Logger,
): () => Promise<void> {
  let last = -Infinity;
  return async () => {
    const now = clock().getTime();
    if (now - last < DAY_MS) return;
    last = now;
    const pruned = await store.pruneBefore(new Date(now - days * DAY_MS));
    if (pruned.inbox > 0)
      log.warn("deleted replies older than the retention that were never recorded", { ...pruned, days });
    else if (pruned.jobs + pruned.deliveries > 0)
      log.info("retention: old rows deleted", { ...pruned, days });
  };
}
