import uPlot from 'uplot';
import type { ChartData } from './overview.js';
import { formatCount, formatPercent } from './format.js';

/**
 * The one place the console touches its charting library (uPlot), so it can be swapped.
 * Colours are the Okabe–Ito palette: told apart with colour-vision deficiencies, and readable on
 * both the light and the dark background.
 */
export const SERIES_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#999999'];

/** The colours a chart takes from the page, so it follows light and dark. */
export interface ChartTheme {
  text: string;
  grid: string;
}

/** Draws `data` into `container` at `width`; returns a handle to resize or remove it. */
export function drawChart(container: HTMLElement, data: ChartData, width: number, theme: ChartTheme) {
  const format = data.unit === 'percent' ? formatPercent : (v: number | null) => (v === null ? '–' : formatCount(v));
  const axis = { stroke: theme.text, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1 } };
  const chart = new uPlot(
    {
      width,
      height: 240,
      // Days are UTC days, the collector's calendar, wherever the console is opened.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true }, y: data.unit === 'percent' ? { range: [0, 100] } : { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        axis,
        { ...axis, values: (_u, ticks) => ticks.map((t) => (data.unit === 'percent' ? `${t} %` : formatCount(t))), size: 60 },
      ],
      series: [
        { label: 'Day', value: (_u, v) => (v === null ? '–' : new Date(v * 1000).toISOString().slice(0, 10)) },
        ...data.series.map((s, i) => ({
          label: s.label,
          stroke: SERIES_COLOURS[i % SERIES_COLOURS.length] ?? '#000',
          width: 2,
          value: (_u: uPlot, v: number | null) => format(v),
          points: { show: data.days.length <= 62 },
        })),
      ],
      legend: { live: true },
    },
    [data.days.map((d) => Date.parse(d) / 1000), ...data.series.map((s) => s.values)] as uPlot.AlignedData,
    container,
  );
  return {
    resize: (newWidth: number) => chart.setSize({ width: newWidth, height: 240 }),
    remove: () => chart.destroy(),
  };
}
