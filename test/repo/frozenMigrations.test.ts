import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { loadMigrations } from '../../graph-model/store/migrate.js';

/**
 * A migration is frozen once it is on main: a database it was applied to stores its checksum and
 * refuses to open with code whose file differs, even by a comment (a docs rename once edited
 * 0003's comment and a database migrated before it no longer opened). The pins are the released
 * files' sha256 (`sha256sum migrations/*.sql` format); a new migration adds its line here.
 */
const PINS = 'test/fixtures/released-migrations.sha256';

function pinned(): Map<string, string> {
  const pins = new Map<string, string>();
  for (const line of readFileSync(PINS, 'utf8').split('\n')) {
    const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
    if (match) pins.set(match[2]!, match[1]!);
  }
  return pins;
}

it('every released migration is byte for byte the file that was released, and every migration is pinned', () => {
  const pins = pinned();
  const files = loadMigrations().map((m) => ({ file: `${String(m.id).padStart(4, '0')}_${m.name}.sql`, checksum: m.checksum }));
  const edited = files.filter((m) => pins.has(m.file) && pins.get(m.file) !== m.checksum).map((m) => m.file);
  expect(edited, `frozen migrations edited (restore them; put changes in a new migration)`).toEqual([]);
  const unpinned = files.filter((m) => !pins.has(m.file)).map((m) => m.file);
  expect(unpinned, `migrations without a line in ${PINS} (add \`sha256sum migrations/<file>\`)`).toEqual([]);
  const missing = [...pins.keys()].filter((file) => !files.some((m) => m.file === file));
  expect(missing, 'released migrations deleted or renamed').toEqual([]);
});
