import { unsafeCSS } from 'lit';

// Lit's `css` tag guards interpolated values with code and a long message every page would
// download; these styles interpolate nothing, so the plain text is handed over as it is.
const css = (text: TemplateStringsArray) => unsafeCSS(text[0]);

// `theme="auto"` repeats the dark palette inside a media query: sharing one block through a
// script-set attribute measured 80 bytes larger after brotli than this repetition.

/**
 * The widget's look. Site owners theme it through `--carat-consent-*` custom properties and
 * `::part()`; the built-in light and dark palettes meet WCAG 2.2 AA contrast.
 */
export const styles = css`
  :host {
    --_bg: var(--carat-consent-bg, #fff);
    --_fg: var(--carat-consent-fg, #1b1b1f);
    --_muted: var(--carat-consent-muted, #4a4a55);
    --_accent: var(--carat-consent-accent, #1f3a5f);
    --_on-accent: var(--carat-consent-on-accent, #fff);
    --_border: var(--carat-consent-border, #767680);
    --_focus: var(--carat-consent-focus, #005fcc);
    --_error: var(--carat-consent-error, #b3261e);
    --_radius: var(--carat-consent-radius, 8px);
    --_space: var(--carat-consent-spacing, 1rem);
    font: 15px/1.5 var(--carat-consent-font, system-ui, sans-serif);
    color: var(--_fg);
  }
  :host([theme='dark']) {
    --_bg: var(--carat-consent-bg, #1c1c21);
    --_fg: var(--carat-consent-fg, #f2f2f5);
    --_muted: var(--carat-consent-muted, #c4c4cc);
    --_accent: var(--carat-consent-accent, #b9d3f5);
    --_on-accent: var(--carat-consent-on-accent, #0b1b2e);
    --_border: var(--carat-consent-border, #9a9aa6);
    --_focus: var(--carat-consent-focus, #8ab4ff);
    --_error: var(--carat-consent-error, #ffb4ab);
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --_bg: var(--carat-consent-bg, #1c1c21);
      --_fg: var(--carat-consent-fg, #f2f2f5);
      --_muted: var(--carat-consent-muted, #c4c4cc);
      --_accent: var(--carat-consent-accent, #b9d3f5);
      --_on-accent: var(--carat-consent-on-accent, #0b1b2e);
      --_border: var(--carat-consent-border, #9a9aa6);
      --_focus: var(--carat-consent-focus, #8ab4ff);
      --_error: var(--carat-consent-error, #ffb4ab);
    }
  }
  * {
    box-sizing: border-box;
  }
  [part~='banner'],
  dialog {
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    box-shadow: 0 4px 24px #0004;
  }
  [part~='banner'] {
    position: fixed;
    z-index: var(--carat-consent-z-index, 2147483000);
    inset: auto 0 0 0;
    padding: var(--_space);
    display: grid;
    gap: calc(var(--_space) / 2) var(--_space);
    grid-template-columns: 1fr auto;
    align-items: center;
  }
  :host([position='box']) [part~='banner'] {
    inset: auto auto var(--_space) var(--_space);
    max-width: min(26rem, calc(100vw - 2 * var(--_space)));
    border-radius: var(--_radius);
    grid-template-columns: 1fr;
  }
  :host([position='center']) [part~='banner'] {
    inset: 0;
    margin: auto;
    height: fit-content;
    width: min(34rem, calc(100vw - 2 * var(--_space)));
    border-radius: var(--_radius);
    grid-template-columns: 1fr;
  }
  h2 {
    font-size: 1.15em;
    margin: 0 0 0.25em;
  }
  p {
    margin: 0 0 0.5em;
  }
  .small {
    color: var(--_muted);
    font-size: 0.9em;
  }
  .actions {
    display: grid;
    grid-auto-columns: minmax(0, 1fr);
    grid-auto-flow: column;
    gap: 0.5rem;
  }
  @media (max-width: 48rem) {
    [part~='banner'] {
      grid-template-columns: 1fr;
    }
  }
  @media (max-width: 22rem) {
    .actions {
      grid-auto-flow: row;
    }
  }
  button {
    font: inherit;
    color: inherit;
  }
  [part~='button'] {
    min-height: 44px;
    padding: 0.5rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
    cursor: pointer;
  }
  .link {
    border: 0;
    background: none;
    padding: 0;
    min-height: 24px;
    text-decoration: underline;
    cursor: pointer;
    color: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  [part~='reopen'] {
    position: fixed;
    z-index: var(--carat-consent-z-index, 2147483000);
    inset: auto auto 0.75rem 0.75rem;
    min-height: 32px;
    padding: 0.25rem 0.75rem;
    border-radius: 999px;
    border: 1px solid var(--_border);
    background: var(--_bg);
    font-size: 0.85em;
    cursor: pointer;
  }
`;
