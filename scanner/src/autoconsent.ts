import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { BannerError } from './errors.js';

interface AutoconsentMessage {
  type: string;
  id?: string;
  code?: string;
  cmp?: string;
  result?: boolean;
  mainFrame?: boolean;
  instanceId?: string;
  state?: { lifecycle?: string };
}

let bundle: { script: string; rules: string } | undefined;

/**
 * autoconsent's Playwright content script and its full rule set (the compact rules leave out the
 * opt-in steps), read from the installed package once.
 */
function autoconsentBundle(): { script: string; rules: string } {
  if (!bundle) {
    const rulesFile = createRequire(import.meta.url).resolve('@duckduckgo/autoconsent/rules/rules.json');
    bundle = {
      script: readFileSync(join(dirname(rulesFile), '..', 'dist', 'autoconsent.playwright.js'), 'utf8'),
      rules: readFileSync(rulesFile, 'utf8'),
    };
  }
  return bundle;
}

/**
 * Waits for an action before opting out or in, so the scanner can record the page before any
 * choice; no prehiding and no cosmetic rules, because hiding a banner is not answering it.
 */
const runnerConfig = JSON.stringify({
  enabled: true,
  autoAction: null,
  disabledCmps: [],
  enablePrehide: false,
  enableCosmeticRules: false,
  detectRetries: 6,
  logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
});

/**
 * DuckDuckGo autoconsent driven the way its own Playwright runner drives it: the content script
 * evaluated in every frame, talking to Node through an exposed binding.
 */
export class Autoconsent {
  readonly #received: Array<{ frame: Frame; message: AutoconsentMessage }> = [];
  readonly #listeners = new Set<() => void>();

  private constructor() {}

  /** Binds a fresh context; call before its first page opens. */
  static async attach(context: BrowserContext): Promise<Autoconsent> {
    const runner = new Autoconsent();
    await context.exposeBinding('autoconsentSendMessage', ({ frame }, message: AutoconsentMessage) => runner.#receive(frame, message));
    return runner;
  }

  async #receive(frame: Frame, message: AutoconsentMessage): Promise<void> {
    this.#received.push({ frame, message });
    for (const listener of this.#listeners) listener();
    if (message.type === 'init') {
      const { rules } = autoconsentBundle();
      await reply(frame, `{ type: "initResp", config: ${runnerConfig}, rules: ${rules} }`);
    } else if (message.type === 'eval' && message.code) {
      const result: unknown = await frame.evaluate(message.code).catch(() => false);
      await reply(frame, `{ id: ${JSON.stringify(message.id)}, type: "evalResp", result: ${JSON.stringify(result ?? null)} }`);
    }
  }

  #waitFor<T>(check: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
    return new Promise((resolve) => {
      const listener = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.#listeners.delete(listener);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.#listeners.delete(listener);
        resolve(undefined);
      }, timeoutMs);
      this.#listeners.add(listener);
      listener();
    });
  }

  /**
   * Looks for a banner autoconsent has a rule for; resolves to the rule's name and the frame
   * showing it, or undefined once every frame has found nothing.
   */
  async find(tab: Page, timeoutMs: number): Promise<{ cmp: string; frame: Frame } | undefined> {
    const { script } = autoconsentBundle();
    const frames = tab.frames();
    await Promise.all(frames.map((frame) => frame.evaluate(script).catch(() => undefined)));
    const found = await this.#waitFor(() => {
      const popup = this.#received.find(({ message }) => message.type === 'popupFound');
      if (popup) return { cmp: popup.message.cmp ?? 'unknown', frame: popup.frame };
      const done = new Set(this.#received.filter(({ message }) => message.state?.lifecycle === 'nothingDetected').map(({ frame }) => frame));
      return frames.every((frame) => done.has(frame) || frame.isDetached()) ? null : undefined;
    }, timeoutMs);
    return found ?? undefined;
  }

  /** Answers the banner found by `find`: "Reject all" (opt out) or "Accept all" (opt in). */
  async answer(found: { cmp: string; frame: Frame }, choice: 'reject' | 'accept', timeoutMs: number): Promise<void> {
    const type = choice === 'reject' ? 'optOut' : 'optIn';
    const start = this.#received.length;
    const answered = this.#waitFor(
      () => this.#received.slice(start).find(({ message }) => message.type === `${type}Result`)?.message.result,
      timeoutMs,
    );
    // Not awaited: the content script's promise settles only after the clicks, which it asks Node to help with.
    void reply(found.frame, `{ type: "${type}" }`);
    const result = await answered;
    if (result !== true) {
      throw new BannerError(`autoconsent could not ${choice === 'reject' ? 'reject' : 'accept'} on the ${found.cmp} banner`);
    }
  }
}

async function reply(frame: Frame, message: string): Promise<void> {
  await frame.evaluate(`autoconsentReceiveMessage(${message})`).catch(() => undefined);
}
