import { adoptStyles, render, type CSSResult, type ReactiveController, type ReactiveControllerHost } from 'lit';

/**
 * What the widget uses of LitElement and no more: reactive controllers, updates batched into one
 * microtask, `render()` through lit-html into an open shadow root, and its styles adopted there.
 * LitElement's reactive properties and attribute reflection, which the widget does not use, would
 * cost every page their code: downloading, compiling and running it before the banner shows.
 */
export abstract class ReactiveHost extends HTMLElement implements ReactiveControllerHost {
  /** The element's styles, adopted into its shadow root. */
  static styles: CSSResult;

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
      if (!this.styled) adoptStyles(this.renderRoot, [(this.constructor as typeof ReactiveHost).styles]);
      this.styled = true;
      this.willUpdate();
      // `host`: event listeners in the templates run with the element as `this`.
      render(this.render(), this.renderRoot, { host: this });
      this.updated();
      return true;
    });
  }

  /** Settles once no render is pending, including renders asked for while one ran. */
  get updateComplete(): Promise<boolean> {
    return this.update ? this.update.then(() => this.updateComplete) : Promise.resolve(true);
  }

  protected abstract render(): unknown;

  protected willUpdate(): void {}

  protected updated(): void {}
}
