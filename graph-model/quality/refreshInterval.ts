/** `30s`, `15m`, `1h`, `2d` (or a number of seconds): a refresh interval in milliseconds, or null. */
export function parseInterval(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value * 1000 : null;
  if (typeof value !== 'string') return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)\s*$/i.exec(value);
  if (!match) return null;
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2]!.toLowerCase() as 's' | 'm' | 'h' | 'd'];
  const ms = Number(match[1]) * unit;
  return ms > 0 ? ms : null;
}

/** An interval as a person reads it: `1 h`, `90 min`, `2 d`, `45 s`. */
export function formatInterval(ms: number): string {
  const abs = Math.abs(ms);
  if (abs >= 86_400_000 && abs % 86_400_000 === 0) return `${abs / 86_400_000} d`;
  if (abs >= 3_600_000) return `${Number((abs / 3_600_000).toFixed(1))} h`;
  if (abs >= 60_000) return `${Math.round(abs / 60_000)} min`;
  return `${Math.round(abs / 1000)} s`;
}
