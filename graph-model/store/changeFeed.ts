import { EventEmitter } from 'node:events';

/**
 * New graph versions as they are committed: from this process directly, and from other processes
 * through PostgreSQL's NOTIFY. Listeners see each version once, in increasing order.
 */
export class ChangeFeed {
  private readonly events = new EventEmitter();
  private latest = 0;

  constructor(initialVersion = 0) {
    this.latest = initialVersion;
    this.events.setMaxListeners(0);
  }

  get version(): number {
    return this.latest;
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
