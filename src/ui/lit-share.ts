/** The global symbol under which the embed hands Lit to its lazily loaded dialogs file. */
export const LIT_SHARE = 'carat-consent.lit';
