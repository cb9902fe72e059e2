import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface Series {
  label: string;
  points: { t: number; value: number }[];
}

/** A small time-series chart (uPlot, canvas) with its values as a text summary for assistive technology. */
export function MetricChart({ title, series, unit }: { title: string; series: Series; unit: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current!;
    const points = [...series.points].sort((a, b) => a.t - b.t);
    const chart = new uPlot(
      {
        width: 320,
        height: 120,
        legend: { show: false },
        cursor: { show: true },
        scales: { x: { time: true } },
        axes: [{ size: 28, font: '10px system-ui' }, { size: 48, font: '10px system-ui', values: (_u, values) => axisLabels(values) }],
        series: [{}, { label: series.label, stroke: '#2563eb', fill: 'rgba(37,99,235,0.12)', width: 1.5 }],
      },
      [points.map((p) => p.t / 1000), points.map((p) => p.value)],
      element,
    );
    return () => chart.destroy();
  }, [series]);
  const total = series.points.reduce((sum, p) => sum + p.value, 0);
  return (
    <figure class="metric-chart">
      <figcaption>
        {title} <span class="metric-total">({compact(total)} {unit} over {series.points.length} buckets)</span>
      </figcaption>
      <div ref={box} aria-hidden="true" />
    </figure>
  );
}

export function compact(value: number): string {
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/**
 * Tick labels as short as they can be while still telling the ticks apart: a storage cost creeping
 * from 3.46 to 3.54 read "3.5, 3.5" with one fraction digit.
 */
export function axisLabels(values: readonly number[]): string[] {
  for (let digits = 1; digits < 6; digits++) {
    const format = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: digits });
    const labels = values.map((v) => format.format(v));
    if (new Set(labels).size === new Set(values).size) return labels;
  }
  return values.map((v) => String(v));
}
