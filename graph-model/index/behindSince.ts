/** Entries kept at most; beyond, a new version joins the newest entry, which keeps its earlier time. */
const MAX_ENTRIES = 1024;

/**
 * How long an index has been behind: for each version told of but not applied yet, when it was
 * first told, oldest first. Its age is that of the oldest such version, so a catch-up that applies
 * only part of what is pending leaves the time of the first version still missing.
 */
export class BehindSince {
  private versions: number[] = [];
  private times: number[] = [];

  /** The feed told of `version` while the index held `held`. */
  seen(version: number, held: number, now = Date.now()): void {
    if (version <= held) return;
    const last = this.versions.length - 1;
    if (last >= 0 && version <= this.versions[last]!) return;
    if (this.versions.length >= MAX_ENTRIES) {
      this.versions[last] = version;
      return;
    }
    this.versions.push(version);
    this.times.push(now);
  }

  /** The index now holds every version up to `version`. */
  applied(version: number): void {
    let drop = 0;
    while (drop < this.versions.length && this.versions[drop]! <= version) drop++;
    if (drop === 0) return;
    this.versions.splice(0, drop);
    this.times.splice(0, drop);
  }

  seconds(now = Date.now()): number {
    return this.times.length === 0 ? 0 : Math.max(0, now - this.times[0]!) / 1000;
  }
}
