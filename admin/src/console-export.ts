import { LitElement, css, html, nothing } from 'lit';
import { exportCsv, stats } from './api.js';
import { dayOffset, formatCount, today } from './format.js';
import { messageFor } from './session-ended.js';
import { shared } from './styles.js';

/** The CSV export of a date range, streamed from the collector with its progress shown. */
export class ConsoleExport extends LitElement {
  static override styles = [shared, css`progress { width: min(30rem, 100%); height: 1.25rem; }`];

  static override properties = {
    error: { state: true },
    busy: { state: true },
    read: { state: true },
    expected: { state: true },
    done: { state: true },
  };

  error = '';
  busy = false;
  read = 0;
  /** Records in the range, from the overview's counters; 0 when unknown. */
  expected = 0;
  done = '';

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const from = (form.elements.namedItem('from') as HTMLInputElement).value;
    const to = (form.elements.namedItem('to') as HTMLInputElement).value;
    this.done = '';
    if (!from || !to) {
      this.error = `Choose both days: ${!from ? 'From' : 'To'} is empty.`;
      return;
    }
    if (from > to) {
      this.error = `From (${from}) is after To (${to}): swap them.`;
      return;
    }
    this.error = '';
    this.busy = true;
    this.read = 0;
    try {
      // The count comes first, so the bar has an end; a range too long for the overview goes without.
      this.expected = await stats(from, to).then((s) => s.total, () => 0);
      const file = await exportCsv(from, to, (count) => (this.read = count));
      const link = document.createElement('a');
      link.href = URL.createObjectURL(file);
      link.download = `consent-${from}-to-${to}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60000);
      this.done = `Exported ${formatCount(this.read)} ${this.read === 1 ? 'record' : 'records'} to ${link.download}.`;
    } catch (error) {
      this.error = messageFor(error, this);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <h1 tabindex="-1">Export</h1>
      <p>Every record received in the range, as CSV for a spreadsheet or an audit (days in UTC, both included).</p>
      <form class="row" @submit=${this.submit} novalidate>
        <div class="field"><label for="from">From</label><input id="from" name="from" type="date" .value=${dayOffset(today(), -29)}></div>
        <div class="field"><label for="to">To</label><input id="to" name="to" type="date" .value=${today()}></div>
        <div class="field"><button type="submit" ?disabled=${this.busy}>Download CSV</button></div>
      </form>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.busy
        ? html`<label for="progress">Exporting</label>
            ${this.expected
              ? html`<progress id="progress" max=${this.expected} .value=${this.read}
                  aria-valuetext="${formatCount(this.read)} of ${formatCount(this.expected)} records"></progress>`
              : html`<progress id="progress" aria-valuetext="${formatCount(this.read)} records"></progress>`}
            <p aria-hidden="true">${formatCount(this.read)}${this.expected ? ` of ${formatCount(this.expected)}` : ''} records</p>`
        : nothing}
      ${this.done ? html`<p role="status">${this.done}</p>` : nothing}
    `;
  }
}

customElements.define('console-export', ConsoleExport);
