import type { ChangeFeed } from './changeFeed.js';
import type { Db, Subscription } from './db.js';
import { COMMIT_CHANNEL } from './operations/runs.js';
import { currentVersion } from './operations/resolveAsOf.js';

/** How often the changeset log is read while LISTEN is down (default). */
export const DEFAULT_POLL_INTERVAL_MS = 1000;

/**
 * Publishes other processes' commits on `feed`: as NOTIFY delivers them, and, since notifications
 * sent while the connection is down are lost for good, from the changeset log: at once when the
 * connection is back (after LISTEN holds again, so no commit falls between the two), and every
 * `pollIntervalMs` while it is down (a read that succeeds then also has LISTEN tried again at
 * once). The log's latest version is enough: the feed's subscribers load every version up to it.
 * Resolves to the function that stops following.
 */
export async function followCommits(db: Db, feed: ChangeFeed, pollIntervalMs = DEFAULT_POLL_INTERVAL_MS): Promise<() => Promise<void>> {
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  let reading = false;
  let readAgain = false;

  let subscription: Subscription | null = null;
  const read = async () => {
    timer = null;
    reading = true;
    let ok = true;
    try {
      feed.publish(await currentVersion(db));
    } catch {
      // The database is unreachable too; the next read retries.
      ok = false;
    }
    reading = false;
    if (closed) return;
    // The database answers again: listen now rather than after the rest of the backoff (up to its cap).
    if (ok && !feed.connected) subscription?.retryNow();
    if (readAgain) {
      readAgain = false;
      schedule(0);
    } else if (!ok || !feed.connected) {
      schedule(pollIntervalMs);
    }
  };

  // A read asked for while one runs follows it: the running one may have started before LISTEN held.
  const schedule = (delayMs: number) => {
    if (closed) return;
    if (reading) {
      readAgain = true;
      return;
    }
    if (timer && delayMs > 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void read(), delayMs);
    timer.unref();
  };

  subscription = await db.listen(COMMIT_CHANNEL, {
    onPayload: (payload) => feed.publish(Number(payload)),
    onLost: (error) => {
      feed.report({ state: 'lost', error });
      schedule(pollIntervalMs);
    },
    onRetryFailed: (error, attempt) => feed.report({ state: 'retryFailed', error, attempt }),
    onRestored: (recovery) => {
      feed.report({ state: 'restored', ...recovery });
      schedule(0);
    },
  });
  return async () => {
    closed = true;
    if (timer) clearTimeout(timer);
    await subscription?.close();
  };
}
