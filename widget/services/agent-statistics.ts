import type { AgentProfile, AgentStateInfo, AgentStatus, CallInfo } from '../../src/protocol/index.js';
import { readStored, writeStored } from './stored.js';

/**
 * The agent's statistics for the `status` event (the Tegsoft document's agent block), computed
 * from what the phone saw in this login: agent-state changes and call changes. The arithmetic
 * is pure functions over a {@link LoginStatistics} record; {@link AgentStatistics} keeps the
 * record in sessionStorage (so a reload within the login keeps counting) and today's totals
 * over this browser's logins in localStorage. README's "Agent status fields" table documents
 * every field.
 */
export interface LoginStatistics {
  login: string;
  /** When the login started (ms since the epoch). */
  loginAt: number;
  /** Not ready and do-not-disturb time of past states in this login (ms). */
  notReadyMs: number;
  /** Past busy time: a call up, or after-call work (ms). */
  busyMs: number;
  /** Since when the agent is busy now; null when not busy. */
  busySince: number | null;
  /** Talk time of this login's ended calls, answer to hang-up (ms). */
  talkMs: number;
  inbound: number;
  outbound: number;
  /** Calls that connected: inbound calls the agent answered, outbound calls the far end answered. */
  answered: number;
}

const isNotReady = (state: AgentStateInfo['state']) => state === 'not_ready' || state === 'dnd';

export function freshStatistics(login: string, now: number): LoginStatistics {
  return { login, loginAt: now, notReadyMs: 0, busyMs: 0, busySince: null, talkMs: 0, inbound: 0, outbound: 0, answered: 0 };
}

/** The agent left `previous` at `now`: its time counts as not ready if it was not ready or do-not-disturb. */
export function stateLeft(stats: LoginStatistics, previous: AgentStateInfo, now: number): LoginStatistics {
  if (!isNotReady(previous.state)) return stats;
  return { ...stats, notReadyMs: stats.notReadyMs + Math.max(0, now - Math.max(previous.since, stats.loginAt)) };
}

/** A call changed: a new call counts as inbound or outbound, a connect as answered, an end adds its talk time. */
export function callChanged(stats: LoginStatistics, call: CallInfo, previous: CallInfo | null): LoginStatistics {
  if (!previous) return call.direction === 'inbound' ? { ...stats, inbound: stats.inbound + 1 } : { ...stats, outbound: stats.outbound + 1 };
  if (call.state === 'active' && previous.state !== 'active') return { ...stats, answered: stats.answered + 1 };
  if (call.state === 'ended' && previous.state !== 'ended' && call.answeredAt) return { ...stats, talkMs: stats.talkMs + talkMsOf(call, Date.parse(call.endedAt ?? call.answeredAt)) };
  return stats;
}

/** Busy (a call up, or after-call work) or not, from `now` on. */
export function busyAt(stats: LoginStatistics, busy: boolean, now: number): LoginStatistics {
  if (busy && stats.busySince === null) return { ...stats, busySince: now };
  if (!busy && stats.busySince !== null) return { ...stats, busyMs: stats.busyMs + Math.max(0, now - stats.busySince), busySince: null };
  return stats;
}

function talkMsOf(call: CallInfo, until: number): number {
  return call.answeredAt ? Math.max(0, until - Date.parse(call.answeredAt)) : 0;
}

const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));

/** Not-ready time of this login up to `now`, the current state included. */
export function notReadyMsAt(stats: LoginStatistics, state: AgentStateInfo, now: number): number {
  return stateLeft(stats, state, now).notReadyMs;
}

/** What the status needs besides the statistics. */
export interface StatusInputs {
  agent: AgentProfile;
  registered: boolean;
  state: AgentStateInfo;
  stats: LoginStatistics;
  /** The live calls (not ended). */
  calls: readonly CallInfo[];
  now: number;
  /** Today's login and not-ready time in this browser, this login included (ms). */
  today: { loginMs: number; notReadyMs: number };
  sipDomain: string;
  requireDisposition: boolean;
  autoAnswerActive: boolean;
}

/** `Test Agent` → `Test` and `Agent`: the last word is the surname, the rest the name. */
export function splitName(displayName: string): { USERNAME: string; SURNAME: string } {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2) return { USERNAME: words[0] ?? '', SURNAME: '' };
  return { USERNAME: words.slice(0, -1).join(' '), SURNAME: words[words.length - 1] ?? '' };
}

const reasonOf = (state: AgentStateInfo): string | undefined => (state.state === 'not_ready' ? state.reason : state.state === 'after_call_work' ? 'ACW' : state.state === 'dnd' ? 'DND' : undefined);

