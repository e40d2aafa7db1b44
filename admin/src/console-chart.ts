import { LitElement, css, html, unsafeCSS } from 'lit';
import uplotStyles from 'uplot/dist/uPlot.min.css';
import { drawChart } from './chart.js';
import type { ChartData } from './overview.js';
import { formatCount, formatPercent } from './format.js';
import { shared } from './styles.js';

/**
 * One chart of the overview with its numbers as a table: the canvas is hidden from screen
 * readers, the table (behind "Show the numbers") carries the same figures for everyone.
 */
export class ConsoleChart extends LitElement {
  static override styles = [
    shared,
    unsafeCSS(uplotStyles),
    css`
      figure { margin: 0 0 1.5rem; }
      figcaption { font-weight: 600; font-size: 1.05rem; margin-bottom: 0.5rem; }
      .plot { min-height: 240px; overflow: hidden; }
      .u-legend { color: var(--console-fg); font-size: 0.85rem; text-align: left; }
      .table { max-height: 24rem; overflow: auto; }
      summary { cursor: pointer; color: var(--console-accent); padding: 0.25rem 0; }
      @media print { .plot { display: none; } details > .table { max-height: none; } }
    `,
  ];

  static override properties = { heading: {}, data: { attribute: false } };

  /** The chart's title, also the table's caption. */
  heading = '';

  /** What to draw. */
  data: ChartData | null = null;

  private chart: ReturnType<typeof drawChart> | null = null;
  private readonly resizer = new ResizeObserver(() => this.chart?.resize(this.plotWidth()));
  private readonly scheme = window.matchMedia('(prefers-color-scheme: dark)');
  private readonly redraw = () => this.draw();

  override connectedCallback(): void {
    super.connectedCallback();
    this.scheme.addEventListener('change', this.redraw);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.scheme.removeEventListener('change', this.redraw);
    this.resizer.disconnect();
    this.chart?.remove();
    this.chart = null;
  }

  protected override updated(): void {
    this.draw();
  }

  private plot(): HTMLElement | null {
    return this.renderRoot.querySelector('.plot');
  }

  private plotWidth(): number {
    return Math.max(240, this.plot()?.clientWidth ?? 600);
  }

  private draw(): void {
    const plot = this.plot();
    this.chart?.remove();
    this.chart = null;
    if (!plot || !this.data) return;
    const style = getComputedStyle(this);
    this.chart = drawChart(plot, this.data, this.plotWidth(), {
      text: style.getPropertyValue('--console-fg').trim() || style.color,
      grid: style.getPropertyValue('--console-border').trim() || '#888',
    });
    this.resizer.observe(plot);
  }

  override render() {
    const data = this.data;
    if (!data) return html``;
    const format = data.unit === 'percent' ? formatPercent : (v: number | null) => (v === null ? '–' : formatCount(v));
    return html`
      <figure>
        <figcaption>${this.heading}</figcaption>
        <div class="plot" aria-hidden="true"></div>
        <details>
          <summary>Show the numbers<span class="visually-hidden">: ${this.heading}</span></summary>
          <div class="table" tabindex="0" role="region" aria-label="${this.heading}, as a table">
            <table>
              <caption>${this.heading}</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  ${data.series.map((s) => html`<th scope="col" class="number">${s.label}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${data.days.map(
                  (day, i) => html`<tr>
                    <th scope="row">${day}</th>
                    ${data.series.map((s) => html`<td class="number">${format(s.values[i] ?? null)}</td>`)}
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>
        </details>
      </figure>
    `;
  }
}

customElements.define('console-chart', ConsoleChart);

declare global {
  interface HTMLElementTagNameMap {
    'console-chart': ConsoleChart;
  }
}
