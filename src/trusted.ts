/**
 * The `carat-consent` Trusted Types policy. Under `require-trusted-types-for 'script'` a page
 * refuses plain strings as script URLs and script text; the widget only ever passes its own part
 * files and the gated scripts the site owner wrote into the page, so the policy lets them through.
 * Where the browser has no Trusted Types, or the page does not allow this policy, strings are used
 * as they are.
 */
type Policy = { createScript(text: string): string; createScriptURL(url: string): string };

/**
 * Kept on a global symbol: a page may allow only one policy of a name, and an embed loaded twice,
 * or beside the ESM build, carries its own copy of this module.
 */
const KEY = Symbol.for('carat-consent.trusted-types');

function trusted(): Policy | undefined {
  const shared = globalThis as { [KEY]?: Policy; trustedTypes?: { createPolicy(name: string, rules: Policy): Policy } };
  try {
    const pass = (value: string) => value;
    shared[KEY] ??= shared.trustedTypes?.createPolicy('carat-consent', { createScript: pass, createScriptURL: pass });
  } catch {
    // The page's `trusted-types` directive does not name carat-consent: strings are all there is.
  }
  return shared[KEY];
}

/** A script URL the page's Trusted Types accept. */
export const scriptUrl = (url: string): string => trusted()?.createScriptURL(url) ?? url;

/** Script text the page's Trusted Types accept. */
export const scriptText = (text: string): string => trusted()?.createScript(text) ?? text;