/** The Tegsoft agent block, every field of the document's sample, from this login. */
export function agentStatus(inputs: StatusInputs): AgentStatus {
  const { agent, state, stats, now } = inputs;
  const talkMs = stats.talkMs + inputs.calls.reduce((sum, call) => sum + talkMsOf(call, now), 0);
  const busyMs = busyAt(stats, false, now).busyMs;
  const reason = reasonOf(state);
  const stateSeconds = seconds(now - state.since);
  const answered = stats.answered;
  const pad = (n: number) => String(n).padStart(2, '0');
  const since = new Date(state.since);
  return {
    USERCODE: agent.userId,
    EXTEN: agent.extension,
    DISPLAYNAME: agent.displayName,
    ready: state.state === 'ready' && inputs.registered,
    ...(reason === undefined ? {} : { notReadyReason: reason }),
    phoneAccess: inputs.registered,
    agentState: state.state,
    busy: seconds(busyMs),
    lastStateChange: `${pad(since.getHours())}:${pad(since.getMinutes())}`,
    lastStateChangeDuration: stateSeconds,
    popup_mode: 'both',
    dialoutpopup: true,
    INTERFACE: `SIP/${agent.extension}`,
    REMOTEINTERFACE: `SIP/${inputs.sipDomain}/${agent.extension}`,
    EXTID: agent.extension,
    PHONETYPE: 'WebRTCPhone',
    seatType: 'Extension',
    UID: agent.userId,
    ...splitName(agent.displayName),
    PHOTOURL: '',
    isActivityMandatory: inputs.requireDisposition,
    isActivityMandatoryAfterAnswer: inputs.requireDisposition,
    autoAnswerActive: inputs.autoAnswerActive,
    STATEDURATION: stateSeconds,
    LOGINDURATION: seconds(now - stats.loginAt),
    NOTREADYDURATION: seconds(notReadyMsAt(stats, state, now)),
    TOTALLOGINDURATION: seconds(inputs.today.loginMs),
    TOTALNOTREADYDURATION: seconds(inputs.today.notReadyMs),
    TALKDURATION: seconds(talkMs),
    INBOUND: stats.inbound,
    OUTBOUND: stats.outbound,
    TOTALCALLCOUNT: stats.inbound + stats.outbound,
    ANSWERED: answered,
    AVGTALK: answered ? Math.round(seconds(talkMs) / answered) : 0,
    WEBCHAT: 0,
    CAMPAIGN: 0,
  };
}

const isStatistics = (value: unknown): value is LoginStatistics => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const count = (key: string) => typeof v[key] === 'number' && Number.isFinite(v[key]) && (v[key] as number) >= 0;
  return typeof v.login === 'string' && ['loginAt', 'notReadyMs', 'busyMs', 'talkMs', 'inbound', 'outbound', 'answered'].every(count) && (v.busySince === null || count('busySince'));
};

interface Day {
  day: string;
  logins: Record<string, { loginMs: number; notReadyMs: number }>;
}

const MAX_LOGINS_A_DAY = 50;

/** The local calendar day of `ms`, `YYYY-MM-DD`. */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Keeps one login's {@link LoginStatistics} in sessionStorage (per agent, for the same login
 * only) and today's logins in localStorage, so `TOTALLOGINDURATION` adds up this browser's
 * logins of the day. Time between the last change and a closed tab is not counted.
 */
export class AgentStatistics {
  readonly #session: Storage | null;
  readonly #local: Storage | null;
  #userId = '';
  #stats: LoginStatistics = freshStatistics('', 0);

  constructor(session: Storage | null, local: Storage | null) {
    this.#session = session;
    this.#local = local;
  }

  get record(): LoginStatistics {
    return this.#stats;
  }

  begin(userId: string, login: string, now: number): void {
    this.#userId = userId;
    const saved = this.#read(this.#session, `ringside.agent-statistics.${userId}`);
    this.#stats = isStatistics(saved) && saved.login === login && saved.loginAt <= now ? saved : freshStatistics(login, now);
    this.#save(now, null);
  }

  /** Logged out: this login's time goes into today's totals and the record is forgotten. */
  end(now: number, state: AgentStateInfo): void {
    if (!this.#userId) return;
    this.#save(now, state);
    try {
      this.#session?.removeItem(`ringside.agent-statistics.${this.#userId}`);
    } catch {
      // Blocked storage: nothing was kept either.
    }
    this.#userId = '';
    this.#stats = freshStatistics('', now);
  }

  update(change: (stats: LoginStatistics) => LoginStatistics, now: number, state: AgentStateInfo): void {
    this.#stats = change(this.#stats);
    this.#save(now, state);
  }

  /** Today's login and not-ready time in this browser, this login up to `now` included. */
  today(now: number, state: AgentStateInfo): { loginMs: number; notReadyMs: number } {
    const day = this.#day(now);
    day.logins[this.#stats.login] = this.#entry(now, state);
    return Object.values(day.logins).reduce((sum, entry) => ({ loginMs: sum.loginMs + entry.loginMs, notReadyMs: sum.notReadyMs + entry.notReadyMs }), { loginMs: 0, notReadyMs: 0 });
  }

  #entry(now: number, state: AgentStateInfo | null) {
    return { loginMs: Math.max(0, now - this.#stats.loginAt), notReadyMs: state ? notReadyMsAt(this.#stats, state, now) : this.#stats.notReadyMs };
  }

  #day(now: number): Day {
    const saved = this.#read(this.#local, `ringside.agent-day.${this.#userId}`) as Day | null;
    const today = dayOf(now);
    const ok = saved && saved.day === today && typeof saved.logins === 'object' && saved.logins !== null && Object.values(saved.logins).every((e) => typeof e?.loginMs === 'number' && typeof e?.notReadyMs === 'number');
    return ok ? { day: today, logins: Object.assign(Object.create(null), saved.logins) } : { day: today, logins: Object.create(null) };
  }

  #save(now: number, state: AgentStateInfo | null): void {
    if (!this.#userId) return;
    this.#write(this.#session, `ringside.agent-statistics.${this.#userId}`, this.#stats);
    const day = this.#day(now);
    delete day.logins[this.#stats.login];
    day.logins[this.#stats.login] = this.#entry(now, state);
    const logins = Object.keys(day.logins);
    for (const old of logins.slice(0, Math.max(0, logins.length - MAX_LOGINS_A_DAY))) delete day.logins[old];
    this.#write(this.#local, `ringside.agent-day.${this.#userId}`, day);
  }

  #read(storage: Storage | null, key: string): unknown {
    return readStored(storage, key);
  }

  /** Storage full or blocked: the statistics still hold for this page. */
  #write(storage: Storage | null, key: string, value: unknown): void {
    writeStored(storage, key, value);
  }
}
