import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { compact } from './MetricChart.tsx';

/** Bars for ranked values (uPlot's bar paths); bar n is row n of the table beside it. */
export function BarChart({ title, values }: { title: string; values: { label: string; value: number }[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = new uPlot(
      {
        width: 560,
        height: 200,
        legend: { show: false },
        scales: { x: { time: false, range: [0.4, values.length + 0.6] } },
        axes: [
          { size: 24, font: '10px system-ui', values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : '')) },
          { size: 52, font: '10px system-ui', values: (_u, ticks) => ticks.map((t) => compact(t)) },
        ],
        series: [{}, { label: title, stroke: '#1d4ed8', fill: 'rgba(29,78,216,0.55)', paths: uPlot.paths.bars!({ size: [0.7, 40] }), points: { show: false } }],
      },
      [values.map((_, i) => i + 1), values.map((v) => v.value)],
      box.current!,
    );
    return () => chart.destroy();
  }, [values]);
  return (
    <figure class="bar-chart">
      <figcaption>{title}</figcaption>
      <div ref={box} aria-hidden="true" />
    </figure>
  );
}
