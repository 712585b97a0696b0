/**
 * Reading a Refer-To header value (RFC 3515) that came from the far end of a call. The far
 * end is anyone who can call the agent, so nothing here trusts it: the value is reduced to a
 * user part and, for an attended transfer, the parts of one Replaces header (RFC 3891).
 * The phone then builds the INVITE from those parts and the tenant's own domain; it never
 * dials the URI it was sent. Pure, so the rules are table-tested (refer-to.test.ts).
 */

/** The dialog an attended transfer's INVITE replaces, in the parts the header is rebuilt from. */
export interface Replaces {
  callId: string;
  toTag: string;
  fromTag: string;
  earlyOnly: boolean;
}

/** A Refer-To reduced to what the phone acts on. */
export interface ReferTarget {
  /** The user part, percent-decoded (so `#` may appear), to be dialled at the tenant's domain. */
  user: string;
  replaces: Replaces | null;
}

/** Why a Refer-To was not accepted; `detail` says it in words for logs and hosts. */
export type ReferToProblem = 'malformed' | 'domain' | 'user' | 'headers';

export type ParsedReferTo =
  | { ok: true; target: ReferTarget }
  /** `user`: the (valid) user part, when only the headers were wrong; for reports, never dialled. */
  | { ok: false; problem: ReferToProblem; detail: string; user?: string };

const MAX_LENGTH = 1024;
// CR, LF (also as header folding), NUL and the other controls: never in a value we act on.
const CONTROL = /[\u0000-\u001f\u007f]/;
/** What a dialled number may contain (the dial pad's and the dial action's rule). */
export const DIALABLE_USER = /^[+]?[0-9A-Za-z*#._-]{1,64}$/;
// Call-ID and tags: RFC 3261 `word` / `token` characters minus the ones that quote, escape
// or delimit (`"`, `\`, `<`, `>`, `%`, `?`, `/`, `{}`, backquote), which no phone needs.
const TAG = /^[A-Za-z0-9.!*_+~'()-]{1,128}$/;
const CALL_ID = /^[A-Za-z0-9.!*_+~'()-]{1,200}(?:@[A-Za-z0-9.!*_+~'()\-:[\]]{1,200})?$/;

const fail = (problem: ReferToProblem, detail: string, user?: string): ParsedReferTo => ({ ok: false, problem, detail, ...(user ? { user } : {}) });

/**
 * Strict percent-decoding: every `%` starts a valid escape and the result is valid UTF-8.
 * `null` for anything else, so a broken escape can never be passed on half-decoded.
 */
export function strictDecode(value: string): string | null {
  if (/%(?![0-9A-Fa-f]{2})/.test(value)) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** The address inside a name-addr (`"Name" <uri>`) or a bare addr-spec; `null` if neither. */
function addressOf(value: string): string | null {
  if (!value.includes('<')) return /[\s;?,"<>]/.test(value) ? null : value;
  // A display name (quoted or plain words), then `<uri>` and nothing after it: Refer-To
  // parameters are not accepted, since none is needed to follow a transfer.
  const match = /^(?:"(?:[^"\\]|\\.)*"|[^"<]*)\s*<([^<>]*)>$/.exec(value);
  return match ? match[1]! : null;
}

/** Reads the decoded value of a Replaces header: `call-id;to-tag=…;from-tag=…[;early-only]`. */
export function parseReplaces(decoded: string): Replaces | null {
  if (CONTROL.test(decoded) || decoded.includes('%')) return null;
  const [callId = '', ...params] = decoded.split(';');
  if (!CALL_ID.test(callId.trim())) return null;
  const seen = new Map<string, string>();
  for (const param of params) {
    const [rawName = '', value, ...rest] = param.split('=');
    const name = rawName.trim().toLowerCase();
    if (rest.length || seen.has(name)) return null;
    if (name === 'early-only' && value === undefined) seen.set(name, '');
    else if ((name === 'to-tag' || name === 'from-tag') && value !== undefined && TAG.test(value.trim())) seen.set(name, value.trim());
    else return null;
  }
  const toTag = seen.get('to-tag');
  const fromTag = seen.get('from-tag');
  if (!toTag || !fromTag) return null;
  return { callId: callId.trim(), toTag, fromTag, earlyOnly: seen.has('early-only') };
}

/**
 * Parses one Refer-To value: a sip or sips URI at `domain`, with a dialable user part, no
 * password, port or URI parameters, and no URI headers but at most one well-formed Replaces.
 */
export function parseReferTo(raw: string, domain: string): ParsedReferTo {
  if (raw.length > MAX_LENGTH) return fail('malformed', 'the Refer-To is too long');
  if (CONTROL.test(raw)) return fail('malformed', 'the Refer-To contains control characters');
  const address = addressOf(raw.trim());
  if (address === null) return fail('malformed', 'the Refer-To is not a single URI or name-addr without parameters');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(address)?.[1]?.toLowerCase();
  if (scheme !== 'sip' && scheme !== 'sips') return fail('malformed', `the Refer-To scheme is ${scheme ? `"${scheme}"` : 'missing'}, not sip or sips`);
  const uri = /^[^:]+:([^@]*)@([^;?]*)(;[^?]*)?(?:\?(.*))?$/.exec(address);
  if (!uri) return fail('user', 'the Refer-To names no user');
  const [, userInfo = '', host = '', params, headers] = uri;
  if (host.toLowerCase() !== domain.toLowerCase()) return fail('domain', 'the Refer-To is not in the tenant\'s SIP domain');
  if (params !== undefined) return fail('malformed', 'URI parameters are not accepted in a Refer-To');
  const user = userInfo.includes(':') ? null : strictDecode(userInfo);
  if (user === null || !DIALABLE_USER.test(user)) return fail('user', 'the Refer-To user part is not a dialable number or name');
  if (headers === undefined) return { ok: true, target: { user, replaces: null } };
  const fields = headers.split('&');
  const [name = '', ...value] = fields[0]!.split('=');
  if (fields.length !== 1 || name.toLowerCase() !== 'replaces') return fail('headers', 'the Refer-To carries URI headers other than one Replaces', user);
  const decoded = strictDecode(value.join('='));
  const replaces = decoded === null ? null : parseReplaces(decoded);
  if (!replaces) return fail('headers', 'the Refer-To carries a malformed Replaces', user);
  return { ok: true, target: { user, replaces } };
}

export { replacesHeader, targetUri } from './sip-uri.js';
