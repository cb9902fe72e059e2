import { Presets, SingleBar } from 'cli-progress';

/** Reports an ingest's progress; `stop` ends the display before the summary is printed. */
export interface IngestProgress {
  update(done: number, total: number): void;
  stop(): void;
}

const SILENT: IngestProgress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar on stderr when stderr is a terminal; nothing otherwise (pipes, CI, tests), where
 * redrawn lines would only be noise. `unit` names what the ingestor counts (events, statements).
 */
export function ingestProgress(unit: string, stream: NodeJS.WriteStream = process.stderr): IngestProgress {
  if (!stream.isTTY) return SILENT;
  const bar = new SingleBar(
    { stream, format: `{bar} {percentage}% | {value}/{total} ${unit} | {duration_formatted}`, hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
