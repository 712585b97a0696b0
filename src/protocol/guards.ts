import { ErrorCode, ringsideError, type RingsideError } from './errors.js';
import { NS, type HelloMessage, type PhonePrefs, type WidgetToHostMessage } from './messages.js';

/*
 * Checks of messages both sides read at once. The check of each action a host sends is in
 * action-guards.ts, which the phone loads with the first action.
 */

/** Longest string accepted in any field; protects the UI and SIP headers from huge input. */
export const MAX_STRING = 256;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: RingsideError };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function own(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/**
 * True when `value` looks like an action envelope at all. Messages that fail this are not
 * ours (other scripts on the page post messages too) and are ignored without a result.
 */
export function looksLikeAction(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && own(value, 'type') === 'action';
}

export const invalid = (message: string): Checked<never> => ({
  ok: false,
  error: ringsideError(ErrorCode.InvalidData, message),
});

export function checkString(value: unknown, field: string, pattern?: RegExp): RingsideError | null {
  if (typeof value !== 'string' || value.length === 0) return ringsideError(ErrorCode.InvalidData, `${field} must be a non-empty string`);
  if (value.length > MAX_STRING) return ringsideError(ErrorCode.InvalidData, `${field} is longer than ${MAX_STRING} characters`);
  if (pattern && !pattern.test(value)) return ringsideError(ErrorCode.InvalidData, `${field} has characters that are not allowed`);
  return null;
}

/** Dialable: digits, `+`, `*`, `#`, or a SIP user part of letters, digits and `._-`. */

/** Longest notes accepted for a call. */
export const MAX_NOTES = 4000;

/**
 * Widget side: is this a host's `hello`? `prefs` only has to be an object: a field in it
 * that is malformed, or newer than this widget, must not cost the host its connection. So
 * the `prefs` of a hello that passes is still unchecked inside: read it through
 * {@link checkPrefs}, never directly.
 */
export function isHello(value: unknown): value is HelloMessage {
  if (!isRecord(value) || own(value, 'ns') !== NS || own(value, 'type') !== 'hello') return false;
  const optionalString = (key: string) => own(value, key) === undefined || typeof own(value, key) === 'string';
  const lastSeq = own(value, 'lastSeq');
  const prefs = own(value, 'prefs');
  return (
    optionalString('token') &&
    optionalString('usercode') &&
    optionalString('clearpassword') &&
    optionalString('epoch') &&
    (lastSeq === undefined || Number.isInteger(lastSeq)) &&
    (prefs === undefined || isRecord(prefs))
  );
}

/** A BCP 47 tag's shape: `it`, `pt-BR`, `zh-Hant-TW`. */
const LANGUAGE = /^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** RFC 5646 §4.4.1: 35 characters hold any tag a phone would be asked for. */
const MAX_LANGUAGE = 35;
const MAX_AUTO_ANSWER_DELAY = 60;

/**
 * The host's phone preferences, read as a tolerant reader: each own field that is well formed
 * is kept, every other one (malformed, unknown, inherited) is dropped, and a value that is not
 * an object gives `{}`. Auto-answer is kept only whole: `enabled` a boolean and `delaySeconds`
 * a whole number from 0 to 60, since answering calls on a guess is worse than not at all.
 */
export function checkPrefs(value: unknown): PhonePrefs {
  const prefs: PhonePrefs = {};
  if (!isRecord(value)) return prefs;
  const language = own(value, 'language');
  if (typeof language === 'string' && language.length <= MAX_LANGUAGE && LANGUAGE.test(language)) prefs.language = language;
  const autoAnswer = own(value, 'autoAnswer');
  if (isRecord(autoAnswer)) {
    const enabled = own(autoAnswer, 'enabled');
    const delaySeconds = own(autoAnswer, 'delaySeconds');
    const delayOk = typeof delaySeconds === 'number' && Number.isInteger(delaySeconds) && delaySeconds >= 0 && delaySeconds <= MAX_AUTO_ANSWER_DELAY;
    if (typeof enabled === 'boolean' && delayOk) prefs.autoAnswer = { enabled, delaySeconds };
  }
  const shortcuts = own(value, 'shortcuts');
  if (typeof shortcuts === 'boolean') prefs.shortcuts = shortcuts;
  return prefs;
}

/** Host side: is this something the widget sends over the port? */
export function isWidgetMessage(value: unknown): value is WidgetToHostMessage {
  if (!isRecord(value) || own(value, 'ns') !== NS) return false;
  const type = own(value, 'type');
  if (type === 'event') return typeof own(value, 'name') === 'string' && Number.isInteger(own(value, 'seq'));
  if (type === 'result') return typeof own(value, 'ok') === 'boolean';
  if (type === 'welcome') return typeof own(value, 'epoch') === 'string';
  return type === 'refused';
}
