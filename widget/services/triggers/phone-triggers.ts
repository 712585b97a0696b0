import type { AgentProfile, EventDataMap, EventMessage, EventName, TriggerActivity } from '../../../src/protocol/index.js';
import { openWindow, TriggerEngine, type Firing, type TriggerSurface } from '../../../src/triggers/engine.js';
import type { Trigger } from '../../../src/protocol/triggers/validate.js';
import { agentTriggersKey, readAgentTriggers } from '../agent-triggers.js';
import { localStorageOf } from '../desk-core.js';
import { consoleSink, createLogger } from '../logger.js';
import type { AgentStateSnapshot } from '../agent-state.js';
import '../../components/trigger-offers/trigger-offers.js';

/**
 * URL triggers in the phone, loaded at login when the tenant or the agent has triggers and no
 * host runs them (else with the first step a CRM page reports, or when the settings open): the
 * phone's trigger log, and the triggers the phone runs itself when no `<ringside-phone>` runs
 * them — a plain iframe embed, or a page that talks the protocol without the element. Then `background` requests go from the phone's own origin
 * (so without the CRM's cookies), `window` and `reuse` triggers are offered as one-click
 * "Open …" buttons in the phone (a ringing call is no user gesture; the click is), and `route`
 * triggers, which change the CRM page's own route, cannot run (`needs_element`).
 *
 * A host that shakes hands runs them unless its hello says `runsTriggers: false` (host-bridge.ts);
 * the window channel's host does not. A framed phone waits
 * `graceMs` after its page started before it decides for an event that came with no host yet:
 * the element says hello as soon as the frame has loaded, and it gets every event of this page
 * replayed, so for those it fires the triggers itself.
 */

/** What the phone triggers read of the widget core. */
export interface TriggerCore {
  /** Whether a connected host said it runs URL triggers (`<ringside-phone>`). */
  readonly hostRunsTriggers: boolean;
  readonly tenantTriggers: unknown[];
  readonly tenantId: string | null;
  snapshot(): { agent: AgentProfile | null; agentState: AgentStateSnapshot };
  /** Tells the host: each step of the phone's own triggers is an `OnTriggerActivity`. */
  emit<N extends EventName>(name: N, data: EventDataMap[N]): void;
}

export interface PhoneTriggersOptions {
  /** Whether the phone is in a frame (a host may say hello); the window's own by default. */
  framed?: boolean;
  /** How long after the page started a framed phone waits for a host's hello (ms). */
  graceMs?: number;
  /** Milliseconds since the page started; `performance.now` by default. */
  now?: () => number;
  /** The storage of the agent's own triggers; the window's localStorage by default. */
  storage?: Storage | null;
}

/** One line of the trigger log: a step, when, and who ran the trigger (the phone, or the CRM page that says so). */
export interface TriggerLogLine extends TriggerActivity {
  id: number;
  at: number;
  source: 'phone' | 'page';
}

/** A window trigger the phone offers as a button. */
export interface TriggerOffer {
  /** The trigger among every source's (`tenant:Card`, `agent:Card`): one button each. */
  key: string;
  trigger: string;
  label: string;
  url: string;
  target: string;
  mode: string;
  firing: Firing;
}

const LOG_LINES = 200;
const OFFERS = 3;
export const HOST_GRACE_MS = 3000;

export class PhoneTriggers {
  readonly #core: TriggerCore;
  readonly #engine: TriggerEngine;
  readonly #framed: boolean;
  readonly #graceMs: number;
  readonly #now: () => number;
  readonly #log = createLogger('triggers', consoleSink);
  readonly #listeners = new Set<() => void>();
  /** Events that came before a host could have said hello, with whether a host ran triggers then. */
  #held: { message: EventMessage; hostRan: boolean }[] | null = null;
  #lines: TriggerLogLine[] = [];
  #offers: TriggerOffer[] = [];
  #lineId = 0;
  readonly #storage: Storage | null;
  /** Whether the first event (or the page's first step) was read: the login is known from then on. */
  #started = false;
  /** Whether an agent is logged in: the log takes lines only then (it is theirs). */
  #loggedIn = false;

  constructor(core: TriggerCore, options: PhoneTriggersOptions = {}) {
    this.#core = core;
    this.#framed = options.framed ?? window.parent !== window;
    this.#graceMs = options.graceMs ?? HOST_GRACE_MS;
    this.#now = options.now ?? (() => performance.now());
    this.#storage = options.storage === undefined ? localStorageOf(window) : options.storage;
    // One agent's requests are another's only in the same tenant and user.
    this.#engine = new TriggerEngine(this.#surface(), { scope: () => `${core.tenantId ?? ''}/` });
  }

  /** The log, oldest first. */
  get lines(): readonly TriggerLogLine[] {
    return this.#lines;
  }

