import { LitElement, css, html, nothing } from 'lit';
import { proofByEmail, proofPageUrl, recordById, recordsByVisitor, wording, type AddressProof, type StoredRecord } from './api.js';
import { proofQuery, sitesOf, split, wordingHashes } from './proof.js';
import { METHOD_LABELS } from './overview.js';
import { formatTime } from './format.js';
import { messageFor } from './session-ended.js';
import { shared } from './styles.js';

/**
 * Proof of consent (SPEC §9): the whole history of an address or visitor, each record with the
 * wording the visitor was shown, printable as an A4 exhibit.
 */
export class ConsoleProof extends LitElement {
  static override styles = [
    shared,
    css`
      form input { width: min(32rem, 100%); }
      article { border: 1px solid var(--console-border); border-radius: 6px; padding: 1rem; margin-bottom: 1rem; break-inside: avoid; }
      article.found { border-width: 3px; border-color: var(--console-accent); }
      article h3 { margin: 0 0 0.75rem; font-size: 1.05rem; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0; }
      dt { color: var(--console-muted); }
      dd { margin: 0; overflow-wrap: anywhere; }
      .wording { white-space: pre-wrap; font-family: inherit; margin: 0.75rem 0 0; padding: 0.75rem;
        background: var(--console-panel); border-left: 4px solid var(--console-border); overflow-wrap: anywhere; }
      .exhibit { display: none; }
      @media print {
        .exhibit { display: block; margin-bottom: 1rem; }
        h1 { font-size: 1.3rem; }
        article { border-color: #000; }
        .wording { border-left-color: #000; }
      }
    `,
  ];

  static override properties = {
    query: { state: true },
    records: { state: true },
    wordings: { state: true },
    found: { state: true },
    message: { state: true },
    error: { state: true },
    busy: { state: true },
    printedAt: { state: true },
    proof: { state: true },
  };

  query = new URLSearchParams(location.hash.split('?')[1] ?? '').get('q') ?? '';
  records: StoredRecord[] = [];
  wordings = new Map<string, string | null>();
  /** The consent id searched for, marked in the history. */
  found = '';
  message = '';
  error = '';
  busy = false;
  printedAt = '';
  /** For an address: where its promotional e-mail stands and what each record means for it. */
  proof: AddressProof | null = null;

  private readonly beforePrint = () => {
    this.printedAt = new Date().toISOString();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeprint', this.beforePrint);
    if (this.query) void this.search(this.query);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeprint', this.beforePrint);
  }

  private async search(input: string): Promise<void> {
    const query = proofQuery(input);
    this.records = [];
    this.proof = null;
    this.message = '';
    this.found = '';
    if (query.kind === 'invalid') {
      this.error = query.message;
      return;
    }
    this.error = '';
    this.busy = true;
    try {
      if (query.kind === 'email') {
        ({ records: this.records, proof: this.proof } = await proofByEmail(query.value));
        if (!this.records.length) this.message = `No record names the address ${query.value}.`;
      } else {
        const one = await recordById(query.value);
        if (one) this.found = one.record.id;
        this.records = await recordsByVisitor(one ? one.record.visitorId : query.value);
        if (!this.records.length) this.message = `No record has ${query.value} as its consent id or visitor id.`;
      }
      const hashes = wordingHashes(this.records);
      const texts = await Promise.all(hashes.map((hash) => wording(hash)));
      this.wordings = new Map(hashes.map((hash, i) => [hash, texts[i] ?? null]));
    } catch (error) {
      this.error = messageFor(error, this);
    } finally {
      this.busy = false;
    }
  }

