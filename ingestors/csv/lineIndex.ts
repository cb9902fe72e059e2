/**
 * 1-based line and column of offsets in one text (a line ends at LF, so CRLF is one break).
 * Offsets are mostly asked in increasing order, as a reader walks the text: the last line found is
 * where the next search starts, so a walk costs one pass over the line starts.
 */
export class LineIndex {
  private readonly starts = [0];
  private last = 0;

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  at(offset: number): { line: number; column: number } {
    let line = this.starts[this.last]! <= offset ? this.last : this.search(offset);
    while (line + 1 < this.starts.length && this.starts[line + 1]! <= offset) line++;
    this.last = line;
    return { line: line + 1, column: offset - this.starts[line]! + 1 };
  }

  /** The line holding `offset`, by bisection (for an offset before the last one asked). */
  private search(offset: number): number {
    let low = 0;
    let high = this.last;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
