import { LitElement, css, html, nothing } from 'lit';
import { signOut, signedIn } from './api.js';
import { SESSION_ENDED } from './session-ended.js';
import { shared } from './styles.js';
import './console-sign-in.js';
import './console-overview.js';
import './console-proof.js';
import './console-export.js';
import './console-install.js';

/** The console's views, by the hash that opens each. */
const VIEWS = [
  { hash: '#overview', label: 'Overview' },
  { hash: '#proof', label: 'Proof' },
  { hash: '#export', label: 'Export' },
  { hash: '#install', label: 'Install' },
] as const;

type View = (typeof VIEWS)[number]['hash'];

function viewOf(hash: string): View {
  const view = hash.split('?')[0];
  return VIEWS.find((v) => v.hash === view)?.hash ?? '#overview';
}

/**
 * The site owner's console at `/admin/` (SPEC §9): the sign-in form until the collector says the
 * browser holds a session, then the views, one per hash so each has an address to bookmark.
 */
export class CaratConsole extends LitElement {
  static override styles = [
    shared,
    css`
      header {
        display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem;
        padding: 0.5rem 1rem; border-bottom: 1px solid var(--console-border);
      }
      .brand { font-weight: 700; }
      nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; margin: 0; padding: 0; }
      nav a { display: inline-block; padding: 0.5rem 0.75rem; border-radius: 4px; text-decoration: none; }
      nav a[aria-current='page'] { background: var(--console-accent); color: var(--console-on-accent); }
      .sign-out { margin-left: auto; }
      main { padding: 1rem; max-width: 72rem; margin: 0 auto; }
      @media print { header { display: none; } main { padding: 0; max-width: none; } }
    `,
  ];

  static override properties = { state: { state: true }, view: { state: true }, notice: { state: true } };

  state: 'checking' | 'signed-out' | 'signed-in' = 'checking';
  view: View = viewOf(location.hash);
  notice = '';

  private readonly onHash = () => {
    this.view = viewOf(location.hash);
    void this.updateComplete.then(() => this.focusHeading());
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    this.addEventListener(SESSION_ENDED, () => this.showSignIn('Your session has ended: sign in again.'));
    this.addEventListener('console-signed-in', () => {
      this.state = 'signed-in';
      this.notice = '';
      void this.updateComplete.then(() => this.focusHeading());
    });
    void signedIn().then(
      (yes) => (this.state = yes ? 'signed-in' : 'signed-out'),
      () => this.showSignIn('The collector could not be reached. Reload the page to try again.'),
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
  }

  private showSignIn(notice: string): void {
    this.notice = notice;
    this.state = 'signed-out';
  }

  /** A new view is announced by moving focus to its heading, as a page load would. */
  private focusHeading(): void {
    const view = this.renderRoot.querySelector('main > *');
    (view?.shadowRoot?.querySelector('h1') as HTMLElement | null)?.focus();
  }

  private async signOut(): Promise<void> {
    await signOut();
    this.showSignIn('You have signed out.');
  }

  private renderView() {
    switch (this.view) {
      case '#proof':
        return html`<console-proof></console-proof>`;
      case '#export':
        return html`<console-export></console-export>`;
      case '#install':
        return html`<console-install></console-install>`;
      default:
        return html`<console-overview></console-overview>`;
    }
  }

  override render() {
    if (this.state === 'checking') return html`<p role="status">Loading…</p>`;
    if (this.state === 'signed-out') {
      return html`<main><console-sign-in .notice=${this.notice}></console-sign-in></main>`;
    }
    return html`
      <header>
        <span class="brand">Consent console</span>
        <nav aria-label="Console">
          <ul>
            ${VIEWS.map(
              (v) => html`<li><a href=${v.hash} aria-current=${v.hash === this.view ? 'page' : nothing}>${v.label}</a></li>`,
            )}
          </ul>
        </nav>
        <button class="secondary sign-out" @click=${this.signOut}>Sign out</button>
      </header>
      <main>${this.renderView()}</main>
    `;
  }
}

customElements.define('carat-console', CaratConsole);