  private submit(event: SubmitEvent): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input') as HTMLInputElement;
    this.query = input.value;
    history.replaceState(null, '', `#proof?${new URLSearchParams({ q: this.query.trim() })}`);
    void this.search(this.query).then(() => {
      if (this.error) input.focus();
    });
  }

  private renderRecord(stored: StoredRecord, index: number) {
    const r = stored.record;
    const entry = this.proof?.entries[index];
    const categories = split(r.categories);
    const services = split(r.services);
    const text = this.wordings.get(r.wordingHash);
    return html`
      <article class=${r.id === this.found ? 'found' : ''} aria-labelledby="record-${index}">
        <h3 id="record-${index}">${index + 1}. ${entry?.label ?? METHOD_LABELS[r.method] ?? r.method} — ${formatTime(stored.receivedAt)}</h3>
        <dl>
          ${entry ? html`<dt>Method</dt><dd>${METHOD_LABELS[r.method] ?? r.method}</dd>` : nothing}
          ${entry?.outcome ? html`<dt>Outcome</dt><dd>${entry.outcome}</dd>` : nothing}
          <dt>Consent id</dt><dd>${r.id}</dd>
          <dt>Visitor id</dt><dd>${r.visitorId}</dd>
          <dt>Chosen at</dt><dd>${formatTime(r.createdAt)} (the visitor's clock)</dd>
          <dt>Received at</dt><dd>${formatTime(stored.receivedAt)} (the collector's clock)</dd>
          <dt>Valid until</dt><dd>${formatTime(r.expiresAt)}</dd>
          <dt>Site</dt><dd>${r.site}</dd>
          <dt>Granted</dt><dd>${categories.granted.join(', ') || 'nothing'}</dd>
          <dt>Refused</dt><dd>${categories.refused.join(', ') || 'nothing'}</dd>
          ${r.services
            ? html`<dt>Services granted</dt><dd>${services.granted.join(', ') || 'none'}</dd>
                <dt>Services refused</dt><dd>${services.refused.join(', ') || 'none'}</dd>`
            : nothing}
          <dt>Promotional e-mail</dt>
          <dd>${r.email.marketing}${r.email.address ? ` (${r.email.address})` : ''}${r.email.confirmedAt ? `, confirmed ${formatTime(r.email.confirmedAt)}` : ''}</dd>
          <dt>Global Privacy Control</dt><dd>${r.gpc ? 'sent, honoured' : 'not sent'}</dd>
          <dt>Language</dt><dd>${r.language}</dd>
          <dt>Policy version</dt><dd>${r.policyVersion}</dd>
          <dt>Client network</dt><dd>${stored.clientAddress}</dd>
          ${stored.seq !== undefined
            ? html`<dt>Chain position</dt><dd>${stored.seq}${stored.chainHash ? html`, chain hash ${stored.chainHash}` : nothing}${
                entry && entry.chainVerified !== null
                  ? entry.chainVerified ? ': the chain verifies up to here' : ': the chain does NOT verify up to here'
                  : nothing}</dd>`
            : nothing}
          <dt>Wording hash</dt><dd>${r.wordingHash}</dd>
        </dl>
        ${entry?.emailSentence
          ? html`<p><strong>The e-mail sentence agreed to:</strong></p><blockquote class="wording">${entry.emailSentence}</blockquote>`
          : nothing}
        ${text
          ? html`<p><strong>The wording shown:</strong></p><pre class="wording">${text}</pre>`
          : html`<p>The collector never received the wording with this hash, so only its hash is on record.</p>`}
      </article>
    `;
  }

  /** Where an address's promotional e-mail stands, and whether the chain holds. */
  private renderStanding(proof: AddressProof) {
    const { status, chain } = proof;
    return html`<dl class="panel standing">
      <dt>Promotional e-mail</dt>
      <dd>
        <strong>${status.label}</strong>${status.since ? ` since ${formatTime(status.since)}` : nothing}${status.until
          ? `; to be confirmed by ${formatTime(status.until)}`
          : nothing}
      </dd>
      ${chain
        ? html`<dt>Chain</dt>
            <dd>
              ${chain.broken
                ? `NOT intact: it breaks at seq ${chain.broken.seq} (${chain.broken.reason})`
                : `verified from its first record to its head, seq ${chain.head.seq}`}
            </dd>`
        : nothing}
    </dl>`;
  }

  override render() {
    const sites = sitesOf(this.records);
    return html`
      <h1 tabindex="-1">Proof of consent</h1>
      <form class="row no-print" @submit=${this.submit} novalidate role="search">
        <div class="field">
          <label for="query">E-mail address, visitor id or consent id</label>
          <input id="query" name="q" type="search" .value=${this.query} autocomplete="off"
            aria-invalid=${this.error ? 'true' : 'false'} aria-describedby=${this.error ? 'query-error' : nothing}>
        </div>
        <div class="field"><button type="submit" ?disabled=${this.busy}>Search</button></div>
      </form>
      ${this.error ? html`<p class="error" id="query-error" role="alert">${this.error}</p>` : nothing}
      ${this.busy ? html`<p role="status">Searching…</p>` : nothing}
      ${this.message ? html`<p class="panel" role="status">${this.message}</p>` : nothing}
      ${this.records.length
        ? html`
            <section aria-labelledby="history">
              <div class="exhibit">
                <p><strong>Site:</strong> ${sites.join(', ')}</p>
                <p><strong>Searched for:</strong> ${this.query.trim()}</p>
                <p><strong>Printed:</strong> ${formatTime(this.printedAt || new Date().toISOString())}</p>
              </div>
              ${this.proof ? this.renderStanding(this.proof) : nothing}
              <div class="row no-print">
                <h2 id="history">History: ${this.records.length} ${this.records.length === 1 ? 'record' : 'records'}, oldest first</h2>
                <button class="secondary" @click=${() => window.print()}>Print as an exhibit</button>
                ${this.proof
                  ? html`<a href=${proofPageUrl(this.query.trim())} target="_blank" rel="noopener">The proof file as a page (HTML)</a>`
                  : nothing}
              </div>
              ${this.records.map((stored, i) => this.renderRecord(stored, i))}
            </section>
          `
        : nothing}
    `;
  }
}

customElements.define('console-proof', ConsoleProof);
