import { enPlaceholder, type BannerStrings, type Strings } from './i18n/en.js';
import type { Category } from './types.js';

const LOOK =
  '.carat-consent-placeholder{display:grid;place-content:center;justify-items:center;gap:8px;box-sizing:border-box;max-width:100%;padding:16px;border:1px solid #666;background:#eee;color:#111;font:14px/1.5 sans-serif;text-align:center}' +
    '.carat-consent-placeholder button{padding:8px 16px;border:0;border-radius:4px;background:#111;color:#fff;font:inherit}';

/** Documents that have the look adopted: a constructed sheet belongs to the document that made it. */
const styled = new WeakSet<Document>();

/**
 * The stand-in for an iframe that waits for consent: what it shows and a button that asks for the
 * category. Few pages gate iframes, so the embed fetches this only for those that do.
 */
export function createPlaceholder(
  frame: HTMLIFrameElement,
  category: Category,
  strings: BannerStrings & Partial<Strings>,
  onAllow: (category: Category) => void,
): HTMLElement {
  const doc = frame.ownerDocument;
  // A constructed sheet, not inline styles: a CSP with `style-src 'self'` refuses those.
  if (!styled.has(doc)) {
    styled.add(doc);
    if (doc.adoptedStyleSheets) {
      const sheet = new doc.defaultView!.CSSStyleSheet();
      sheet.replaceSync(LOOK);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    } else {
      // Safari before 16.4 cannot adopt sheets; a page with a strict CSP there loses only this look.
      doc.head.append(Object.assign(doc.createElement('style'), { textContent: LOOK }));
    }
  }
  const text = { ...enPlaceholder, ...strings };
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, wording: string) => {
    const el = doc.createElement(tag);
    el.textContent = wording.replace('{{category}}', (strings as Record<string, string>)[category] ?? category);
    return el;
  };
  const placeholder = make('div', text.blockedContent);
  const button = make('button', text.allowCategory);
  button.type = 'button';
  button.onclick = () => onAllow(category);
  placeholder.className = 'carat-consent-placeholder';
  placeholder.dataset.category = category;
  // Sized like the frame it stands in for, so granting does not shift the layout.
  for (const side of ['width', 'height'] as const) {
    const size = frame.getAttribute(side);
    if (size) placeholder.style[side] = /\D/.test(size) ? size : `${size}px`;
  }
  placeholder.append(button);
  return placeholder;
}
