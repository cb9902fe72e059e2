import { EventEmitter } from 'node:events';

/** A change of the feed's connection to other processes' commits (PostgreSQL LISTEN). */
export type FeedStatus =
  | { state: 'lost'; error: Error }
  | { state: 'retryFailed'; error: Error; attempt: number }
  | { state: 'restored'; attempts: number; downMs: number };

/**
 * New graph versions as they are committed: from this process directly, and from other processes
 * through PostgreSQL's NOTIFY. Listeners see strictly increasing versions, each once. After the
 * connection was lost they see the latest version read from the changeset log, not each version
 * missed meanwhile: a listener that needs every version (the index) loads the range it lacks.
 */
export class ChangeFeed {
  private readonly events = new EventEmitter();
  private latest = 0;
  private up = true;
  private restored = 0;

  constructor(initialVersion = 0) {
    this.latest = initialVersion;
    this.events.setMaxListeners(0);
  }

  get version(): number {
    return this.latest;
  }

  /** Whether other processes' commits reach this one as they happen (always on PGlite). */
  get connected(): boolean {
    return this.up;
  }

  /** Times the connection came back after a loss. */
  get reconnects(): number {
    return this.restored;
  }

  publish(version: number): void {
    if (!Number.isFinite(version) || version <= this.latest) return;
    this.latest = version;
    this.events.emit('version', version);
  }

  /** Forgets the versions seen: only for a database that was emptied (tests), never in operation. */
  resetTo(version: number): void {
    this.latest = version;
  }

  subscribe(listener: (version: number) => void): () => void {
    this.events.on('version', listener);
    return () => this.events.off('version', listener);
  }

  /** Records a change of the connection and tells the status listeners (logs, tests). */
  report(status: FeedStatus): void {
    if (status.state === 'lost') this.up = false;
    if (status.state === 'restored') {
      this.up = true;
      this.restored++;
    }
    this.events.emit('status', status);
  }

  onStatus(listener: (status: FeedStatus) => void): () => void {
    this.events.on('status', listener);
    return () => this.events.off('status', listener);
  }

  /** Resolves when the feed has reached `version`, or rejects after `timeoutMs`. */
  waitFor(version: number, timeoutMs = 5000): Promise<number> {
    if (this.latest >= version) return Promise.resolve(this.latest);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`graph version ${version} not seen within ${timeoutMs} ms (latest ${this.latest})`));
      }, timeoutMs);
      const unsubscribe = this.subscribe((v) => {
        if (v >= version) {
          clearTimeout(timer);
          unsubscribe();
          resolve(v);
        }
      });
    });
  }
}
