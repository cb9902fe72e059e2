const SUFFIXES = ['', 'k', 'M', 'B', 'T'];

/**
 * 3_140_000 -> "3.1M", 12_500 -> "12.5k", 950 -> "950", 0.25 -> "0.25": how people read traffic in
 * a sentence. Written out rather than Intl's compact notation, whose output depends on the ICU
 * data Node was built with, so the same report reads the same everywhere.
 */
export function compactAmount(value: number): string {
  const sign = value < 0 ? '-' : '';
  let magnitude = Math.abs(value);
  let step = 0;
  while (step < SUFFIXES.length - 1 && magnitude >= 1000) {
    magnitude /= 1000;
    step++;
  }
  let shown = Number(magnitude.toFixed(step === 0 ? (magnitude >= 100 ? 0 : 2) : 1));
  // 999_960 is 999.96k, which rounds to 1000k: say 1M.
  if (shown >= 1000 && step < SUFFIXES.length - 1) {
    shown = Number((shown / 1000).toFixed(1));
    step++;
  }
  return `${sign}${shown}${SUFFIXES[step]}`;
}
