/** An axis-aligned box in graph coordinates. */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const overlaps = (a: Box, b: Box, gap: number) => a.x1 < b.x2 + gap && b.x1 < a.x2 + gap && a.y1 < b.y2 + gap && b.y1 < a.y2 + gap;

/** The smallest box holding every box given. */
export function unionBox(boxes: readonly Box[]): Box {
  return {
    x1: Math.min(...boxes.map((b) => b.x1)),
    y1: Math.min(...boxes.map((b) => b.y1)),
    x2: Math.max(...boxes.map((b) => b.x2)),
    y2: Math.max(...boxes.map((b) => b.y2)),
  };
}

/**
 * How far to move a block of new nodes up or down (the least distance, 0 when it already fits) so
 * that it keeps at least `gap` from every box already drawn: an expansion sits beside what it grew
 * from, in its layers, and never on top of what is there. The block moves as one (its union box),
 * so its own layout stays as ELK made it.
 */
export function verticalClearance(existing: readonly Box[], block: readonly Box[], gap: number): number {
  if (block.length === 0) return 0;
  const whole = unionBox(block);
  // Only what shares the block's columns can be in the way of a vertical move.
  const inColumns = existing.filter((box) => box.x1 < whole.x2 + gap && whole.x1 < box.x2 + gap);
  const fits = (dy: number) => {
    const moved = { x1: whole.x1, x2: whole.x2, y1: whole.y1 + dy, y2: whole.y2 + dy };
    return inColumns.every((box) => !overlaps(moved, box, gap));
  };
  if (fits(0)) return 0;
  // The block fits just below or just above some box in its way, or below or above them all.
  const candidates = inColumns.flatMap((box) => [box.y2 + gap - whole.y1, box.y1 - gap - whole.y2]);
  // The least move first; at equal distance, down (the reading direction of a level's column).
  candidates.sort((a, b) => Math.abs(a) - Math.abs(b) || b - a);
  for (const dy of candidates) if (fits(dy)) return dy;
  // Unreachable (below the lowest box always fits), kept for the type checker's sake.
  return Math.max(...inColumns.map((box) => box.y2)) + gap - whole.y1;
}
