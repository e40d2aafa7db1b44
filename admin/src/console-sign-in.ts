import { LitElement, css, html, nothing } from 'lit';
import { ApiError, signIn } from './api.js';
import { messageFor } from './session-ended.js';
import { shared } from './styles.js';

/** The sign-in form: the admin token is exchanged for the session cookie, never kept in the page. */
export class ConsoleSignIn extends LitElement {
  static override styles = [
    shared,
    css`
      :host { max-width: 26rem; margin: 10vh auto 0; padding: 0 1rem; }
      input { width: 100%; }
    `,
  ];

  static override properties = { notice: {}, error: { state: true }, busy: { state: true } };

  /** Why the form is shown again (an ended session), said above it. */
  notice = '';
  error = '';
  busy = false;

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input') as HTMLInputElement;
    if (!input.value) {
      this.error = 'Enter the admin token (CONSENT_ADMIN_TOKEN).';
      input.focus();
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      await signIn(input.value);
      input.value = '';
      this.dispatchEvent(new CustomEvent('console-signed-in', { bubbles: true, composed: true }));
    } catch (error) {
      // Here a 401 is a wrong token, not an ended session.
      this.error = error instanceof ApiError && error.status === 401 ? 'That is not the admin token. Check CONSENT_ADMIN_TOKEN and try again.' : messageFor(error, this);
      input.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    return html`
      <h1 tabindex="-1">Sign in to the consent console</h1>
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      <form @submit=${this.submit} novalidate>
        <div class="field">
          <label for="token">Admin token</label>
          <input id="token" name="token" type="password" autocomplete="current-password"
            aria-describedby="token-hint${this.error ? ' token-error' : ''}" aria-invalid=${this.error ? 'true' : 'false'}>
          <p class="hint" id="token-hint">The value of CONSENT_ADMIN_TOKEN the collector was started with.</p>
          ${this.error ? html`<p class="error" id="token-error" role="alert">${this.error}</p>` : nothing}
        </div>
        <button type="submit" ?disabled=${this.busy}>Sign in</button>
      </form>
    `;
  }
}

customElements.define('console-sign-in', ConsoleSignIn);
