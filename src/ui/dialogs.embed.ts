import { html } from 'lit';

export * from './dialogs.js';

/**
 * The dialogs part file (carat-consent-dialogs.js) carries Lit; the services part, whose
 * templates only ever render inside the dialogs, takes its `html` from here instead of a copy of
 * its own (see rollup.config.js).
 */
(globalThis as Record<symbol, unknown>)[Symbol.for('carat-consent.lit')] = { html };
