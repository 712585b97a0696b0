/**
 * Error codes that cross windows. A closed set so that host code can switch on them;
 * adding a code is a protocol change (see `version.ts`).
 */
export const ErrorCode = {
  /** The action's `name` is not one this protocol version knows. */
  UnknownAction: 'unknown_action',
  /** The envelope or the action's `data` failed validation. */
  InvalidData: 'invalid_data',
  /** The phone is not logged in and registered, so it cannot act yet. */
  NotLoggedIn: 'not_logged_in',
  /** A `callId` names no current call. */
  NoSuchCall: 'no_such_call',
  /** The action is valid but not in the current state (answer with no ringing call…). */
  NotAllowedNow: 'not_allowed_now',
  /** Something the phone or the far end does not do (a far end that refuses video). */
  NotSupported: 'not_supported',
  /** The message's protocol version cannot be served. */
  UnsupportedVersion: 'unsupported_version',
  /** The token was not accepted: bad signature, garbage, wrong audience. */
  TokenInvalid: 'token_invalid',
  /** The token was well formed but has expired. */
  TokenExpired: 'token_expired',
  /** Neither a token nor a usercode and password were given. */
  CredentialsMissing: 'credentials_missing',
  /** The session API could not be reached or answered something unexpected. */
  SessionUnavailable: 'session_unavailable',
  /** The SIP server refused the registration. */
  RegistrationFailed: 'registration_failed',
  /** The microphone could not be opened. */
  MediaUnavailable: 'media_unavailable',
  /** The SIP side failed for a reason the other codes do not cover. */
  CallFailed: 'call_failed',
  /** Something inside the widget failed; the widget keeps running. */
  Internal: 'internal',
  /** The login token was already used once; the host must get a new one. */
  TokenReused: 'token_reused',
  /** The session was ended on the server (logout, or a renew token used twice); log in again. */
  SessionRevoked: 'session_revoked',
  /** Too many failed logins; `retryAfter` says how many seconds to wait. */
  RateLimited: 'rate_limited',
  /** The widget did not answer the action in time (host side). */
  Timeout: 'timeout',
  /** The widget page reloaded while the action was pending, so its outcome is unknown (host side). */
  WidgetReloaded: 'widget_reloaded',
  /** The connection to the widget went away: element removed or port closed (host side). */
  Disconnected: 'disconnected',
  /** The phone did not follow a transfer request from the far end (policy, target, or the agent declined). */
  TransferRefused: 'transfer_refused',
  /** After-call work can end only with a disposition (tenant setting), and none was chosen. */
  DispositionRequired: 'disposition_required',
  /** The disposition is not one of the tenant's codes. */
  UnknownDisposition: 'unknown_disposition',
  /** No after-call work is running (or not for that `callId`). */
  NoAfterCallWork: 'no_after_call_work',
  /** Not an error: a message the host asked the phone to show (`showNotice`), as the notice's code. */
  HostNotice: 'host_notice',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error as plain data, the only shape in which errors cross a window or HTTP body. */
export interface RingsideError {
  code: ErrorCode;
  message: string;
  /** With `rate_limited`: seconds to wait before trying again (from the API's Retry-After). */
  retryAfter?: number;
}

export function ringsideError(code: ErrorCode, message: string): RingsideError {
  return { code, message };
}
