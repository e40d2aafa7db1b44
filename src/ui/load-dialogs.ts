/** The dialogs module; bundlers split it off on their own. The embed build swaps this file for `load-dialogs.embed.ts`. */
export const loadDialogs = () => import('./dialogs.js');