  /** The window triggers waiting for the agent's click. */
  get offers(): readonly TriggerOffer[] {
    return this.#offers;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * One event the phone sent (or would have sent) to a host, in order; `hostRan` says whether a
   * host that runs triggers was connected when it was sent.
   */
  handle(message: EventMessage, hostRan: boolean): void {
    this.#start(message.name);
    if (this.#held) {
      this.#held.push({ message, hostRan });
      return;
    }
    const wait = this.#graceMs - this.#now();
    if (!hostRan && this.#framed && wait > 0 && !this.#core.hostRunsTriggers) {
      this.#held = [{ message, hostRan }];
      setTimeout(() => this.#release(), wait);
      return;
    }
    this.#read(message, hostRan);
  }

  /** Steps a CRM page reports of the triggers it runs (`logTriggerActivity`); returns how many were logged. */
  logFromPage(activity: readonly TriggerActivity[]): number {
    this.#start('');
    for (const step of activity) this.#add('page', step);
    this.#changed();
    return activity.length;
  }

  /** The agent clicked an offer (by its `key`): its window opens (this click is a user gesture). False when the browser still refused. */
  open(key: string): boolean {
    const offer = this.#offers.find((o) => o.key === key);
    if (!offer) return false;
    if (!openWindow(offer.url, offer.target)) {
      this.#report({ kind: 'failed', ...offer.firing, code: 'popup_blocked', message: 'the browser refused the window even on a click: the CRM page must embed the phone with allow-popups', willRetry: false, attempts: 0 });
      return false;
    }
    this.#offers = this.#offers.filter((o) => o !== offer);
    this.#report({ kind: 'fired', ...offer.firing, mode: offer.mode, url: offer.url });
    return true;
  }

  dismiss(key: string): void {
    this.#offers = this.#offers.filter((o) => o.key !== key);
    this.#changed();
  }

  dispose(): void {
    this.#engine.dispose();
    this.#listeners.clear();
  }

  /**
   * Loaded after the login (the agent saved their first trigger, a page reported a step), the
   * part starts from what the login said, as the events after it assume. Loaded by the login
   * itself (its first event is OnLogin), it learns it from that event, in order.
   */
  #start(first: string): void {
    if (this.#started) return;
    this.#started = true;
    const { agent, agentState } = this.#core.snapshot();
    this.#loggedIn = Boolean(agent);
    if (!agent || first === 'OnLogin') return;
    const agentTriggers = readAgentTriggers(this.#storage, agentTriggersKey(agent.userId, this.#core.tenantId));
    this.#engine.handle('OnLogin', { agent, triggers: this.#core.tenantTriggers, agentTriggers }, false);
    this.#engine.handle('OnAgentStateChanged', { state: agentState.state, reason: agentState.reason }, false);
  }

  #release(): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const { message, hostRan } of held) this.#read(message, hostRan);
  }

  #read(message: EventMessage, hostRan: boolean): void {
    // The log and the offers hold callers' numbers: they go with the agent (a logout, or a
    // session lost), and take nothing until the next login.
    if (message.name === 'OnLogout' || message.name === 'OnLoginFailed') {
      this.#loggedIn = false;
      this.#lines = [];
      this.#offers = [];
      this.#changed();
    }
    if (message.name === 'OnLogin') this.#loggedIn = true;
    this.#engine.handle(message.name, message.data, !hostRan && !this.#core.hostRunsTriggers);
  }

  #surface(): TriggerSurface {
    return {
      offersWindows: true,
      report: (activity) => this.#report(activity),
      warn: (message) => this.#log.warn(message),
      open: (trigger: Trigger, url, target, firing, key) => {
        // One button per trigger (a newer firing replaces it), the newest three; none for whoever
        // comes after a logout (a logout's own window trigger is not offered).
        if (this.#loggedIn) this.#offers = [...this.#offers.filter((o) => o.key !== key), { key, trigger: trigger.id, label: trigger.name || new URL(url).host, url, target, mode: trigger.mode, firing }].slice(-OFFERS);
        this.#report({ kind: 'offered', ...firing, mode: trigger.mode, url });
      },
      route: (url, firing) =>
        this.#report({ kind: 'failed', ...firing, url, code: 'needs_element', message: "a route trigger changes the CRM page's own route: it runs only where the page embeds the phone with <ringside-phone>", willRetry: false, attempts: 0 }),
    };
  }

  /** A step of the phone's own triggers: to the host always (the engine tells only its agent's), to the log while someone is logged in. */
  #report(activity: TriggerActivity): void {
    this.#core.emit('OnTriggerActivity', activity);
    if (!this.#loggedIn) return;
    this.#add('phone', activity);
    this.#changed();
  }

  #add(source: TriggerLogLine['source'], activity: TriggerActivity): void {
    this.#lineId += 1;
    this.#lines = [...this.#lines, { ...activity, id: this.#lineId, at: Date.now(), source }].slice(-LOG_LINES);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}
