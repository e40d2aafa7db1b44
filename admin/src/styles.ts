import { css } from 'lit';

/** What every view of the console shares: type, form controls, focus, tables, print. */
export const shared = css`
  :host { display: block; color: var(--console-fg); }
  *, *::before, *::after { box-sizing: border-box; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
  h1:focus { outline: none; }
  p { line-height: 1.5; }
  a { color: var(--console-accent); }
  label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  input, select, textarea {
    font: inherit; color: var(--console-fg); background: var(--console-bg);
    border: 1px solid var(--console-border); border-radius: 4px; padding: 0.45rem 0.55rem;
    min-height: 2.5rem; max-width: 100%;
  }
  input[type='checkbox'], input[type='radio'] { min-height: auto; width: 1.1rem; height: 1.1rem; }
  textarea { width: 100%; font-family: ui-monospace, monospace; font-size: 0.85rem; }
  button {
    font: inherit; font-weight: 600; cursor: pointer; min-height: 2.5rem; padding: 0.45rem 1rem;
    border-radius: 4px; border: 1px solid var(--console-accent);
    background: var(--console-accent); color: var(--console-on-accent);
  }
  button.secondary { background: transparent; color: var(--console-accent); }
  button:disabled { opacity: 0.6; cursor: default; }
  :focus-visible { outline: 3px solid var(--console-focus); outline-offset: 2px; }
  .field { margin-bottom: 1rem; }
  .hint { color: var(--console-muted); font-size: 0.9rem; margin: 0.25rem 0 0; }
  .error { color: var(--console-error); font-weight: 600; }
  [aria-invalid='true'] { border-color: var(--console-error); border-width: 2px; }
  .row { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
  caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
  th, td { text-align: left; padding: 0.3rem 0.5rem; border-bottom: 1px solid var(--console-border); }
  td.number, th.number { text-align: right; }
  .panel { background: var(--console-panel); border-radius: 6px; padding: 1rem; margin-bottom: 1rem; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
  }
  @media print {
    .no-print { display: none !important; }
  }
`;
