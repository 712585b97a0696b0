import { referPolicies, type ReferPolicy } from '../config.js';
import { checkTrigger, MAX_TRIGGERS, type TriggerConfig, type TriggerMode } from '../../src/protocol/triggers/validate.js';

/**
 * A tenant's settings, and the one validator that every way in (admin API, admin page, CLI)
 * goes through. Errors name the field (`settings.dispositionCodes[2].code`), so the page can
 * show each at its field.
 */
/** A tenant trigger's `target`: the element's mode, with `new` for `window`. */
export const TRIGGER_TARGETS = ['new', 'reuse', 'background', 'route'] as const;

export interface CodeLabel {
  code: string;
  label: string;
}

/**
 * A tenant's URL trigger (README "URL triggers"): checked by the element's own checker
 * (src/protocol/triggers/validate.ts), with `target` for its mode: `new` is a `window` trigger,
 * `route` changes the CRM page's own hash route or path.
 */
export interface UrlTrigger {
  /** A trigger event (`inbound.received`, `acd.missed`, …) or a protocol event name (`OnIncomingCallRinging`). */
  event: string;
  /** An http(s) URL template, e.g. `https://crm.example.com/search?phone=<%CALLERID%>`; for `route`, `#/…` or `/…`. */
  url: string;
  target: (typeof TRIGGER_TARGETS)[number];
  name?: string;
  method?: 'GET' | 'POST';
  body?: TriggerConfig['body'];
  when?: TriggerConfig['when'];
}

/** How the phone sends keypad tones: RTP telephone-events (RFC 4733) or SIP INFO. */
export const dtmfModes = ['rfc4733', 'info'] as const;
export type DtmfMode = (typeof dtmfModes)[number];

/** The range of `ringTimeoutSeconds`: long enough to pick up, short of a forgotten phone ringing forever. */
export const RING_TIMEOUT = { min: 5, max: 300 } as const;

/** The range of `historyDays`: a day at least, a year at most. */
export const HISTORY_DAYS = { min: 1, max: 365 } as const;

export interface TenantSettings {
  referPolicy: ReferPolicy;
  /** Numbers that are internal extensions (regular expression source). */
  internalExtensionPattern: string;
  notReadyReasons: CodeLabel[];
  dispositionCodes: CodeLabel[];
  afterCallWork: { enabled: boolean; maxSeconds: number; requireDisposition: boolean };
  urlTriggers: UrlTrigger[];
  /** TURN/STUN server URLs handed to phones (`turn:turn.example.com:3478?transport=udp`), each one `isIceServerUrl`. */
  turnServers: string[];
  defaultLanguage: string;
  dtmfMode: DtmfMode;
  /** After this long an unanswered inbound call is missed: the phone declines it with 480. */
  ringTimeoutSeconds: number;
  /** Whether agents' auto-answer option may be used at all. */
  allowAutoAnswer: boolean;
  /**
   * While the agent is not ready, the phone refuses queue calls (`X-Queue`) with this status so
   * the queue routes them elsewhere: 486 Busy Here (the default) or 480 Temporarily Unavailable.
   */
  notReadyRejectStatus: 486 | 480;
  /** Whether direct calls (no queue) still ring while the agent is not ready; if not, they are refused too. */
  notReadyDirectCalls: boolean;
  /** `POST /api/tokens` with a profile creates or updates the agent (a CRM needs no second user list). */
  jitAgents: boolean;
  /** Header names, besides the built-in ones, that only the network may set. */
  trustedHeaders: string[];
  /** Days each agent's phone keeps its call history (in the browser's IndexedDB; at most 500 calls). */
  historyDays: number;
  /**
   * A CCaaS wrapper library the host SDK loads into the CRM page and drives (README "CCaaS
   * wrapper library"): an https URL (http only on a loopback host, for development); `''` = none.
   */
  wrapperUrl: string;
  /** The wrapper's `softphoneId` for each agent state: `{"<id>": "ready" | "dnd" | "after_call_work" | "not_ready" | "not_ready:<reason>"}`. */
  wrapperPresence: Record<string, string>;
}

