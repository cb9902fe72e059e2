/**
 * Interns strings that repeat across the graph (field names, kinds, namespaces, owners, subtypes):
 * each distinct string is held once, and field edges refer to fields by a dense integer.
 * Id 0 is always `''`, the whole asset (WHOLE_ASSET).
 */
export class StringPool {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];

  constructor() {
    this.intern('');
  }

  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /** The pooled copy of `value`, so equal strings share one heap object. */
  canonical(value: string): string {
    return this.strings[this.intern(value)]!;
  }

  /** The id of `value` if it was ever interned; lookups must not grow the pool. */
  find(value: string): number | undefined {
    return this.ids.get(value);
  }

  get(id: number): string {
    const value = this.strings[id];
    if (value === undefined) throw new Error(`no pooled string ${id}`);
    return value;
  }

  get size(): number {
    return this.strings.length;
  }
}

export const WHOLE_ASSET_ID = 0;
