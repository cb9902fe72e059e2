import { cpus, loadavg, totalmem } from 'node:os';

/** What a figure was measured on, so a reader can tell a busy shared machine from an idle one. */
export function machineFacts(): Record<string, unknown> {
  return {
    cpuModel: cpus()[0]?.model,
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: loadAverage(),
  };
}

export const loadAverage = (): number[] => loadavg().map((x) => Math.round(x * 100) / 100);