export const defaultSettings: TenantSettings = {
  referPolicy: 'never',
  internalExtensionPattern: '^[0-9]{2,5}$',
  notReadyReasons: [
    { code: 'break', label: 'Break' },
    { code: 'lunch', label: 'Lunch' },
    { code: 'meeting', label: 'Meeting' },
  ],
  dispositionCodes: [
    { code: 'resolved', label: 'Resolved' },
    { code: 'callback', label: 'Call back' },
  ],
  afterCallWork: { enabled: true, maxSeconds: 120, requireDisposition: false },
  urlTriggers: [],
  turnServers: [],
  defaultLanguage: 'en',
  dtmfMode: 'rfc4733',
  ringTimeoutSeconds: 45,
  allowAutoAnswer: true,
  notReadyRejectStatus: 486,
  notReadyDirectCalls: true,
  jitAgents: true,
  trustedHeaders: [],
  historyDays: 30,
  wrapperUrl: '',
  wrapperPresence: {},
};

export interface FieldError {
  field: string;
  message: string;
}

type Check<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const CODE = /^[A-Za-z0-9_.-]{1,32}$/;
const LABEL = /^[^\p{Cc}]{1,64}$/u;
const HEADER = /^[A-Za-z0-9-]{1,64}$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const PRESENCE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const PRESENCE_STATE = /^(ready|dnd|after_call_work|not_ready(:[A-Za-z0-9_.-]{1,32})?)$/;

/**
 * A wrapper library's URL: the CRM page runs it with its own rights, so https only, and http
 * only on a loopback host (a developer's machine). No credentials in it, at most 2,048 characters.
 */
