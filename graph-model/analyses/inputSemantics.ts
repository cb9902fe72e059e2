import type { VersionedGraph } from '../index/versionedGraph.js';
import type { InputSemantics } from '../inputSemantics.js';

/**
 * How computation `c` reads asset `input` at `version`: what its version declares, else the
 * default of its kind. The defaults follow how risk consumers fail (docs/impact.md): a decision
 * service decides without some of its rules (SERVICE_CALL reading a RULE: OPTIONAL), while a rule
 * cannot evaluate without a feature and a model cannot score without an input it was trained on
 * (REQUIRED, like every other read, unless declared otherwise).
 */
export function inputSemanticsOf(graph: VersionedGraph, c: number, input: number, version: number): InputSemantics {
  const info = graph.nodes.versionAt(c, version);
  if (info?.optionalInputs?.length || info?.requiredInputs?.length) {
    const id = graph.nodes.id(input);
    if (info.requiredInputs?.includes(id)) return 'REQUIRED';
    if (info.optionalInputs?.includes(id)) return 'OPTIONAL';
  }
  return defaultSemantics(info?.kind ?? '', graph.nodes.kindAt(input, version));
}

export function defaultSemantics(computationKind: string, inputKind: string): InputSemantics {
  return computationKind === 'SERVICE_CALL' && inputKind === 'RULE' ? 'OPTIONAL' : 'REQUIRED';
}

/** Whether `c` reads `input` as REQUIRED; without a lookup on the common path (no declarations, not a service). */
export function requiresInput(graph: VersionedGraph, c: number, input: number, version: number): boolean {
  if (!graph.declaresInputSemantics && graph.nodes.kindAt(c, version) !== 'SERVICE_CALL') return true;
  return inputSemanticsOf(graph, c, input, version) === 'REQUIRED';
}

/** Kinds of the nodes of a rule or a model, which a `status` can retire (with their evaluation, training, inference). */
const RETIRABLE_KINDS: ReadonlySet<string> = new Set(['RULE', 'MODEL', 'RULE_EVALUATION', 'TRAINING', 'INFERENCE']);

/** Whether `n` is a rule or model (or its computation) that no longer runs (retired, disabled) at `version`. */
export function isInactive(graph: VersionedGraph, n: number, version: number): boolean {
  if (!RETIRABLE_KINDS.has(graph.nodes.kindAt(n, version))) return false;
  return graph.nodes.versionAt(n, version)?.inactive === true;
}
