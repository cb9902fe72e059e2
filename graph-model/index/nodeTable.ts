import type { NodeType } from '../model.js';
import { grownInt32, grownUint8 } from './growable.js';
import { validAt } from './versions.js';

/**
 * What the index keeps of one node version: enough to label and filter results (kind), to name
 * who to warn (owners) and to check field references (field names). Definitions stay in the store.
 */
export interface NodeVersionInfo {
  fromVersion: number;
  /** OPEN while the version is current. */
  toVersion: number;
  kind: string;
  owners: readonly string[];
  fields: readonly string[];
  /**
   * Reads this computation version declares optional or required, by input node id, overriding the
   * defaults per computation kind (graph-model/analyses/inputSemantics.ts). Empty for most nodes.
   */
  optionalInputs?: readonly string[];
  requiredInputs?: readonly string[];
  /** A rule or model whose `status` is retired or disabled: it no longer runs. */
  inactive?: boolean;
}

const NO_VERSIONS: readonly NodeVersionInfo[] = Object.freeze([]);
const ASSET = 0;
const COMPUTATION = 1;

/**
 * Node ids interned to dense integers 0..count-1, with identity (type, namespace, name) and the
 * node's versions. Traversals work on the integers; ids are only looked up at the edges of a call.
 */
export class NodeTable {
  /**
   * Id to the node's slot, and slot to the node's integer: a renumbering rewrites 4 bytes per node
   * in `slotNode` instead of updating 1.7M map entries (about a microsecond each).
   */
  private readonly byId = new Map<string, number>();
  private slotNode = new Int32Array(32);
  private readonly ids: string[] = [];
  private readonly namespaces: string[] = [];
  private readonly names: string[] = [];
  private types = new Uint8Array(16);
  /** Per node, its versions in fromVersion order; most nodes have one. */
  private readonly versions: NodeVersionInfo[][] = [];
  /**
   * Per node, its last version's interval (from at 2n, to at 2n + 1) and kind: labelling the 100k
   * nodes of a hub walk through `versions` is three dependent pointer loads per node, and most
   * walks are at a version inside the last interval. An empty interval (0, 0) until a version exists.
   */
  private lastSpan = new Int32Array(32);
  private readonly lastKinds: string[] = [];

  get count(): number {
    return this.ids.length;
  }

  /** The node's integer, registering it on first sight. Identity never changes once registered. */
  intern(id: string, type: NodeType, namespace: string, name: string): number {
    const known = this.byId.get(id);
    if (known !== undefined) return this.slotNode[known]!;
    const n = this.ids.length;
    const slot = this.byId.size;
    this.byId.set(id, slot);
    this.slotNode = grownInt32(this.slotNode, slot + 1);
    this.slotNode[slot] = n;
    this.ids.push(id);
    this.namespaces.push(namespace);
    this.names.push(name);
    this.types = grownUint8(this.types, n + 1);
    this.types[n] = type === 'ASSET' ? ASSET : COMPUTATION;
    this.versions.push([]);
    this.lastSpan = grownInt32(this.lastSpan, 2 * n + 2);
    this.lastKinds.push('');
    return n;
  }

  indexOf(id: string): number | undefined {
    const slot = this.byId.get(id);
    return slot === undefined ? undefined : this.slotNode[slot];
  }

  /** The ids of `nodes`, in order (a 350k-node answer resolves them in one pass). */
  idsOf(nodes: Int32Array): string[] {
    const { ids } = this;
    const out = new Array<string>(nodes.length);
    for (let i = 0; i < out.length; i++) out[i] = ids[nodes[i]!]!;
    return out;
  }

  id(n: number): string {
    const id = this.ids[n];
    if (id === undefined) throw new Error(`no node ${n} in the index`);
    return id;
  }

  namespace(n: number): string {
    return this.namespaces[n]!;
  }

  name(n: number): string {
    return this.names[n]!;
  }

