/**
 * Statements rewritten for a parser with every character kept where it was (a removal becomes
 * spaces, a replacement is padded with them, line breaks stay), so that a parse error is at the
 * script's line and column.
 */
export class InPlaceText {
  private readonly chars: string[];
  constructor(readonly text: string) {
    this.chars = text.split('');
  }

  /** Puts `replacement`, padded with spaces, over [start, end); a replacement longer than the span is not made. */
  put(start: number, end: number, replacement = ''): void {
    if (replacement.length > end - start) return;
    for (let i = start; i < end; i++) this.chars[i] = this.text[i] === '\n' ? '\n' : (replacement[i - start] ?? ' ');
  }

  result(): string {
    return this.chars.join('');
  }
}

/** `text` with only [start, end) kept, every other character but line breaks a space: a part of a statement parsed alone. */
export function keepOnly(text: string, start: number, end: number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += i >= start && i < end ? text[i] : text[i] === '\n' ? '\n' : ' ';
  return out;
}
