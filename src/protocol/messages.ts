import type { ActionDataMap, ActionName, ActionResultMap } from './actions.js';
import type { EventDataMap, EventName } from './events.js';
import type { RingsideError } from './errors.js';

export const NS = 'ringside' as const;
export const PROTOCOL_VERSION = 1;

/** Tegsoft groups; Ringside uses `agent` for everything it defines. */
export type Group = 'agent' | 'report' | 'message';

/** Host → widget. `ns`, `v` and `id` are optional so Tegsoft-style host code works unchanged. */
export type ActionMessage = {
  [N in ActionName]: {
    type: 'action';
    group: Group;
    name: N;
    data?: ActionDataMap[N];
    ns?: typeof NS;
    v?: number;
    id?: string;
  };
}[ActionName];

/** Widget → host, for every event. `seq` grows by one per event in a widget session. */
export type EventMessage = {
  [N in EventName]: {
    type: 'event';
    group: 'agent';
    name: N;
    data: EventDataMap[N];
    ns: typeof NS;
    v: number;
    seq: number;
  };
}[EventName];

export type EventMessageOf<N extends EventName> = Extract<EventMessage, { name: N }>;

/** Widget → host: exactly one per action. */
export type ResultMessage =
  | {
      type: 'result';
      ns: typeof NS;
      v: number;
      id?: string;
      group: Group;
      name: string;
      ok: true;
      data?: ActionResultMap[ActionName];
    }
  | {
      type: 'result';
      ns: typeof NS;
      v: number;
      id?: string;
      group: Group;
      name: string;
      ok: false;
      error: RingsideError;
    };

/**
 * Host → widget handshake, posted to the iframe's window with the widget's origin as the
 * target and a MessagePort transferred. `token` logs the widget in; `lastSeq` asks for a
 * replay of events after it.
 */
export interface HelloMessage {
  ns: typeof NS;
  type: 'hello';
  v: number;
  token?: string;
  usercode?: string;
  clearpassword?: string;
  lastSeq?: number;
  /** The widget's sequence `lastSeq` belongs to (from an earlier `welcome`). */
  epoch?: string;
  /** The host's preferences for the phone (`ringside_options.phone`); each one optional. */
  prefs?: PhonePrefs;
  /**
   * Whether the host runs the tenant's and the agent's URL triggers in its page, as
   * `<ringside-phone>` does. A host that shakes hands is taken to run them unless it says
   * `false`; then, as for a host without a handshake (the window channel), the phone does.
   */
  runsTriggers?: boolean;
}

/**
 * What a host may ask of the phone's behaviour. Unknown or malformed fields are dropped by
 * the guard, so an older widget ignores what it does not know.
 */
export interface PhonePrefs {
  /** The phone's language (`en`, `it`, `tr`; a tag like `it-CH` counts as `it`). Else the tenant default, else the browser. */
  language?: string;
  /** Answer inbound calls by themselves after `delaySeconds` (0–60), when the tenant allows it. */
  autoAnswer?: { enabled: boolean; delaySeconds: number };
  /** Keyboard shortcuts inside the phone (Alt+A answer, Alt+H hang up, Alt+M mute, Alt+L hold); on by default. */
  shortcuts?: boolean;
}

/** Widget → host over the port once the host's origin is verified. */
export interface WelcomeMessage {
  ns: typeof NS;
  type: 'welcome';
  v: number;
  /** Names the event sequence; a new epoch means `seq` started again from 1. */
  epoch: string;
}

/** Widget → host over the port: the host's origin is not allowed; the port is closed after it. */
export interface RefusedMessage {
  ns: typeof NS;
  type: 'refused';
  v: number;
  error: RingsideError;
}

export type WidgetToHostMessage = EventMessage | ResultMessage | WelcomeMessage | RefusedMessage;
