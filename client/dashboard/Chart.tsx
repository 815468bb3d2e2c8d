// The one owner of Chart.js: creates a chart on mount, updates it in place when its
// configuration changes (no flicker on auto-refresh), destroys it on unmount. The canvas is an
// image to assistive technology; its label says what it shows, and a table nearby has the figures.
import type { ChartConfiguration } from 'chart.js';
import type { Chart as ChartInstance } from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';
import { registerCharts } from './charts/register.js';

interface ChartProps {
  // Each builder returns its own precise configuration type; this component takes any of them.
  config: ChartConfiguration<any, any, any>;
  label: string;
  height: number;
  id?: string;
}

export function Chart({ config, label, height, id }: ChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<ChartInstance | null>(null);

  useEffect(() => {
    const ChartJs = registerCharts();
    chart.current = new ChartJs(canvas.current!, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // Created once; later configurations arrive through the effect below.
  }, []);

  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    current.data = config.data;
    current.options = config.options ?? {};
    current.update('none');
  }, [config]);

  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} id={id} role="img" aria-label={label} />
    </div>
  );
}
