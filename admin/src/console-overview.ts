import { LitElement, css, html, nothing } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { stats as fetchStats, type Stats } from './api.js';
import { METHOD_LABELS, choicesByMethod, gpcShare, optInByCategory, optInByService, ranked, totals } from './overview.js';
import { dayOffset, formatCount, formatPercent, today } from './format.js';
import { messageFor } from './session-ended.js';
import { shared } from './styles.js';
import './console-chart.js';

/** The overview (SPEC §9): how visitors answered over a range of days. */
export class ConsoleOverview extends LitElement {
  static override styles = [
    shared,
    css`
      dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: 0.75rem; margin: 0 0 1.5rem; }
      dl div { background: var(--console-panel); border-radius: 6px; padding: 0.75rem; }
      dt { color: var(--console-muted); font-size: 0.9rem; }
      dd { margin: 0.25rem 0 0; font-size: 1.4rem; font-weight: 700; font-variant-numeric: tabular-nums; }
      .split { display: grid; gap: 1.5rem; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); }
      .bar { display: inline-block; height: 0.6rem; background: var(--console-accent); border-radius: 2px; vertical-align: middle; margin-right: 0.4rem; }
      code { word-break: break-all; }
    `,
  ];

  static override properties = {
    from: { state: true },
    to: { state: true },
    stats: { state: true },
    error: { state: true },
    loading: { state: true },
  };

  from = dayOffset(today(), -29);
  to = today();
  stats: Stats | null = null;
  error = '';
  loading = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.error = '';
    try {
      this.stats = await fetchStats(this.from, this.to);
    } catch (error) {
      this.stats = null;
      this.error = messageFor(error, this);
    } finally {
      this.loading = false;
    }
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    this.from = (form.elements.namedItem('from') as HTMLInputElement).value;
    this.to = (form.elements.namedItem('to') as HTMLInputElement).value;
    void this.load();
  }

  private renderFigures(stats: Stats) {
    const sum = totals(stats);
    const share = (n: number) => formatPercent(sum.total ? (100 * n) / sum.total : null);
    return html`
      <dl>
        <div><dt>Choices</dt><dd>${formatCount(sum.total)}</dd></div>
        ${['accept-all', 'reject-all', 'custom', 'withdraw'].map(
          (m) => html`<div><dt>${METHOD_LABELS[m]}</dt><dd>${share(sum.methods[m] ?? 0)}</dd></div>`,
        )}
        <div><dt>With GPC</dt><dd>${share(sum.gpc)}</dd></div>
      </dl>
    `;
  }

  private renderCounts(title: string, counts: Record<string, number>, keyHeading: string) {
    const rows = ranked(counts);
    return html`
      <section>
        <h2>${title}</h2>
        <table>
          <thead><tr><th scope="col">${keyHeading}</th><th scope="col" class="number">Choices</th><th scope="col" class="number">Share</th></tr></thead>
          <tbody>
            ${rows.map(
              (row) => html`<tr>
                <th scope="row"><code>${row.key}</code></th>
                <td class="number">${formatCount(row.count)}</td>
                <td class="number"><span class="bar" style=${styleMap({ width: `${Math.round(row.share)}px` })} aria-hidden="true"></span>${formatPercent(row.share)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </section>
    `;
  }

  private renderStats(stats: Stats) {
    if (stats.total === 0) {
      return html`<p class="panel" role="status">No choices were recorded from ${stats.from} to ${stats.to}. Pick another range, or check that your shop's tag sends to this collector (see Install).</p>`;
    }
    const services = optInByService(stats);
    return html`
      <p role="status" class="visually-hidden">${formatCount(stats.total)} choices from ${stats.from} to ${stats.to}.</p>
      ${this.renderFigures(stats)}
      <console-chart heading="Choices per day by method" .data=${choicesByMethod(stats)}></console-chart>
      <console-chart heading="Opt-in rate per category" .data=${optInByCategory(stats)}></console-chart>
      ${services.series.length ? html`<console-chart heading="Opt-in rate per service" .data=${services}></console-chart>` : nothing}
      <console-chart heading="Share of choices with Global Privacy Control" .data=${gpcShare(stats)}></console-chart>
      <div class="split">
        ${this.renderCounts('Languages', stats.languages, 'Language')}
        ${this.renderCounts('Policy versions', stats.policyVersions, 'Policy version')}
      </div>
    `;
  }

  override render() {
    return html`
      <h1 tabindex="-1">Overview</h1>
      <form class="row no-print" @submit=${this.submit} aria-label="Date range">
        <div class="field"><label for="from">From</label><input id="from" name="from" type="date" required .value=${this.from}></div>
        <div class="field"><label for="to">To</label><input id="to" name="to" type="date" required .value=${this.to}></div>
        <div class="field"><button type="submit" ?disabled=${this.loading}>Show</button></div>
      </form>
      <p class="hint">Days are UTC days, counted by when the collector received each choice.</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.loading && !this.stats ? html`<p role="status">Loading…</p>` : nothing}
      ${this.stats ? this.renderStats(this.stats) : nothing}
    `;
  }
}

customElements.define('console-overview', ConsoleOverview);