export function isWrapperUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 2048) return false;
  try {
    const url = new URL(value);
    if (url.username || url.password) return false;
    if (url.protocol === 'https:') return url.hostname !== '';
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/**
 * A STUN or TURN URL that `RTCPeerConnection` accepts in `iceServers[].urls` (RFC 7064, 7065):
 * `stun(s):host[:port]` or `turn(s):host[:port][?transport=udp|tcp]`; host a name, IPv4 or
 * `[IPv6]`. A browser refuses the whole peer connection for one malformed URL, so none is stored.
 */
export function isIceServerUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 256) return false;
  const match = /^(stuns?|turns?):([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?(\?transport=(?:udp|tcp))?$/.exec(value);
  if (!match) return false;
  const [, scheme = '', , port, transport] = match;
  return (port === undefined || (Number(port) >= 1 && Number(port) <= 65535)) && (transport === undefined || scheme.startsWith('turn'));
}

/** An origin exactly (`https://crm.example.com`), http(s) only. */
export function isOrigin(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

function codeLabels(value: unknown, field: string, errors: FieldError[]): CodeLabel[] {
  if (!Array.isArray(value) || value.length > 100) {
    errors.push({ field, message: 'must be a list of at most 100 {code, label}' });
    return [];
  }
  const seen = new Set<string>();
  return value.flatMap((item, i) => {
    const at = `${field}[${i}]`;
    if (!isRecord(item)) return errors.push({ field: at, message: 'must be {code, label}' }), [];
    if (typeof item.code !== 'string' || !CODE.test(item.code)) return errors.push({ field: `${at}.code`, message: 'letters, digits, "_", "." or "-", 1 to 32' }), [];
    if (seen.has(item.code)) return errors.push({ field: `${at}.code`, message: `"${item.code}" is listed twice` }), [];
    if (typeof item.label !== 'string' || !LABEL.test(item.label)) return errors.push({ field: `${at}.label`, message: '1 to 64 printable characters' }), [];
    seen.add(item.code);
    return [{ code: item.code, label: item.label }];
  });
}

/**
 * Reads `input` (a partial settings object) over `base`: fields left out keep their value.
 * Unknown fields are errors, so a typo is not silently ignored.
 */
export function parseSettings(input: unknown, base: TenantSettings = defaultSettings, prefix = 'settings'): Check<TenantSettings> {
  const errors: FieldError[] = [];
  if (!isRecord(input)) return { ok: false, errors: [{ field: prefix, message: 'must be an object' }] };
  const value: TenantSettings = structuredClone(base);
  const at = (name: string) => `${prefix}.${name}`;
  for (const [key, raw] of Object.entries(input)) {
    switch (key) {
      case 'referPolicy':
        if ((referPolicies as readonly unknown[]).includes(raw)) value.referPolicy = raw as ReferPolicy;
        else errors.push({ field: at(key), message: `one of ${referPolicies.join(', ')}` });
        break;
      case 'internalExtensionPattern':
        if (typeof raw === 'string' && raw.length <= 200 && compiles(raw)) value.internalExtensionPattern = raw;
        else errors.push({ field: at(key), message: 'a regular expression of at most 200 characters' });
        break;
      case 'notReadyReasons':
        value.notReadyReasons = codeLabels(raw, at(key), errors);
        break;
      case 'dispositionCodes':
        value.dispositionCodes = codeLabels(raw, at(key), errors);
        break;
      case 'afterCallWork': {
        if (!isRecord(raw)) {
          errors.push({ field: at(key), message: 'must be {enabled, maxSeconds, requireDisposition}' });
          break;
        }
        const { enabled = value.afterCallWork.enabled, maxSeconds = value.afterCallWork.maxSeconds, requireDisposition = value.afterCallWork.requireDisposition, ...rest } = raw;
        if (typeof enabled !== 'boolean') errors.push({ field: `${at(key)}.enabled`, message: 'true or false' });
        if (typeof maxSeconds !== 'number' || !Number.isInteger(maxSeconds) || maxSeconds < 0 || maxSeconds > 3600) errors.push({ field: `${at(key)}.maxSeconds`, message: 'a whole number of seconds from 0 to 3600' });
        if (typeof requireDisposition !== 'boolean') errors.push({ field: `${at(key)}.requireDisposition`, message: 'true or false' });
        for (const extra of Object.keys(rest)) errors.push({ field: `${at(key)}.${extra}`, message: 'is not a setting' });
        value.afterCallWork = { enabled: enabled as boolean, maxSeconds: maxSeconds as number, requireDisposition: requireDisposition as boolean };
        break;
      }
      case 'urlTriggers':
        value.urlTriggers = triggers(raw, at(key), errors);
        break;
      case 'turnServers':
        if (Array.isArray(raw) && raw.length <= 10 && raw.every(isIceServerUrl)) value.turnServers = raw as string[];
        else errors.push({ field: at(key), message: 'a list of at most 10 URLs like turn:host:3478?transport=udp or stun:host (turn:, turns:, stun:, stuns:)' });
        break;
      case 'defaultLanguage':
        if (typeof raw === 'string' && LANGUAGE.test(raw)) value.defaultLanguage = raw;
        else errors.push({ field: at(key), message: 'a language tag like en or pt-BR' });
        break;
      case 'dtmfMode':
        if ((dtmfModes as readonly unknown[]).includes(raw)) value.dtmfMode = raw as DtmfMode;
        else errors.push({ field: at(key), message: `one of ${dtmfModes.join(', ')}` });
        break;
      case 'ringTimeoutSeconds':
        if (typeof raw === 'number' && Number.isInteger(raw) && raw >= RING_TIMEOUT.min && raw <= RING_TIMEOUT.max) value.ringTimeoutSeconds = raw;
        else errors.push({ field: at(key), message: `a whole number of seconds from ${RING_TIMEOUT.min} to ${RING_TIMEOUT.max}` });
        break;
      case 'allowAutoAnswer':
        if (typeof raw === 'boolean') value.allowAutoAnswer = raw;
        else errors.push({ field: at(key), message: 'true or false' });
        break;
      case 'notReadyRejectStatus':
        if (raw === 486 || raw === 480) value.notReadyRejectStatus = raw;
        else errors.push({ field: at(key), message: '486 or 480' });
        break;
      case 'notReadyDirectCalls':
        if (typeof raw === 'boolean') value.notReadyDirectCalls = raw;
        else errors.push({ field: at(key), message: 'true or false' });
        break;
      case 'jitAgents':
        if (typeof raw === 'boolean') value.jitAgents = raw;
        else errors.push({ field: at(key), message: 'true or false' });
        break;
      case 'trustedHeaders':
        if (Array.isArray(raw) && raw.length <= 20 && raw.every((h) => typeof h === 'string' && HEADER.test(h))) value.trustedHeaders = raw as string[];
        else errors.push({ field: at(key), message: 'a list of at most 20 header names' });
        break;
      case 'historyDays':
        if (typeof raw === 'number' && Number.isInteger(raw) && raw >= HISTORY_DAYS.min && raw <= HISTORY_DAYS.max) value.historyDays = raw;
        else errors.push({ field: at(key), message: `a whole number of days from ${HISTORY_DAYS.min} to ${HISTORY_DAYS.max}` });
        break;
      case 'wrapperUrl':
        if (raw === '' || isWrapperUrl(raw)) value.wrapperUrl = raw as string;
        else errors.push({ field: at(key), message: 'an https:// URL (http:// only on localhost, 127.0.0.1 or [::1]), or "" for none' });
        break;
      case 'wrapperPresence':
        if (isRecord(raw) && Object.keys(raw).length <= 50 && Object.entries(raw).every(([id, state]) => PRESENCE_ID.test(id) && typeof state === 'string' && PRESENCE_STATE.test(state))) value.wrapperPresence = { ...(raw as Record<string, string>) };
        else errors.push({ field: at(key), message: 'at most 50 entries {"<softphoneId>": "ready" | "dnd" | "after_call_work" | "not_ready" | "not_ready:<reason code>"}' });
        break;
      default:
        errors.push({ field: at(key), message: 'is not a setting' });
    }
  }
  // A required disposition with none to choose from would keep every wrap-up open until logout.
  if (value.afterCallWork.enabled && value.afterCallWork.requireDisposition && value.dispositionCodes.length === 0) {
    errors.push({ field: `${prefix}.afterCallWork.requireDisposition`, message: 'needs at least one disposition code to choose from' });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** A tenant trigger's `target`, as the element's checker names the mode. */
const MODE_OF_TARGET: Record<UrlTrigger['target'], TriggerMode> = { new: 'window', reuse: 'reuse', background: 'background', route: 'route' };

/**
 * Checked by the element's own checker, so what the admin saves is what the phone runs: each
 * refusal names its field and ends with a code, the checker's (`unknown_key`,
 * `scheme_not_allowed`, …) or, for what only a tenant trigger has (`target`), the checker's
 * code for the same fault (`unknown_mode`).
 */
function triggers(value: unknown, field: string, errors: FieldError[]): UrlTrigger[] {
  if (!Array.isArray(value)) {
    errors.push({ field, message: 'must be a list of {event, url, target} (not_a_list)' });
    return [];
  }
  if (value.length > MAX_TRIGGERS) {
    errors.push({ field, message: `at most ${MAX_TRIGGERS} triggers (too_many_triggers)` });
    return [];
  }
  const names = new Set<string>();
  return value.flatMap((item, i) => {
    const at = `${field}[${i}]`;
    if (!isRecord(item)) return errors.push({ field: at, message: 'must be {event, url, target} (not_an_object)' }), [];
    const { target, ...rest } = item;
    if ('mode' in rest) return errors.push({ field: `${at}.mode`, message: `a tenant trigger names its mode with target (${TRIGGER_TARGETS.join(', ')}) (unknown_field)` }), [];
    if (!(TRIGGER_TARGETS as readonly unknown[]).includes(target)) {
      return errors.push({ field: `${at}.target`, message: `one of ${TRIGGER_TARGETS.join(', ')}: new (a new window each time), reuse (one window), background (a request), route (the CRM page's own route) (unknown_mode)` }), [];
    }
    const checked = checkTrigger({ ...rest, mode: MODE_OF_TARGET[target as UrlTrigger['target']] }, i);
    if (!checked.ok) {
      const problem = checked.problem;
      return errors.push({ field: problem.field ? `${at}.${problem.field}` : at, message: `${problem.message} (${problem.code})` }), [];
    }
    if (checked.value.name && names.has(checked.value.name)) return errors.push({ field: `${at}.name`, message: 'another trigger has this name (duplicate_name)' }), [];
    if (checked.value.name) names.add(checked.value.name);
    return [{ ...(rest as Omit<UrlTrigger, 'target'>), target: target as UrlTrigger['target'] }];
  });
}
