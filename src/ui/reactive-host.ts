import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { adoptStyles } from './adopt-styles.js';

// A server that renders the shop's pages (Next.js, Nuxt, SvelteKit, Astro) imports the widget with
// them, where there is no DOM: the class is then defined on a stand-in, and never registered.
const Base: typeof HTMLElement = globalThis.HTMLElement ?? (class {} as unknown as typeof HTMLElement);

/**
 * What the widget uses of LitElement and no more: reactive controllers, updates batched into one
 * microtask, an open shadow root for `render()` to update, and its styles adopted there. Lit
 * itself, which only the dialogs need, would cost every page its code: downloading, compiling and
 * running it, and the heap its templates take, before the banner shows.
 */
export abstract class ReactiveHost extends Base implements ReactiveControllerHost {
  /** The element's styles (CSS text), adopted into its shadow root. */
  static styles: string;

  readonly renderRoot = this.attachShadow({ mode: 'open' });
  private readonly controllers = new Set<ReactiveController>();
  private update?: Promise<boolean>;
  private styled = false;

  addController(controller: ReactiveController): void {
    this.controllers.add(controller);
    if (this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.controllers.delete(controller);
  }

  connectedCallback(): void {
    this.controllers.forEach((controller) => controller.hostConnected?.());
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    this.controllers.forEach((controller) => controller.hostDisconnected?.());
  }

  /** Renders once, in a microtask, however many times it is asked before then. */
  requestUpdate(): void {
    this.update ??= Promise.resolve().then(() => {
      this.update = undefined;
      // Parsed with the first render, not before: what controllers do on connecting (a returning
      // visitor's gated scripts) waits for no CSS.
      if (!this.styled) adoptStyles(this.renderRoot, (this.constructor as typeof ReactiveHost).styles);
      this.styled = true;
      this.willUpdate();
      this.render();
      this.updated();
      return true;
    });
  }

  /** Settles once no render is pending, including renders asked for while one ran. */
  get updateComplete(): Promise<boolean> {
    return this.update ? this.update.then(() => this.updateComplete) : Promise.resolve(true);
  }

  /** Brings the shadow root up to date with the element's state. */
  protected abstract render(): void;

  protected willUpdate(): void {}

  protected updated(): void {}
}
