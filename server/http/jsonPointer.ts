/**
 * A JSON Pointer (`/0/run/runId`, `/inputs/2/name`) as a field path a person reads
 * (`[0].run.runId`, `inputs[2].name`); `''` (the whole document) stays `''`.
 */
export function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  let path = '';
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^(0|[1-9]\d*)$/.test(part)) path += `[${part}]`;
    else path += (path ? '.' : '') + part;
  }
  return path;
}

/** The pointer without its first `prefix` segment, for a single event whose issues say `/0/...`. */
export function stripPointerPrefix(pointer: string, prefix: string): string {
  return pointer === prefix || pointer.startsWith(`${prefix}/`) ? pointer.slice(prefix.length) : pointer;
}
