/** What `el` takes as a child: a node, a text, or nothing. */
export type Child = Node | string | false | null | undefined;

/**
 * An element with its attributes, its `on…` listeners and its children. The embed builds its few
 * elements with this rather than a template library: every page runs it, before the banner shows.
 * Texts go in as text nodes, never as HTML, so no wording can inject markup.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string | ((event: MouseEvent) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value as EventListener);
    else element.setAttribute(name, value);
  }
  element.append(...children.filter((child): child is Node | string => !!child));
  return element;
}
