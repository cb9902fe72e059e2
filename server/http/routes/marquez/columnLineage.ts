import type { LineageFieldEdge } from '../../../../graph-model/analyses/lineage.js';
import { WHOLE_ASSET } from '../../../../graph-model/model.js';
import type { Router } from '../../router.js';
import { sendJson } from '../../sendJson.js';
import { datasetFields } from './datasetView.js';
import { lineageHops } from './depth.js';
import type { GraphEdge } from './lineage.js';
import { currentVersionUuid, fieldNodeId, parseNodeId } from './marquezIds.js';
import { API, type MarquezParts } from './parts.js';
import { lineageAnswer, lineageVersion } from './lineageAnswer.js';
import { booleanParam, required } from './query.js';

/**
 * `GET /api/v1/column-lineage?nodeId=&depth=&withDownstream=`: the field-level lineage analysis
 * from a dataset's fields (`dataset:`), one field (`datasetField:`) or a job's output fields
 * (`job:`), upstream, and downstream too with `withDownstream=true`, as Marquez's DATASET_FIELD
 * nodes with their input fields. Edges run with the data: origin the input field. The walk by the
 * lineage backend (Neo4j with DCTX_LINEAGE_BACKEND=neo4j) when one is configured.
 */
export function columnLineageRoute(router: Router, parts: MarquezParts): void {
  router.on('GET', `${API}/column-lineage`, async (_req, res, { url }) => {
    const version = await lineageVersion(parts, url);
    const graph = parts.index;
    const start = parseNodeId(graph, required(url, 'nodeId'), version);
    const hops = lineageHops(parts, url, res);
    const withDownstream = booleanParam(url, 'withDownstream', false);
    const id = graph.nodes.id(start.n);
    const fields = graph.nodes.isAsset(start.n)
      ? start.field !== undefined
        ? [start.field]
        : [...(graph.nodes.versionAt(start.n, version)?.fields ?? [])]
      : [];
    const result = await lineageAnswer(parts, {
      ids: fields.length === 0 ? [id] : [],
      fields: fields.map((field) => ({ id, field })),
      fieldLevel: true,
      direction: withDownstream ? 'BOTH' : 'UPSTREAM',
      depth: hops,
      asOf: version,
      maxNodes: parts.limits.maxLineageNodes,
    });
    if (result.truncated) res.setHeader('x-dctx-truncated', result.truncatedReason ?? 'true');

    const reached = (result.fields ?? []).filter((f) => f.field !== WHOLE_ASSET);
    const assetIds = [...new Set(reached.map((f) => f.id))];
    const definitions = new Map((assetIds.length > 0 ? await parts.store.nodes(assetIds, version) : []).map((d) => [d.id, d]));
    const fieldTypes = new Map<string, Map<string, unknown>>();
    for (const [assetId, node] of definitions) fieldTypes.set(assetId, new Map(datasetFields(node.definition, undefined).map((f) => [f.name as string, f.type])));

    const describe = (ref: { id: string; field: string }) => {
      const n = graph.nodes.indexOf(ref.id)!;
      const namespace = graph.nodes.namespace(n);
      const dataset = graph.nodes.name(n);
      return { nodeId: fieldNodeId(namespace, dataset, ref.field), namespace, dataset, datasetVersion: currentVersionUuid(graph, n, version), field: ref.field };
    };
    const key = (ref: { id: string; field: string }) => `${ref.id}\u0000${ref.field}`;
    const inputsOf = new Map<string, LineageFieldEdge[]>();
    const outputsOf = new Map<string, LineageFieldEdge[]>();
    for (const edge of result.fieldEdges ?? []) {
      if (edge.input.field === WHOLE_ASSET || edge.output.field === WHOLE_ASSET) continue;
      (inputsOf.get(key(edge.output)) ?? inputsOf.set(key(edge.output), []).get(key(edge.output))!).push(edge);
      (outputsOf.get(key(edge.input)) ?? outputsOf.set(key(edge.input), []).get(key(edge.input))!).push(edge);
    }
    const edgeOf = (edge: LineageFieldEdge): GraphEdge => ({ origin: describe(edge.input).nodeId, destination: describe(edge.output).nodeId });

    sendJson(res, 200, {
      graph: reached.map((ref) => {
        const self = describe(ref);
        const inputs = inputsOf.get(key(ref)) ?? [];
        return {
          id: self.nodeId,
          type: 'DATASET_FIELD',
          data: {
            namespace: self.namespace,
            dataset: self.dataset,
            datasetVersion: self.datasetVersion,
            field: self.field,
            fieldType: fieldTypes.get(ref.id)?.get(ref.field) ?? null,
            transformationDescription: inputs[0]?.subtype || null,
            transformationType: inputs[0]?.transformationType ?? null,
            inputFields: inputs.map((edge) => {
              const input = describe(edge.input);
              return {
                namespace: input.namespace,
                dataset: input.dataset,
                datasetVersion: input.datasetVersion,
                field: input.field,
                // OpenLineage's transformation type (DIRECT, INDIRECT); its subtype (IDENTITY, AGGREGATION...) as the description.
                transformationDescription: edge.subtype || null,
                transformationType: edge.transformationType,
              };
            }),
          },
          inEdges: inputs.map(edgeOf),
          outEdges: (outputsOf.get(key(ref)) ?? []).map(edgeOf),
        };
      }),
    });
  }, { scope: 'read', name: 'marquez.columnLineage' });
}
