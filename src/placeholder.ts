import { enPlaceholder, type BannerStrings, type Strings } from './i18n/en.js';
import type { Category } from './types.js';

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
  const text = { ...enPlaceholder, ...strings };
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, wording: string, css: string) => {
    const el = doc.createElement(tag);
    el.textContent = wording.replace('{{category}}', strings[category]);
    el.style.cssText = css;
    return el;
  };
  const placeholder = make(
    'div',
    text.blockedContent,
    'display:grid;place-content:center;justify-items:center;gap:8px;box-sizing:border-box;max-width:100%;padding:16px;border:1px solid #666;background:#eee;color:#111;font:14px/1.5 sans-serif;text-align:center',
  );
  const button = make('button', text.allowCategory, 'padding:8px 16px;border:0;border-radius:4px;background:#111;color:#fff;font:inherit');
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
