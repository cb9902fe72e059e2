/** A field edge of the lineage answer: input field → output field through a computation. */
export interface FieldEdgeData {
  computation: string;
  input: { id: string; field: string };
  output: { id: string; field: string };
  transformationType: string;
  subtype: string;
  masking: boolean;
}

export const fieldKey = (ref: { id: string; field: string }) => `${ref.id}#${ref.field}`;

/**
 * The whole path of a field across every hop: the fields it comes from (upstream, transitively) and
 * the fields made from it (downstream, transitively), with the field edges between them. Branches
 * that only share an ancestor (a sibling column fed by the same source) are not on the path.
 */
export function fieldPath(start: { id: string; field: string }, edges: readonly FieldEdgeData[]): { fields: Set<string>; edges: FieldEdgeData[]; computations: Set<string> } {
  const byInput = new Map<string, FieldEdgeData[]>();
  const byOutput = new Map<string, FieldEdgeData[]>();
  for (const edge of edges) {
    const input = fieldKey(edge.input);
    const output = fieldKey(edge.output);
    (byInput.get(input) ?? byInput.set(input, []).get(input)!).push(edge);
    (byOutput.get(output) ?? byOutput.set(output, []).get(output)!).push(edge);
  }
  const fields = new Set<string>([fieldKey(start)]);
  const onPath = new Set<FieldEdgeData>();
  const walk = (index: Map<string, FieldEdgeData[]>, next: (edge: FieldEdgeData) => { id: string; field: string }) => {
    const seen = new Set<string>([fieldKey(start)]);
    const stack = [fieldKey(start)];
    while (stack.length > 0) {
      for (const edge of index.get(stack.pop()!) ?? []) {
        onPath.add(edge);
        const key = fieldKey(next(edge));
        fields.add(key);
        if (!seen.has(key)) {
          seen.add(key);
          stack.push(key);
        }
      }
    }
  };
  walk(byInput, (edge) => edge.output);
  walk(byOutput, (edge) => edge.input);
  const pathEdges = edges.filter((edge) => onPath.has(edge));
  return { fields, edges: pathEdges, computations: new Set(pathEdges.map((edge) => edge.computation)) };
}
