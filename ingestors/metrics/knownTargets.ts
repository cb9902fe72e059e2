import { fieldNames } from '../../graph-model/definition.js';
import { nodeId } from '../../graph-model/ids.js';
import type { NodeRef, NodeVersion } from '../../graph-model/model.js';
import type { GraphReader } from '../../graph-model/store/graphReader.js';

/** The nodes a file's rows name, as they are at the current graph version, with their field names. */
export class KnownTargets {
  private constructor(
    private readonly nodes: Map<string, NodeVersion>,
    private readonly fields = new Map<string, Set<string>>(),
  ) {}

  static async load(store: GraphReader, refs: Iterable<NodeRef>): Promise<KnownTargets> {
    const ids = new Set<string>();
    for (const ref of refs) ids.add(nodeId(ref.type, ref.namespace, ref.name));
    const nodes = await store.nodes([...ids]);
    return new KnownTargets(new Map(nodes.map((node) => [node.id, node])));
  }

  /** Why a row cannot be attached to this node or field, or null when it can. */
  problem(ref: NodeRef, field: string): string | null {
    const label = `${ref.type === 'ASSET' ? 'asset' : 'computation'} ${ref.namespace}/${ref.name}`;
    const node = this.nodes.get(nodeId(ref.type, ref.namespace, ref.name));
    if (!node) return `${label} is not in the graph`;
    if (field === '') return null;
    let names = this.fields.get(node.id);
    if (!names) {
      names = fieldNames(node.definition);
      this.fields.set(node.id, names);
    }
    return names.has(field) ? null : `${label} has no field "${field}"`;
  }
}
