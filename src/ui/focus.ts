/** The focused element, looking through open shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Keeps Tab inside a modal dialog (WAI-ARIA dialog pattern): from the last control to the first
 * and back. The native modal `<dialog>` makes the page inert but lets Tab leave to the browser.
 */
export function trapTab(event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget as HTMLElement;
  const items = [...dialog.querySelectorAll<HTMLElement>('button,input,a[href],[tabindex="0"]')].filter(
    (el) => !(el as HTMLInputElement).disabled && el.offsetParent !== null,
  );
  const edge = event.shiftKey ? items[0] : items[items.length - 1];
  if (edge && deepActiveElement() === edge) {
    event.preventDefault();
    (event.shiftKey ? items[items.length - 1] : items[0])?.focus();
  }
}
