import { readFile } from 'node:fs/promises';

/** One item of an events file and where it is, for error locations. */
export interface EventItem {
  json: unknown;
  /** `file:line` (NDJSON), `file#/index` (JSON array) or `file#` (one JSON event). */
  location: string;
  /** JSON Pointer prefix of the item within its document ('' for an NDJSON line or a single event). */
  pointer: string;
  /** Set when the item is not even JSON. */
  parseError?: string;
}

function isNdjson(path: string): boolean {
  return /\.(ndjson|jsonl)$/i.test(path);
}

/** Reads `.json` (one event or an array of events) or `.ndjson`/`.jsonl` (one event per line). */
export async function readEventsFile(path: string): Promise<EventItem[]> {
  const text = await readFile(path, 'utf8');
  if (isNdjson(path)) {
    const items: EventItem[] = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (line.trim() === '') return;
      const location = `${path}:${i + 1}`;
      try {
        items.push({ json: JSON.parse(line), location, pointer: '' });
      } catch (error) {
        items.push({ json: undefined, location, pointer: '', parseError: (error as Error).message });
      }
    });
    return items;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return [{ json: undefined, location: path, pointer: '', parseError: (error as Error).message }];
  }
  if (Array.isArray(json)) return json.map((item, i) => ({ json: item, location: `${path}#/${i}`, pointer: `/${i}` }));
  return [{ json, location: `${path}#`, pointer: '' }];
}
