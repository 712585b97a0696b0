import { actionNames, themeTokenNames, type ActionName, type SubmitAfterCallWork, type ThemeTokens } from './actions.js';
import { upgradeMessage } from './compat.js';
import { ErrorCode, ringsideError, type RingsideError } from './errors.js';
import { checkString, invalid, isRecord, MAX_NOTES, own, type Checked } from './guards.js';
import { NS, PROTOCOL_VERSION, type ActionMessage, type Group } from './messages.js';
import type { ChosenAgentState } from './status.js';
import { ACTIVITY_TEXT_LIMITS, MAX_ACTIVITY_ATTEMPTS, triggerActivityKinds, type TriggerActivity } from './triggers/activity.js';

/**
 * The check of each action a host sends: its envelope and its data, field by field. Not
 * exported from the protocol's index: the phone loads it with the first action a host sends
 * (widget/services/host-bridge.ts), since the phone needs none of it to log in and ring.
 */

const groups: readonly Group[] = ['agent', 'report', 'message'];
const knownActions = new Set<string>(actionNames);
const MAX_CTI_VARIABLES = 50;

const DIALABLE = /^[+]?[0-9A-Za-z*#._-]+$/;
const CALL_ID = /^[A-Za-z0-9_-]+$/;
const CTI_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

function checkCallTarget(data: unknown): Checked<{ callId?: string } | undefined> {
  if (data === undefined || data === null) return { ok: true, value: undefined };
  if (!isRecord(data)) return invalid('data must be an object');
  const callId = own(data, 'callId');
  if (callId === undefined) return { ok: true, value: {} };
  const error = checkString(callId, 'data.callId', CALL_ID);
  return error ? { ok: false, error } : { ok: true, value: { callId: callId as string } };
}

function checkCtiData(value: unknown): Checked<Record<string, string>> {
  if (!isRecord(value)) return invalid('data.ctiData must be an object');
  const variables = own(value, 'variables');
  if (variables === undefined) return { ok: true, value: {} };
  if (!isRecord(variables)) return invalid('data.ctiData.variables must be an object');
  const keys = Object.keys(variables);
  if (keys.length > MAX_CTI_VARIABLES) return invalid(`data.ctiData.variables has more than ${MAX_CTI_VARIABLES} entries`);
  const out: Record<string, string> = Object.create(null);
  for (const key of keys) {
    if (!CTI_NAME.test(key)) return invalid(`data.ctiData.variables has a bad name: ${key.slice(0, 40)}`);
    const error = checkString(variables[key], `data.ctiData.variables.${key}`, /^[^\r\n\0]*$/);
    if (error) return { ok: false, error };
    out[key] = variables[key] as string;
  }
  return { ok: true, value: out };
}

const COLOR = /^(?:#[0-9a-fA-F]{3,8}|(?:rgb|rgba|hsl|hsla)\([0-9.,%\s/]{1,60}\)|[a-zA-Z]{3,20})$/;
const FONT = /^[A-Za-z0-9 ,'"-]{1,120}$/;
const RADIUS = /^\d{1,2}(?:\.\d)?px$/;

/** Theme values are checked by shape, so nothing but a colour, a font list or a radius gets in. */
function checkTheme(data: unknown): Checked<{ theme: ThemeTokens }> {
  if (!isRecord(data) || !isRecord(own(data, 'theme'))) return invalid('setTheme needs data: {theme: {…}}');
  const theme = own(data, 'theme') as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const key of Object.keys(theme)) {
    if (!(themeTokenNames as readonly string[]).includes(key)) return invalid(`data.theme.${key.slice(0, 40)} is not a theme token`);
    const value = theme[key];
    const pattern = key === 'font' ? FONT : key === 'radius' ? RADIUS : COLOR;
    const error = checkString(value, `data.theme.${key}`, pattern);
    if (error) return { ok: false, error };
    out[key] = value as string;
  }
  return { ok: true, value: { theme: out } };
}

const DTMF = /^[0-9A-Da-d*#]{1,32}$/;
const REASON = /^[A-Za-z0-9 _.-]{1,64}$/;
const none = (): Checked<undefined> => ({ ok: true, value: undefined });

function checkDtmf(data: unknown): Checked<{ dtmf: string; callId?: string }> {
  if (!isRecord(data)) return invalid('sendDTMF needs data: {dtmf}');
  const dtmf = own(data, 'dtmf');
  const error = checkString(dtmf, 'data.dtmf', DTMF);
  if (error) return { ok: false, error };
  const target = checkCallTarget({ callId: own(data, 'callId') });
  if (!target.ok) return target;
  return { ok: true, value: { dtmf: dtmf as string, ...target.value } };
}

function checkNotReady(data: unknown): Checked<{ reason?: string } | undefined> {
  if (data === undefined || data === null) return { ok: true, value: undefined };
  if (!isRecord(data)) return invalid('notReady data must be an object');
  const reason = own(data, 'reason');
  if (reason === undefined) return { ok: true, value: {} };
  const error = checkString(reason, 'data.reason', REASON);
  return error ? { ok: false, error } : { ok: true, value: { reason: reason as string } };
}

/** Notes may be long and span lines; other control characters are refused. */
const NOTES = /^[^\0-\x08\x0b\x0c\x0e-\x1f\x7f]*$/;
const CHOSEN_STATES: readonly ChosenAgentState[] = ['ready', 'not_ready', 'dnd'];
const DISPOSITION = /^[A-Za-z0-9_.-]{1,32}$/;

function checkNotes(value: unknown, field: string): RingsideError | null {
  if (typeof value !== 'string') return ringsideError(ErrorCode.InvalidData, `${field} must be a string`);
  if (value.length > MAX_NOTES) return ringsideError(ErrorCode.InvalidData, `${field} is longer than ${MAX_NOTES} characters`);
  return NOTES.test(value) ? null : ringsideError(ErrorCode.InvalidData, `${field} has control characters that are not allowed`);
}

/** A chosen state and, for not ready only, a reason code. */
function checkChosenState(state: unknown, reason: unknown, field: string): Checked<{ state: ChosenAgentState; reason?: string }> {
  if (!CHOSEN_STATES.includes(state as ChosenAgentState)) return invalid(`${field} must be one of ready, not_ready, dnd`);
  if (reason === undefined) return { ok: true, value: { state: state as ChosenAgentState } };
  if (state !== 'not_ready') return invalid('data.reason is only for not_ready');
  const error = checkString(reason, 'data.reason', REASON);
  return error ? { ok: false, error } : { ok: true, value: { state: 'not_ready', reason: reason as string } };
}

function checkSetAgentState(data: unknown): Checked<{ state: ChosenAgentState; reason?: string }> {
  if (!isRecord(data)) return invalid('setAgentState needs data: {state}');
  return checkChosenState(own(data, 'state'), own(data, 'reason'), 'data.state');
}

function checkSubmitAfterCallWork(data: unknown): Checked<SubmitAfterCallWork | undefined> {
  if (data === undefined || data === null) return { ok: true, value: undefined };
  if (!isRecord(data)) return invalid('submitAfterCallWork data must be an object');
  const value: SubmitAfterCallWork = {};
  const target = checkCallTarget({ callId: own(data, 'callId') });
  if (!target.ok) return target;
  if (target.value?.callId) value.callId = target.value.callId;
  const disposition = own(data, 'disposition');
  if (disposition !== undefined) {
    const error = checkString(disposition, 'data.disposition', DISPOSITION);
    if (error) return { ok: false, error };
    value.disposition = disposition as string;
  }
  const notes = own(data, 'notes');
  if (notes !== undefined) {
    const error = checkNotes(notes, 'data.notes');
    if (error) return { ok: false, error };
    value.notes = notes as string;
  }
  const nextState = own(data, 'nextState');
  const reason = own(data, 'reason');
  if (nextState !== undefined) {
    const next = checkChosenState(nextState, reason, 'data.nextState');
    if (!next.ok) return next;
    value.nextState = next.value.state;
    if (next.value.reason) value.reason = next.value.reason;
  } else if (reason !== undefined) {
    return invalid('data.reason needs data.nextState: not_ready');
  }
  return { ok: true, value };
}

function checkSetCallNotes(data: unknown): Checked<{ notes: string; callId?: string }> {
  if (!isRecord(data)) return invalid('setCallNotes needs data: {notes}');
  const notes = own(data, 'notes');
  const error = checkNotes(notes, 'data.notes');
  if (error) return { ok: false, error };
  const target = checkCallTarget({ callId: own(data, 'callId') });
  if (!target.ok) return target;
  return { ok: true, value: { notes: notes as string, ...target.value } };
}

function checkSetCti(data: unknown): Checked<{ ctiData: { variables: Record<string, string> } }> {
  if (!isRecord(data) || own(data, 'ctiData') === undefined) return invalid('setCtiData needs data: {ctiData}');
  const variables = checkCtiData(own(data, 'ctiData'));
  return variables.ok ? { ok: true, value: { ctiData: { variables: variables.value } } } : variables;
}

function checkTransfer(data: unknown): Checked<{ extension: string; callId?: string }> {
  if (!isRecord(data)) return invalid('a transfer needs data: {extension}');
  const extension = own(data, 'extension');
  const error = checkString(extension, 'data.extension', DIALABLE);
  if (error) return { ok: false, error };
  const target = checkCallTarget({ callId: own(data, 'callId') });
  if (!target.ok) return target;
  return { ok: true, value: { extension: extension as string, ...target.value } };
}

/** `getCallHistory`'s page: `limit` a whole number from 1 to 500, `before` a time in ms since the epoch. */
function checkHistoryQuery(data: unknown): Checked<{ limit?: number; before?: number } | undefined> {
  if (data === undefined || data === null) return { ok: true, value: undefined };
  if (!isRecord(data)) return invalid('getCallHistory data must be an object');
  const limit = own(data, 'limit');
  const before = own(data, 'before');
  if (limit !== undefined && !(typeof limit === 'number' && Number.isInteger(limit) && limit >= 1 && limit <= 500)) return invalid('data.limit must be a whole number from 1 to 500');
  if (before !== undefined && !(typeof before === 'number' && Number.isInteger(before) && before > 0)) return invalid('data.before must be a time in milliseconds since the epoch');
  return { ok: true, value: { ...(limit === undefined ? {} : { limit: limit as number }), ...(before === undefined ? {} : { before: before as number }) } };
}

/** `showNotice`: printable text of at most 256 characters; `seconds` a whole number from 1 to 60. */
function checkShowNotice(data: unknown): Checked<{ text: string; seconds?: number }> {
  if (!isRecord(data)) return invalid('showNotice needs data: {text}');
  const text = own(data, 'text');
  const seconds = own(data, 'seconds');
  const error = checkString(text, 'data.text', /^[^\p{Cc}]*$/u);
  if (error) return { ok: false, error };
  if (seconds !== undefined && !(typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 1 && seconds <= 60)) return invalid('data.seconds must be a whole number from 1 to 60');
  return { ok: true, value: seconds === undefined ? { text: text as string } : { text: text as string, seconds } };
}

/** `setDispositionCodes`: at most 100 `{code, label}`, codes as `submitAfterCallWork` takes them and each once, labels printable. */
function checkDispositionCodes(data: unknown): Checked<{ codes: { code: string; label: string }[] }> {
  const codes = isRecord(data) ? own(data, 'codes') : undefined;
  if (!Array.isArray(codes) || codes.length > 100) return invalid('setDispositionCodes needs data: {codes: [{code, label}, …]} (at most 100)');
  const out: { code: string; label: string }[] = [];
  for (const [i, item] of codes.entries()) {
    if (!isRecord(item)) return invalid(`data.codes[${i}] must be {code, label}`);
    const code = own(item, 'code');
    const label = own(item, 'label');
    const error = checkString(code, `data.codes[${i}].code`, DISPOSITION) ?? checkString(label, `data.codes[${i}].label`, /^[^\p{Cc}]{1,64}$/u);
    if (error) return { ok: false, error };
    if (out.some((known) => known.code === code)) return invalid(`data.codes[${i}].code is listed twice`);
    out.push({ code: code as string, label: label as string });
  }
  return { ok: true, value: { codes: out } };
}

const PRINTABLE = /^[^\p{Cc}]*$/u;
const TRIGGER_MODES = ['window', 'reuse', 'background', 'route'];

/** What a page may report: `offered` is the phone's own (a button in the phone). */
const PAGE_KINDS = triggerActivityKinds.filter((kind) => kind !== 'offered');

/**
 * `logTriggerActivity`: 1 to 20 steps, each `{kind, trigger, event, eventId}` and the optional
 * fields of its kind, every one checked by shape and length (ACTIVITY_TEXT_LIMITS); only known
 * fields are copied. The log shows them as text, labelled as the CRM page's.
 */
function checkTriggerActivity(data: unknown): Checked<{ activity: TriggerActivity[] }> {
  const list = isRecord(data) ? own(data, 'activity') : undefined;
  if (!Array.isArray(list) || list.length < 1 || list.length > 20) return invalid('logTriggerActivity needs data: {activity: [{kind, trigger, event, eventId, …}, …]} (1 to 20)');
  const activity: TriggerActivity[] = [];
  for (const [i, item] of list.entries()) {
    const at = `data.activity[${i}]`;
    if (!isRecord(item)) return invalid(`${at} must be {kind, trigger, event, eventId, …}`);
    const kind = own(item, 'kind');
    if (!(PAGE_KINDS as readonly unknown[]).includes(kind)) return invalid(`${at}.kind must be one of ${PAGE_KINDS.join(', ')}`);
    const out: Record<string, unknown> = { kind };
    // [field, required, pattern]
    const texts: [keyof typeof ACTIVITY_TEXT_LIMITS, boolean, RegExp][] = [
      ['trigger', true, PRINTABLE],
      ['event', true, PRINTABLE],
      ['eventId', true, /^[A-Za-z0-9-]*$/],
      ['url', false, PRINTABLE],
      ['code', false, /^[a-z_]+$/],
      ['message', false, PRINTABLE],
      ['field', false, PRINTABLE],
    ];
    for (const [name, required, pattern] of texts) {
      const longest = ACTIVITY_TEXT_LIMITS[name];
      const value = own(item, name);
      if (value === undefined && !required) continue;
      if (typeof value !== 'string' || value.length > longest || !pattern.test(value)) return invalid(`${at}.${name} must be text of at most ${longest} characters${name === 'code' ? ' (a lower-case code)' : ''}`);
      out[name] = value;
    }
    const mode = own(item, 'mode');
    if (mode !== undefined && !TRIGGER_MODES.includes(mode as string)) return invalid(`${at}.mode must be one of ${TRIGGER_MODES.join(', ')}`);
    const delivery = own(item, 'delivery');
    if (delivery !== undefined && delivery !== 'confirmed' && delivery !== 'sent') return invalid(`${at}.delivery must be confirmed or sent`);
    for (const [name, most] of [['status', 999], ['attempts', MAX_ACTIVITY_ATTEMPTS]] as const) {
      const value = own(item, name);
      if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0 && (value as number) <= most)) return invalid(`${at}.${name} must be a whole number from 0 to ${most}`);
      if (value !== undefined) out[name] = value;
    }
    const willRetry = own(item, 'willRetry');
    if (willRetry !== undefined && typeof willRetry !== 'boolean') return invalid(`${at}.willRetry must be true or false`);
    activity.push({ ...out, ...(mode === undefined ? {} : { mode }), ...(delivery === undefined ? {} : { delivery }), ...(willRetry === undefined ? {} : { willRetry }) } as unknown as TriggerActivity);
  }
  return { ok: true, value: { activity } };
}

type DataChecker = (data: unknown) => Checked<unknown>;

const dataCheckers: { [N in ActionName]: DataChecker } = {
  queryStatus: () => ({ ok: true, value: undefined }),
  getCallStats: checkCallTarget,
  setTheme: checkTheme,
  ready: none,
  notReady: checkNotReady,
  setAgentState: checkSetAgentState,
  getAfterCallWork: none,
  submitAfterCallWork: checkSubmitAfterCallWork,
  setCallNotes: checkSetCallNotes,
  logout: none,
  hold: checkCallTarget,
  unhold: checkCallTarget,
  sendDTMF: checkDtmf,
  setCtiData: checkSetCti,
  getCtiData: none,
  removeCtiData: none,
  turnOnCamera: checkCallTarget,
  turnOfCamera: checkCallTarget,
  turnOffCamera: checkCallTarget,
  toggleCamera: checkCallTarget,
  conference: none,
  leaveConference: none,
  blindTransfer: checkTransfer,
  attendedTransfer: checkTransfer,
  completeAttendedTransfer: none,
  cancelAttendedTransfer: none,
  changeActiveLine: none,
  getCallHistory: checkHistoryQuery,
  clearCallHistory: none,
  showNotice: checkShowNotice,
  setDispositionCodes: checkDispositionCodes,
  logTriggerActivity: checkTriggerActivity,
  answer: checkCallTarget,
  reject: checkCallTarget,
  hangUp: checkCallTarget,
  mute: checkCallTarget,
  unmute: checkCallTarget,
  dial(data) {
    if (!isRecord(data)) return invalid('dial needs data: {numberToDial}');
    const number = own(data, 'numberToDial');
    const error = checkString(number, 'data.numberToDial', DIALABLE);
    if (error) return { ok: false, error };
    const cti = own(data, 'ctiData');
    if (cti === undefined) return { ok: true, value: { numberToDial: number } };
    const variables = checkCtiData(cti);
    if (!variables.ok) return variables;
    return { ok: true, value: { numberToDial: number, ctiData: { variables: variables.value } } };
  },
};

/** What `parseAction` gives: the checked action, or an error plus whatever ids it could read. */
export type ParsedAction =
  | { ok: true; action: ActionMessage }
  | { ok: false; error: RingsideError; id?: string; name: string; group: Group };

/**
 * Turns an `unknown` message that {@link looksLikeAction} into a checked action. Only own,
 * known fields are copied, so prototype keys and extra fields never reach the phone.
 */
export function parseAction(raw: Record<string, unknown>): ParsedAction {
  const idValue = own(raw, 'id');
  const id = typeof idValue === 'string' && idValue.length <= 64 ? idValue : undefined;
  const nameValue = own(raw, 'name');
  const name = typeof nameValue === 'string' ? nameValue.slice(0, 64) : '';
  const groupValue = own(raw, 'group');
  const group: Group = groups.includes(groupValue as Group) ? (groupValue as Group) : 'agent';
  const fail = (error: RingsideError): ParsedAction => ({ ok: false, error, id, name, group });

  const upgraded = upgradeMessage(raw);
  if (!upgraded.ok) return fail(upgraded.error);
  if (idValue !== undefined && id === undefined) return fail(ringsideError(ErrorCode.InvalidData, 'id must be a string of at most 64 characters'));
  if (!groups.includes(groupValue as Group)) return fail(ringsideError(ErrorCode.InvalidData, 'group must be one of agent, report, message'));
  if (typeof nameValue !== 'string') return fail(ringsideError(ErrorCode.InvalidData, 'name must be a string'));
  if (!knownActions.has(nameValue)) return fail(ringsideError(ErrorCode.UnknownAction, `unknown action: ${name}`));
  const checked = dataCheckers[nameValue as ActionName](own(raw, 'data'));
  if (!checked.ok) return fail(checked.error);
  const action = { type: 'action', group, name: nameValue, data: checked.value, ns: NS, v: PROTOCOL_VERSION, id } as ActionMessage;
  return { ok: true, action };
}

