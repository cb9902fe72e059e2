import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { IngestError } from '../../contract.js';

/** One YAML file of a risk catalog, parsed, with what is needed to point back into it. */
export interface CatalogFile {
  /** The path as reported in errors: the catalog directory as given, joined with the file's relative path. */
  readonly path: string;
  readonly text: string;
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
}

export interface LoadedCatalogFiles {
  files: CatalogFile[];
  /** YAML syntax errors: a file that does not parse asserts nothing we can trust. */
  errors: IngestError[];
}

const YAML_EXTENSION = /\.ya?ml$/i;

/** The YAML files under `directory`, recursively, in a stable order (hidden files and folders skipped). */
export function catalogFilePaths(directory: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && YAML_EXTENSION.test(entry.name)) found.push(path);
    }
  };
  walk(directory);
  return found;
}

/**
 * Reads and parses every YAML file of the catalog. A missing directory, or one without YAML files,
 * is thrown rather than reported: a full sync of "nothing" would retract the whole catalog.
 */
export function loadCatalogFiles(directory: string): LoadedCatalogFiles {
  let isDirectory = false;
  try {
    isDirectory = statSync(directory).isDirectory();
  } catch (error) {
    throw new Error(`cannot read risk catalog ${directory}: ${(error as Error).message}`, { cause: error });
  }
  if (!isDirectory) throw new Error(`risk catalog ${directory} is not a directory`);
  const paths = catalogFilePaths(directory);
  if (paths.length === 0) throw new Error(`risk catalog ${directory} has no .yaml or .yml files`);

  const files: CatalogFile[] = [];
  const errors: IngestError[] = [];
  // Paths are the directory as given joined with each file's relative path: what errors show.
  for (const path of paths) {
    const text = readFileSync(path, 'utf8');
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, prettyErrors: false });
    for (const error of document.errors) {
      const position = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
      errors.push({ location: `${path}:${position.line}:${position.col}`, message: `YAML syntax error: ${error.message}` });
    }
    files.push({ path, text, document, lineCounter });
  }
  return { files, errors };
}
