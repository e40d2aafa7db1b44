import { LitElement, css, html, nothing } from 'lit';
import { LANGUAGES } from '../../src/i18n/languages.js';
import { installErrors, installOutput, type InstallErrors, type InstallForm } from './install.js';
import { shared } from './styles.js';

const CATEGORIES = ['analytics', 'marketing', 'preferences'];

/** The install form: the shop's script tag and JSON config, with the real widget previewed beside. */
export class ConsoleInstall extends LitElement {
  static override styles = [
    shared,
    css`
      .layout { display: grid; gap: 1.5rem; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); align-items: start; }
      .field input[type='text'], .field input[type='url'], .field input[type='email'], .field select { width: 100%; }
      fieldset { border: 1px solid var(--console-border); border-radius: 4px; margin: 0 0 1rem; padding: 0.5rem 1rem; }
      legend { font-weight: 600; padding: 0 0.25rem; }
      fieldset label { display: inline-flex; gap: 0.4rem; align-items: center; font-weight: 400; margin-right: 1rem; }
      iframe { width: 100%; height: 28rem; border: 1px solid var(--console-border); border-radius: 6px; background: #fff; }
      .output { margin-top: 1rem; }
      .output textarea { min-height: 9rem; }
    `,
  ];

  static override properties = { form: { state: true }, copied: { state: true } };

  form: InstallForm = {
    scriptUrl: '/dist/carat-consent.js',
    endpoint: `${location.origin}/api/consent`,
    policyUrl: '/privacy.md',
    siteName: '',
    contactEmail: '',
    categories: [...CATEGORIES],
    services: '',
    theme: 'light',
    position: 'bar',
    lang: '',
  };

  /** Which output was just copied, announced once. */
  copied = '';

  private onInput(event: Event): void {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    const name = target.name as keyof InstallForm;
    if (name === 'categories') {
      const boxes = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[name="categories"]')];
      this.form = { ...this.form, categories: boxes.filter((b) => b.checked).map((b) => b.value) };
    } else {
      this.form = { ...this.form, [name]: target.value };
    }
    this.copied = '';
  }

  private async copy(which: 'tag' | 'config', text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.copied = which === 'tag' ? 'The script tag is copied.' : 'The JSON config is copied.';
    } catch {
      const area = this.renderRoot.querySelector<HTMLTextAreaElement>(`#${which}`);
      area?.select();
      this.copied = 'Copying is not allowed here: the text is selected, press Ctrl+C (⌘C).';
    }
  }

  private field(name: keyof InstallForm, label: string, errors: InstallErrors, type = 'text', hint = '') {
    const error = errors[name];
    const described = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
    return html`
      <div class="field">
        <label for=${name}>${label}</label>
        <input id=${name} name=${name} type=${type} .value=${String(this.form[name])} @input=${this.onInput}
          aria-invalid=${error ? 'true' : 'false'} aria-describedby=${described || nothing}>
        ${hint ? html`<p class="hint" id="${name}-hint">${hint}</p>` : nothing}
        ${error ? html`<p class="error" id="${name}-error">${error}</p>` : nothing}
      </div>
    `;
  }

  private select(name: 'theme' | 'position' | 'lang', label: string, choices: [string, string][]) {
    return html`
      <div class="field">
        <label for=${name}>${label}</label>
        <select id=${name} name=${name} @change=${this.onInput}>
          ${choices.map(([value, text]) => html`<option value=${value} ?selected=${this.form[name] === value}>${text}</option>`)}
        </select>
      </div>
    `;
  }

  override render() {
    const errors = installErrors(this.form);
    const valid = Object.keys(errors).length === 0;
    const output = valid ? installOutput(this.form) : null;
    return html`
      <h1 tabindex="-1">Install</h1>
      <p>Fill in your shop's details; paste the two snippets into the <code>&lt;head&gt;</code> of every page: the banner then shows as soon as the page is parsed. With Google Consent Mode, put the tag above Google's, without <code>async</code>.</p>
      <div class="layout">
        <form @submit=${(e: Event) => e.preventDefault()} novalidate aria-label="Widget settings">
          ${this.field('endpoint', 'Endpoint', errors, 'url', 'Where the widget sends each choice: this collector.')}
          ${this.field('policyUrl', 'Privacy policy address', errors, 'text', 'Markdown or plain text, on your shop.')}
          ${this.field('siteName', 'Site name', errors)}
          ${this.field('contactEmail', 'Contact e-mail address', errors, 'email')}
          <fieldset>
            <legend>Categories</legend>
            ${CATEGORIES.map(
              (c) => html`<label><input type="checkbox" name="categories" value=${c}
                .checked=${this.form.categories.includes(c)} @change=${this.onInput}>${c}</label>`,
            )}
          </fieldset>
          ${this.field('services', 'Services', errors, 'text', 'Service ids from the registry, comma-separated: google-analytics, meta-pixel.')}
          ${this.select('theme', 'Theme', [['light', 'Light'], ['dark', 'Dark'], ['auto', "The visitor's system"]])}
          ${this.select('position', 'Position', [['bar', 'Bar at the bottom'], ['box', 'Box in the corner'], ['center', 'Centred']])}
          ${this.select('lang', 'Language', [['', "The page's, else the visitor's browser's"], ...LANGUAGES.map((l): [string, string] => [l, l])])}
          ${this.field('scriptUrl', 'Script address', errors, 'text', 'Where your shop serves carat-consent.js.')}
        </form>
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          ${output
            ? html`<iframe title="Preview of the banner with these settings" src="preview.html#${encodeURIComponent(JSON.stringify(output.options))}"></iframe>
                <p class="hint">The real widget; choices made in the preview are not sent anywhere.</p>`
            : html`<p class="error" role="alert">Correct the fields marked above to see the preview and the snippets.</p>`}
        </section>
      </div>
      ${output
        ? html`
            <div class="output">
              <label for="tag">Script tag</label>
              <textarea id="tag" readonly rows="8" .value=${output.tag}></textarea>
              <button class="secondary" @click=${() => this.copy('tag', output.tag)}>Copy the script tag</button>
            </div>
            <div class="output">
              <label for="config">JSON config</label>
              <textarea id="config" readonly rows="8" .value=${output.config}></textarea>
              <button class="secondary" @click=${() => this.copy('config', output.config)}>Copy the JSON config</button>
            </div>
          `
        : nothing}
      <p role="status">${this.copied}</p>
    `;
  }
}

customElements.define('console-install', ConsoleInstall);
