import { ApiError } from './api.js';

/** Fired by a view when the collector answered 401: the shell shows the sign-in form again. */
export const SESSION_ENDED = 'console-session-ended';

/**
 * The message a view shows for a failed call; a 401 also tells the shell the session is over.
 * Errors that are not the collector's refusal (the network) are named as such.
 */
export function messageFor(error: unknown, from: HTMLElement): string {
  if (error instanceof ApiError) {
    if (error.status === 401) {
      from.dispatchEvent(new CustomEvent(SESSION_ENDED, { bubbles: true, composed: true }));
      return 'Your session has ended: sign in again.';
    }
    return error.message.charAt(0).toUpperCase() + error.message.slice(1) + '.';
  }
  return 'The collector could not be reached. Check your connection and try again.';
}
