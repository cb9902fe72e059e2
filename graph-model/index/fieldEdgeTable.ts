import type { TransformationType } from '../model.js';
import { grownInt32 } from './growable.js';
import { OPEN } from './versions.js';

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
  count = 0;
  computation = new Int32Array(0);
  input = new Int32Array(0);
  inputField = new Int32Array(0);
  output = new Int32Array(0);
  outputField = new Int32Array(0);
  /** Transformation type and masking as bits, subtype id shifted above them. */
  meta = new Int32Array(0);
  fromVersion = new Int32Array(0);
  toVersion = new Int32Array(0);
  nextByInput = new Int32Array(0);
  nextByOutput = new Int32Array(0);
  nextByComputation = new Int32Array(0);
  headByInput = new Int32Array(0);
  headByOutput = new Int32Array(0);
  headByComputation = new Int32Array(0);

  ensureNodes(nodeCount: number): void {
    if (this.headByInput.length >= nodeCount) return;
    this.headByInput = grownInt32(this.headByInput, nodeCount, NONE);
    this.headByOutput = grownInt32(this.headByOutput, nodeCount, NONE);
    this.headByComputation = grownInt32(this.headByComputation, nodeCount, NONE);
  }

  add(row: FieldEdgeRowInput): number {
    this.ensureNodes(Math.max(row.computation, row.input, row.output) + 1);
    const f = this.count;
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
    this.nextByInput[f] = this.headByInput[row.input]!;
    this.headByInput[row.input] = f;
    this.nextByOutput[f] = this.headByOutput[row.output]!;
    this.headByOutput[row.output] = f;
    this.nextByComputation[f] = this.headByComputation[row.computation]!;
    this.headByComputation[row.computation] = f;
    this.count = f + 1;
    return f;
  }

  /** Ends the row with this exact content that started at `fromVersion`; false when unknown. */
  close(row: FieldEdgeRowInput, toVersion: number): boolean {
    if (row.computation >= this.headByComputation.length) return false;
    const meta = (row.transformationType === 'INDIRECT' ? INDIRECT_BIT : 0) | (row.masking ? MASKING_BIT : 0) | (row.subtype << 2);
    // The computation's list is the short one: a job has few field edges, an asset may feed thousands.
    for (let f = this.headByComputation[row.computation]!; f !== NONE; f = this.nextByComputation[f]!) {
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
    this.headByInput.fill(NONE);
    this.headByOutput.fill(NONE);
    this.headByComputation.fill(NONE);
    for (let f = 0; f < this.count; f++) {
      const computation = (this.computation[f] = position[this.computation[f]!]!);
      const input = (this.input[f] = position[this.input[f]!]!);
      const output = (this.output[f] = position[this.output[f]!]!);
      this.nextByInput[f] = this.headByInput[input]!;
      this.headByInput[input] = f;
      this.nextByOutput[f] = this.headByOutput[output]!;
      this.headByOutput[output] = f;
      this.nextByComputation[f] = this.headByComputation[computation]!;
      this.headByComputation[computation] = f;
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
  'nextByInput', 'nextByOutput', 'nextByComputation',
] as const;
