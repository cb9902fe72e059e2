import type { ChangeFeed } from '../../graph-model/store/changeFeed.js';
import { logger } from '../logger.js';

/** Failed reconnect attempts logged after a loss; the log then stays quiet until the feed is back. */
const LOGGED_RETRIES = 3;

/** Logs each loss and recovery of the change feed once, and the first few failed attempts between. */
export function logFeedStatus(feed: ChangeFeed, log: Pick<typeof logger, 'info' | 'warn'> = logger): () => void {
  return feed.onStatus((status) => {
    switch (status.state) {
      case 'lost':
        log.warn({ reason: status.error.message }, 'change feed connection lost: reconnecting, and reading the changeset log until it is back');
        break;
      case 'retryFailed':
        if (status.attempt > LOGGED_RETRIES) break;
        log.warn(
          { attempt: status.attempt, reason: status.error.message },
          status.attempt < LOGGED_RETRIES ? 'change feed reconnect failed' : 'change feed reconnect failed; retrying quietly until it is back',
        );
        break;
      case 'restored':
        log.info({ attempts: status.attempts, downMs: status.downMs }, 'change feed connection restored: catching up from the changeset log');
        break;
    }
  });
}
