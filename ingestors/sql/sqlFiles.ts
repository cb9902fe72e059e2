import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export interface SqlFile {
  absolute: string;
  /** Path relative to the ingested path, with `/` separators: part of computation names. */
  relative: string;
}

/** The `.sql` files of a path: the file itself, or every one under a directory, in a stable order. */
export async function listSqlFiles(root: string): Promise<SqlFile[]> {
  const info = await stat(root);
  if (info.isFile()) return [{ absolute: root, relative: path.basename(root) }];
  const files: SqlFile[] = [];
  const walk = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(absolute);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.sql')) {
        files.push({ absolute, relative: path.relative(root, absolute).split(path.sep).join('/') });
      }
    }
  };
  await walk(root);
  return files;
}
