import { html, nothing, type TemplateResult } from 'lit';
import type { Inline, PolicyBlock } from '../policy.js';

// Lit cannot bind a tag name, so each heading level is its own template.
function heading(level: number, content: unknown): TemplateResult {
  switch (level) {
    case 1:
      return html`<h1 part="policy-heading">${content}</h1>`;
    case 2:
      return html`<h2 part="policy-heading">${content}</h2>`;
    case 3:
      return html`<h3 part="policy-heading">${content}</h3>`;
    case 4:
      return html`<h4 part="policy-heading">${content}</h4>`;
    case 5:
      return html`<h5 part="policy-heading">${content}</h5>`;
    default:
      return html`<h6 part="policy-heading">${content}</h6>`;
  }
}

function inline(node: Inline): unknown {
  if (typeof node === 'string') return node;
  const children = node.children.map(inline);
  if (node.kind !== 'link') return node.kind === 'strong' ? html`<strong>${children}</strong>` : html`<em>${children}</em>`;
  // Off-site pages open beside the shop so a visitor does not lose the dialog or their basket.
  const external = /^(https?:)?\/\//i.test(node.href);
  return html`<a part="policy-link" href=${node.href} target=${external ? '_blank' : nothing} rel=${external ? 'noopener noreferrer' : nothing}>${children}</a>`;
}

/**
 * Renders parsed policy blocks as Lit templates; text is always bound as text, never as HTML.
 * `top` is the heading level for the policy's `#`: the default 3 fits under the popup's own `h2`
 * title (`#` → `h3`, `##` → `h4`, `###` → `h5`); a page that shows the policy alone passes 1.
 */
export function renderPolicy(blocks: PolicyBlock[], top = 3): TemplateResult {
  return html`${blocks.map((block) => {
    switch (block.kind) {
      case 'ul':
        return html`<ul>${block.items.map((item) => html`<li>${item.map(inline)}</li>`)}</ul>`;
      case 'ol':
        return html`<ol>${block.items.map((item) => html`<li>${item.map(inline)}</li>`)}</ol>`;
      case 'p':
        return html`<p>${block.inline.map(inline)}</p>`;
      default:
        return heading(top + Number(block.kind[1]) - 1, block.inline.map(inline));
    }
  })}`;
}
