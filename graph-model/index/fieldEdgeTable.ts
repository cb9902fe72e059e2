import type { TransformationType } from '../model.js';
import { grownInt32 } from './growable.js';
import { OPEN, validAt } from './versions.js';

const NONE = -1;
const INDIRECT_BIT = 1;
const MASKING_BIT = 2;

export interface FieldEdgeRowInput {
  computation: number;
  input: number;
  inputField: number;
  output: number;
  outputField: number;
  transformationType: TransformationType;
  /** Pooled subtype string id. */
  subtype: number;
  masking: boolean;
  fromVersion: number;
  toVersion?: number;
}

/**
 * Field edge rows as parallel Int32Arrays (fields and subtypes as pooled string ids), linked into
 * three per-node lists: by input asset (downstream walks), by output asset (upstream walks) and by
 * computation (which fields a job reads from which input, for impact at field level).
 */
export class FieldEdgeTable {
  private rows = 0;
  private computation = new Int32Array(0);
  private input = new Int32Array(0);
  private inputField = new Int32Array(0);
  private output = new Int32Array(0);
  private outputField = new Int32Array(0);
  /** Transformation type and masking as bits, subtype id shifted above them. */
  private meta = new Int32Array(0);
  private fromVersion = new Int32Array(0);
  private toVersion = new Int32Array(0);
  private inputLink = new Int32Array(0);
  private outputLink = new Int32Array(0);
  private computationLink = new Int32Array(0);
  private inputHead = new Int32Array(0);
  private outputHead = new Int32Array(0);
  private computationHead = new Int32Array(0);

  /** Rows ever added, open or closed. */
  get count(): number {
    return this.rows;
  }

  computationOf(f: number): number {
    return this.computation[f]!;
  }

  inputOf(f: number): number {
    return this.input[f]!;
  }

  /** The input field's pooled string id (graph.strings.get names it). */
  inputFieldOf(f: number): number {
    return this.inputField[f]!;
  }

  outputOf(f: number): number {
    return this.output[f]!;
  }

  outputFieldOf(f: number): number {
    return this.outputField[f]!;
  }

  fromVersionOf(f: number): number {
    return this.fromVersion[f]!;
  }

  toVersionOf(f: number): number {
    return this.toVersion[f]!;
  }

  isValidAt(f: number, version: number): boolean {
    return validAt(this.fromVersion[f]!, this.toVersion[f]!, version);
  }

  /**
   * Cursors over a node's rows valid at `version`, newest first, END_OF_LIST at the end: by input
   * asset (downstream), by output asset (upstream), by computation. Each owns the validity test.
   */
  firstByInput(n: number, version: number): number {
    return n < this.inputHead.length ? this.valid(this.inputHead[n]!, this.inputLink, version) : NONE;
  }

  nextByInput(f: number, version: number): number {
    return this.valid(this.inputLink[f]!, this.inputLink, version);
  }

  firstByOutput(n: number, version: number): number {
    return n < this.outputHead.length ? this.valid(this.outputHead[n]!, this.outputLink, version) : NONE;
  }

  nextByOutput(f: number, version: number): number {
    return this.valid(this.outputLink[f]!, this.outputLink, version);
  }

  firstByComputation(n: number, version: number): number {
    return n < this.computationHead.length ? this.valid(this.computationHead[n]!, this.computationLink, version) : NONE;
  }

  nextByComputation(f: number, version: number): number {
    return this.valid(this.computationLink[f]!, this.computationLink, version);
  }

  private valid(f: number, link: Int32Array, version: number): number {
    while (f !== NONE && !validAt(this.fromVersion[f]!, this.toVersion[f]!, version)) f = link[f]!;
    return f;
  }

  ensureNodes(nodeCount: number): void {
    if (this.inputHead.length >= nodeCount) return;
    this.inputHead = grownInt32(this.inputHead, nodeCount, NONE);
    this.outputHead = grownInt32(this.outputHead, nodeCount, NONE);
    this.computationHead = grownInt32(this.computationHead, nodeCount, NONE);
  }

  add(row: FieldEdgeRowInput): number {
    this.ensureNodes(Math.max(row.computation, row.input, row.output) + 1);
    const f = this.rows;
    if (f >= this.computation.length) {
      const size = f + 1;
      for (const column of COLUMNS) this[column] = grownInt32(this[column], size);
    }
    this.computation[f] = row.computation;
    this.input[f] = row.input;
    this.inputField[f] = row.inputField;
    this.output[f] = row.output;
    this.outputField[f] = row.outputField;
    this.meta[f] = (row.transformationType === 'INDIRECT' ? INDIRECT_BIT : 0) | (row.masking ? MASKING_BIT : 0) | (row.subtype << 2);
    this.fromVersion[f] = row.fromVersion;
    this.toVersion[f] = row.toVersion ?? OPEN;
    this.inputLink[f] = this.inputHead[row.input]!;
    this.inputHead[row.input] = f;
    this.outputLink[f] = this.outputHead[row.output]!;
    this.outputHead[row.output] = f;
    this.computationLink[f] = this.computationHead[row.computation]!;
    this.computationHead[row.computation] = f;
    this.rows = f + 1;
    return f;
  }

  /** Ends the row with this exact content that started at `fromVersion`; false when unknown. */
  close(row: FieldEdgeRowInput, toVersion: number): boolean {
    if (row.computation >= this.computationHead.length) return false;
    const meta = (row.transformationType === 'INDIRECT' ? INDIRECT_BIT : 0) | (row.masking ? MASKING_BIT : 0) | (row.subtype << 2);
    // The computation's list is the short one: a job has few field edges, an asset may feed thousands.
    for (let f = this.computationHead[row.computation]!; f !== NONE; f = this.computationLink[f]!) {
      if (
        this.fromVersion[f] === row.fromVersion &&
        this.input[f] === row.input &&
        this.output[f] === row.output &&
        this.inputField[f] === row.inputField &&
        this.outputField[f] === row.outputField &&
        this.meta[f] === meta
      ) {
        this.toVersion[f] = toVersion;
        return true;
      }
    }
    return false;
  }

  /** Renames node n to position[n]; rows keep their numbers and each list its order. */
  renumber(position: Int32Array): void {
    this.inputHead.fill(NONE);
    this.outputHead.fill(NONE);
    this.computationHead.fill(NONE);
    for (let f = 0; f < this.rows; f++) {
      const computation = (this.computation[f] = position[this.computation[f]!]!);
      const input = (this.input[f] = position[this.input[f]!]!);
      const output = (this.output[f] = position[this.output[f]!]!);
      this.inputLink[f] = this.inputHead[input]!;
      this.inputHead[input] = f;
      this.outputLink[f] = this.outputHead[output]!;
      this.outputHead[output] = f;
      this.computationLink[f] = this.computationHead[computation]!;
      this.computationHead[computation] = f;
    }
  }

  transformationType(f: number): TransformationType {
    return (this.meta[f]! & INDIRECT_BIT) !== 0 ? 'INDIRECT' : 'DIRECT';
  }

  masking(f: number): boolean {
    return (this.meta[f]! & MASKING_BIT) !== 0;
  }

  subtype(f: number): number {
    return this.meta[f]! >>> 2;
  }
}

const COLUMNS = [
  'computation', 'input', 'inputField', 'output', 'outputField', 'meta', 'fromVersion', 'toVersion',
  'inputLink', 'outputLink', 'computationLink',
] as const;
