import { enPlaceholder, type BannerStrings, type Strings } from './i18n/en.js';
import type { Category } from './types.js';
import { adoptStyles } from './ui/adopt-styles.js';

const LOOK =
  '.carat-consent-placeholder{display:grid;place-content:center;justify-items:center;gap:8px;box-sizing:border-box;max-width:100%;padding:16px;border:1px solid #666;background:#eee;color:#111;font:14px/1.5 sans-serif;text-align:center}' +
    '.carat-consent-placeholder button{padding:8px 16px;border:0;border-radius:4px;background:#111;color:#fff;font:inherit}';

/** Documents that have the look adopted. */
const styled = new WeakSet<Document>();

/**
 * Gated iframes (`<iframe data-consent data-src>`): a stand-in while a category is refused, the
 * frame once all are granted. Few pages gate iframes, so the embed fetches this only for those
 * that do; the gate (`gate.ts`) hands their frames over.
 */

/** What the frames need from the gate: which ids the site offers, how to grant, and the wording. */
export interface FrameGateOptions {
  isKnown: (category: Category) => boolean;
  onAllow: (category: Category) => void;
  strings: () => BannerStrings & Partial<Strings>;
  doc: Document;
}

/** The stand-in for an iframe that waits for consent: what it shows and a button that asks for the category. */
function createPlaceholder(
  frame: HTMLIFrameElement,
  category: Category,
  strings: BannerStrings & Partial<Strings>,
  onAllow: (category: Category) => void,
): HTMLElement {
  const doc = frame.ownerDocument;
  // A constructed sheet, not inline styles: a CSP with `style-src 'self'` refuses those.
  if (!styled.has(doc)) {
    styled.add(doc);
    adoptStyles(doc, LOOK);
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

/**
 * Settles one gated frame given the ids it still lacks: a placeholder asking for the first known
 * one (one at a time: granting two at once would be two concurrent saves of one record), or the
 * frame itself once nothing is refused.
 */
export function createFrameGate({ isKnown, onAllow, strings, doc }: FrameGateOptions): (frame: HTMLIFrameElement, refused: Category[]) => void {
  const placeholders = new WeakMap<Element, HTMLElement>();
  return (frame, refused) => {
    const old = placeholders.get(frame);
    const category = refused.find(isKnown);
    if (category) {
      // A frame the author hid gets no placeholder.
      if (old ? old.dataset.category == category : frame.hidden) return;
      const placeholder = createPlaceholder(frame, category, strings(), onAllow);
      placeholders.set(frame, placeholder);
      if (old) {
        const focused = old.contains(doc.activeElement);
        old.replaceWith(placeholder);
        if (focused) placeholder.querySelector('button')!.focus();
      } else {
        frame.hidden = true;
        frame.before(placeholder);
      }
    } else if (!refused.length) {
      frame.src = frame.dataset.src!;
      if (!old) return;
      frame.hidden = false;
      if (old.contains(doc.activeElement)) frame.focus();
      old.remove();
    }
  };
}
