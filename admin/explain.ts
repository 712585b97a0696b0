import { AdminApiError } from './admin-client.js';

/** A sentence for an admin about a failed request: the API's own message, or a plainer one for codes it shares with other screens. */
export function explain(error: unknown): string {
  if (!(error instanceof AdminApiError)) return 'Something went wrong. Try again.';
  switch (error.code) {
    case 'credentials_invalid':
      return 'The username or password is wrong.';
    case 'rate_limited':
      return `Too many failed attempts. Try again in ${error.retryAfterSeconds ?? 'a few'} seconds.`;
    case 'csrf_invalid':
      return 'This page’s session is out of date. Reload the page and log in again.';
    case 'admin_auth_required':
      return 'Your session has ended. Log in again.';
    case 'forbidden':
      return 'Your admin account may not do this.';
    default:
      return error.message;
  }
}