  /** The node's versions in fromVersion order (empty for a node the table does not have). */
  versionsOf(n: number): readonly NodeVersionInfo[] {
    return this.versions[n] ?? NO_VERSIONS;
  }

  isAsset(n: number): boolean {
    return this.types[n] === ASSET;
  }

  type(n: number): NodeType {
    return this.types[n] === ASSET ? 'ASSET' : 'COMPUTATION';
  }

  addVersion(n: number, info: NodeVersionInfo): void {
    const list = this.versions[n]!;
    // Versions arrive in order from a catch-up; keep the list sorted if a loader ever interleaves.
    let i = list.length;
    while (i > 0 && list[i - 1]!.fromVersion > info.fromVersion) i--;
    list.splice(i, 0, info);
    this.noteLast(n, list);
  }

  /** Ends the version that started at `fromVersion`; false when the index never saw it. */
  closeVersion(n: number, fromVersion: number, toVersion: number): boolean {
    const list = this.versions[n];
    if (!list) return false;
    for (let i = list.length - 1; i >= 0; i--) {
      const info = list[i]!;
      if (info.fromVersion === fromVersion) {
        info.toVersion = toVersion;
        this.noteLast(n, list);
        return true;
      }
    }
    return false;
  }

  /** The kind of the node's version at `version`, '' when it has none there. */
  kindAt(n: number, version: number): string {
    const i = 2 * n;
    if (validAt(this.lastSpan[i]!, this.lastSpan[i + 1]!, version)) return this.lastKinds[n]!;
    return this.versionAt(n, version)?.kind ?? '';
  }

  private noteLast(n: number, list: NodeVersionInfo[]): void {
    const last = list[list.length - 1]!;
    this.lastSpan[2 * n] = last.fromVersion;
    this.lastSpan[2 * n + 1] = last.toVersion;
    this.lastKinds[n] = last.kind;
  }

  /**
   * Moves node order[p] to integer p for every p (see localityOrder; `position` is its inverse);
   * identities and versions move with it.
   */
  renumber(order: Int32Array, position: Int32Array): void {
    const count = this.count;
    if (order.length !== count) throw new Error(`a renumbering must place all ${count} nodes, got ${order.length}`);
    const types = new Uint8Array(this.types.length);
    const lastSpan = new Int32Array(this.lastSpan.length);
    // One loop per column: a single loop over columns of different element kinds runs megamorphic.
    const ids = this.ids.slice();
    const namespaces = this.namespaces.slice();
    const names = this.names.slice();
    const versions = this.versions.slice();
    const lastKinds = this.lastKinds.slice();
    for (let p = 0; p < count; p++) this.ids[p] = ids[order[p]!]!;
    for (let p = 0; p < count; p++) this.namespaces[p] = namespaces[order[p]!]!;
    for (let p = 0; p < count; p++) this.names[p] = names[order[p]!]!;
    for (let p = 0; p < count; p++) this.versions[p] = versions[order[p]!]!;
    for (let p = 0; p < count; p++) this.lastKinds[p] = lastKinds[order[p]!]!;
    for (let p = 0; p < count; p++) {
      const n = order[p]!;
      types[p] = this.types[n]!;
      lastSpan[2 * p] = this.lastSpan[2 * n]!;
      lastSpan[2 * p + 1] = this.lastSpan[2 * n + 1]!;
    }
    for (let slot = 0; slot < count; slot++) this.slotNode[slot] = position[this.slotNode[slot]!]!;
    this.types = types;
    this.lastSpan = lastSpan;
  }

  versionAt(n: number, version: number): NodeVersionInfo | undefined {
    const list = this.versions[n];
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const info = list[i]!;
      if (validAt(info.fromVersion, info.toVersion, version)) return info;
      // Versions do not overlap: one that began at or before `version` and is not valid there ended before it.
      if (info.fromVersion <= version) return undefined;
    }
    return undefined;
  }
}
