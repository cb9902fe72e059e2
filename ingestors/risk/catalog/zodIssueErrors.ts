import type { z } from 'zod';
import type { NodeRef } from '../../../graph-model/model.js';
import type { IngestError } from '../../contract.js';
import type { CatalogFile } from './catalogFile.js';
import { formatYamlPath, pathLocation, type YamlPath } from './yamlLocation.js';

/**
 * One IngestError per zod issue, located at the offending value (or at the misspelt key, or at the
 * item lacking a required key) and naming the key path, e.g. `rules[2].action: Invalid option...`.
 */
export function zodIssueErrors(file: CatalogFile, basePath: YamlPath, issues: readonly z.core.$ZodIssue[], node?: NodeRef): IngestError[] {
  return issues.flatMap(expandUnion).map((issue) => {
    const path = [...basePath, ...issue.path.filter((part): part is string | number => typeof part !== 'symbol')];
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const location = pathLocation(file, path, unknownKey);
    const error: IngestError = { location, message: `${formatYamlPath(path) || '(file)'}: ${issue.message}` };
    if (node) error.node = node;
    return error;
  });
}

/**
 * A union (`'ns/name'` or `{ namespace, name }`) fails as one vague "Invalid input". When the value
 * has the type of exactly one branch, that branch's own issues say what is wrong with it.
 */
function expandUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const typeMismatch = (branch: z.core.$ZodIssue[]) => branch.length === 1 && branch[0]!.code === 'invalid_type' && branch[0]!.path.length === 0;
  const matching = issue.errors.filter((branch) => !typeMismatch(branch));
  if (matching.length !== 1) return [issue];
  return matching[0]!.flatMap((inner) => expandUnion({ ...inner, path: [...issue.path, ...inner.path] }));
}
