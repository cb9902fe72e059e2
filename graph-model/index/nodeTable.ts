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
}

const ASSET = 0;
const COMPUTATION = 1;

/**
 * Node ids interned to dense integers 0..count-1, with identity (type, namespace, name) and the
 * node's versions. Traversals work on the integers; ids are only looked up at the edges of a call.
 */
export class NodeTable {
  private readonly byId = new Map<string, number>();
  readonly ids: string[] = [];
  readonly namespaces: string[] = [];
  readonly names: string[] = [];
  private types = new Uint8Array(16);
  /** Per node, its versions in fromVersion order; most nodes have one. */
  readonly versions: NodeVersionInfo[][] = [];
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
    if (known !== undefined) return known;
    const n = this.ids.length;
    this.byId.set(id, n);
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
    return this.byId.get(id);
  }

  id(n: number): string {
    const id = this.ids[n];
    if (id === undefined) throw new Error(`no node ${n} in the index`);
    return id;
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
    if (this.lastSpan[i]! <= version && version < this.lastSpan[i + 1]!) return this.lastKinds[n]!;
    return this.versionAt(n, version)?.kind ?? '';
  }

  private noteLast(n: number, list: NodeVersionInfo[]): void {
    const last = list[list.length - 1]!;
    this.lastSpan[2 * n] = last.fromVersion;
    this.lastSpan[2 * n + 1] = last.toVersion;
    this.lastKinds[n] = last.kind;
  }

  versionAt(n: number, version: number): NodeVersionInfo | undefined {
    const list = this.versions[n];
    if (!list) return undefined;
    for (let i = list.length - 1; i >= 0; i--) {
      const info = list[i]!;
      if (validAt(info.fromVersion, info.toVersion, version)) return info;
      if (info.fromVersion <= version) return undefined;
    }
    return undefined;
  }
}
