import { css } from './adopt-styles.js';

// `theme="auto"` repeats the dark palette inside a media query: sharing one block through a
// script-set attribute measured 80 bytes larger after brotli than this repetition, and switching
// two custom properties between the palettes saved only 11 bytes for much harder CSS.
// The dark focus colour is mid-blue rather than pale: "Privacy choices" sits on the shop's page,
// often light, and its ring must stand out there (3:1) as well as on the dark widget.

/**
 * The banner's and the "Privacy choices" button's look; the dialogs bring their own styles.
 * Site owners theme it through `--carat-consent-*` custom properties and `::part()`; the built-in
 * light and dark palettes meet WCAG 2.2 AA contrast.
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
    --_space: var(--carat-consent-spacing, 16px);
    font-size: 15px;
    line-height: 1.5;
    font-family: var(--carat-consent-font);
    color: var(--_fg);
    overflow-wrap: anywhere;
    /* The shop's font carries over; the rest of its text styling (inherited from its body) must
       not make the banner unreadable. A rule on the element itself still overrides these. */
    font-style: normal;
    font-weight: 400;
    font-variant: normal;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-indent: 0;
    text-transform: none;
    text-shadow: none;
    white-space: normal;
    cursor: auto;
  }
  :host([theme='dark']) {
    --_bg: var(--carat-consent-bg, #1c1c21);
    --_fg: var(--carat-consent-fg, #f2f2f5);
    --_muted: var(--carat-consent-muted, #c4c4cc);
    --_accent: var(--carat-consent-accent, #b9d3f5);
    --_on-accent: var(--carat-consent-on-accent, #0b1b2e);
    --_border: var(--carat-consent-border, #9a9aa6);
    --_focus: var(--carat-consent-focus, #3d8bfd);
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
      --_focus: var(--carat-consent-focus, #3d8bfd);
      --_error: var(--carat-consent-error, #ffb4ab);
    }
  }
  * {
    box-sizing: border-box;
  }
  [part~='banner'] {
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    box-shadow: 0 8px 32px #0004;
  }
  /* Margin and width too: in the top layer (see keepInWindow) the popover defaults would apply. */
  [part~='banner'] {
    position: fixed;
    z-index: var(--carat-consent-z-index, 2147483000);
    inset: auto 0 0;
    margin: 0;
    width: auto;
    max-height: calc(100dvh - 24px);
    overflow: auto;
    padding: var(--_space);
    display: grid;
    gap: calc(var(--_space) / 2) var(--_space);
    grid-template-columns: 1fr auto;
    align-items: center;
  }
  :host([position='box']) [part~='banner'],
  :host([position='center']) [part~='banner'] {
    border-radius: calc(var(--_radius) * 1.5);
    grid-template-columns: 1fr;
    margin: 12px;
    width: min(448px, 100vw - 24px);
  }
  :host([position='box']) [part~='banner'] {
    inset-inline-end: auto;
  }
  :host([position='center']) [part~='banner'] {
    inset: 0;
    margin: auto;
    height: fit-content;
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
  .small.error {
    color: var(--_error);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .actions > * {
    flex: 1 0 0;
    min-width: fit-content;
  }
  @media (max-width: 48rem) {
    [part~='banner'] {
      grid-template-columns: 1fr;
      font-size: 14px;
      padding: 12px;
    }
  }
  button {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
    word-spacing: inherit;
  }
  [part~='button'] {
    min-height: 44px;
    padding: 8px 12px;
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
    inset: auto;
    bottom: 12px;
    inset-inline-start: 12px;
    margin: 0;
    min-height: 32px;
    padding: 4px 12px;
    border-radius: 999px;
    border: 1px solid var(--_border);
    background: var(--_bg);
    font-size: 0.85em;
    cursor: pointer;
  }
  /* The announcement after a choice: read out, not shown. */
  [role='status'] {
    position: fixed;
    clip-path: inset(50%);
  }
`;
