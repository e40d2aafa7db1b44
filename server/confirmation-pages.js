/**
 * The plain pages the confirmation mail's links open (SPEC §12): one heading, one sentence, at
 * most one button; no script, no outside asset, readable at any zoom and in forced colours.
 */

/** @param {string} text */
export const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `:root{color-scheme:light dark;font-family:system-ui,sans-serif;line-height:1.5}
body{margin:0;padding:2rem 1rem;background:Canvas;color:CanvasText}
main{max-width:36rem;margin:0 auto}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 1rem}
button{font:inherit;padding:.6rem 1.2rem;border:2px solid currentColor;border-radius:.4rem;background:ButtonFace;color:ButtonText;cursor:pointer}
button:focus-visible{outline:3px solid Highlight;outline-offset:2px}`;

/**
 * @param {{ language: string, title: string, text: string, button?: { label: string, action: string, field?: [string, string] } }} page
 *   `button` posts a form to `action`, with `field` (name and value) if given
 */
export function confirmationPage({ language, title, text, button }) {
  const field = button?.field ? `<input type="hidden" name="${escapeHtml(button.field[0])}" value="${escapeHtml(button.field[1])}">` : '';
  const form = button
    ? `<form method="post" action="${escapeHtml(button.action)}">${field}<button type="submit">${escapeHtml(button.label)}</button></form>`
    : '';
  return `<!doctype html>
<html lang="${escapeHtml(language)}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${form}</main></body>
</html>
`;
}
