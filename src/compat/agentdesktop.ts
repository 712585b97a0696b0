/**
 * AgentDesktop Widget SDK compatibility (shared/reference/agentdesktop-widget-sdk.it.txt): the
 * global `AGENTDESKTOP` a CRM written for that document calls, served by `<ringside-phone>`.
 *
 * The phone's DOM events become the document's contact and agent events, each a JSON string
 * handed to every bound callback as `callback(eventType, json)`; the document's `CONTACT` calls
 * become the phone's actions. Where the document leaves something unprinted (the names of the
 * transfer and message calls, the first callback argument, agent readiness after a pause), the
 * choice is written next to it and in the README ("AgentDesktop widget SDK").
 */
import type { CallInfo, EventDataMap, EventName } from '../protocol/index.js';
import type { RingsidePhone } from '../element/ringside-phone.js';
import type { RingsideEvent } from '../element/events.js';

/** The contact record of the document's walkthroughs, field for field. */
export interface AgentDesktopContact {
  id: string;
  uuid: string;
  chat_id: string;
  type: 'inbound' | 'outbound';
  media_type: 'telephony';
  content_type: '' | 'live';
  content_description: string;
  job_type: 'inbound' | 'manual';
  job_state: '' | 'online' | 'offline' | 'finished';
  ani: string;
  dnis: string;
  queue: string;
  reason: string;
}

export type ContactEventName = 'POPUP' | 'CONNECTIONSTARTED' | 'DIALING' | 'ESTABLISHED' | 'HELD' | 'RETRIEVED' | 'CONFERENCED' | 'TRANSFERRED' | 'CONNECTIONCLEARED' | 'JOBCHANGED' | 'JOBFINISHED';
export type AgentEventName = 'AGENT:LOGGEDIN' | 'AGENT:PAUSE' | 'AGENT:LOGGEDOUT';

/** What a bound callback gets as JSON: `event` names it; contact events carry the record's fields beside it. */
export type AgentDesktopEvent = ({ event: ContactEventName } & AgentDesktopContact) | { event: AgentEventName; reason?: string };

/**
 * The first argument of a callback. The document's callback is `(jQuery_eventType, data)` and
 * reads only `data`; Ringside passes an object shaped like a jQuery event, `type` the event name.
 */
export interface AgentDesktopEventType {
  type: ContactEventName | AgentEventName;
  namespace: 'AGENTDESKTOP';
  timeStamp: number;
}

export type ContactCallback = (eventType: AgentDesktopEventType, data: string) => void;

/** What every call of the API resolves with: it never rejects, so host code that ignores it loses nothing. */
export type AgentDesktopResult = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

export interface AgentDesktopApi {
  WIDGET: {
    bindContactCallback(callback: ContactCallback): void;
    unbindContactCallback(callback: ContactCallback): void;
    /** Shows `message` in the phone (as text) for `seconds`, 4 by default. */
    ShowErrorMessage(message: string, seconds?: number): Promise<AgentDesktopResult>;
    /** The phone this API drives: `<ringside-phone data-agentdesktop>`, else the page's first `<ringside-phone>`. */
    phone(): RingsidePhone | null;
  };
  CONTACT: {
    MakeCall(destination: string): Promise<AgentDesktopResult>;
    /** Direct transfer: the call is held, then handed to `destination` (fire and forget). `Transfer(destination)` transfers the current call. */
    Transfer(contactId: string | null | undefined, destination?: string): Promise<AgentDesktopResult>;
    /** Consultation transfer: the call is held and `destination` is called on a new contact. `Transfer_Consultation(destination)` for the current call. */
    Transfer_Consultation(contactId: string | null | undefined, destination?: string): Promise<AgentDesktopResult>;
    Transfer_Complete(contactId?: string): Promise<AgentDesktopResult>;
    Transfer_Complete_Conference(contactId?: string): Promise<AgentDesktopResult>;
    /** Hangs up a contact; the consultation's id cancels the consultation and takes the caller off hold. */
    Hangup(contactId?: string): Promise<AgentDesktopResult>;
  };
}

interface Tracked {
  contact: AgentDesktopContact;
  /** For a consultation leg: the contact it consults for. */
  consultOf?: string;
  cleared: boolean;
  /** After-call work: not known yet, running, none for this contact. */
  wrapUp: 'unknown' | 'running' | 'none' | 'ended';
  jobChanged: boolean;
  finished: boolean;
}

const JOB_STATE_LIVE = { inbound: 'online', manual: '' } as const;

/** Ringside's end reasons as the contact's `reason`; `transferred` is the document's own word. */
function clearingReason(call: CallInfo): string {
  return call.endReason ?? '';
}

/**
 * Serves the AgentDesktop API from the `<ringside-phone>` of `doc`. Events of that phone only
 * (other phones on the page are ignored); events before any callback is bound are tracked
 * but not replayed, as with the original SDK.
 */
export function createAgentDesktop(doc: Document = document): AgentDesktopApi {
  const callbacks: ContactCallback[] = [];
  const tracked = new Map<string, Tracked>();
  let agentExtension = '';
  let loggedIn = false;
  let paused = false;
  let pauseReason = '';
  let modernStates = false;
  /** Set while Transfer_Consultation's dial is under way: the next outbound call is its consultation leg. */
  let consultFor: string | null = null;

  const phone = (): RingsidePhone | null => doc.querySelector('ringside-phone[data-agentdesktop]') ?? doc.querySelector('ringside-phone');

  function deliver(data: AgentDesktopEvent): void {
    const json = JSON.stringify(data);
    const type: AgentDesktopEventType = { type: data.event, namespace: 'AGENTDESKTOP', timeStamp: Date.now() };
    for (const callback of [...callbacks]) {
      // One failing callback must not keep the others (or the phone) from their events.
      try {
        callback(type, json);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  const contactEvent = (event: ContactEventName, item: Tracked) => deliver({ event, ...item.contact });

  function track(call: CallInfo): Tracked {
    const known = tracked.get(call.callId);
    if (known) return known;
    const inbound = call.direction === 'inbound';
    const consult = !inbound && consultFor !== null ? consultFor : undefined;
    if (consult) consultFor = null;
    const variables = Object.entries(call.variables ?? {});
    // The network's contact id (X-Contact-Id, which only the PBX may set) before a caller's X-CONTID.
    const contactId = (variables.find(([name]) => /^contact-id$/i.test(name)) ?? variables.find(([name]) => /^contid$/i.test(name)))?.[1];
    const jobType = inbound ? 'inbound' : 'manual';
    const item: Tracked = {
      contact: {
        id: call.callId,
        uuid: contactId ?? crypto.randomUUID(),
        chat_id: '',
        type: inbound ? 'inbound' : 'outbound',
        media_type: 'telephony',
        content_type: inbound ? 'live' : '',
        content_description: '',
        job_type: jobType,
        job_state: JOB_STATE_LIVE[jobType],
        ani: inbound ? call.remoteNumber : agentExtension,
        dnis: consult ? 'consultation' : inbound ? (call.did ?? '') : call.remoteNumber,
        queue: call.queue ?? '',
        reason: '',
      },
      ...(consult ? { consultOf: consult } : {}),
      cleared: false,
      wrapUp: 'unknown',
      jobChanged: false,
      finished: false,
    };
    tracked.set(call.callId, item);
    return item;
  }

  /** The job events of a cleared contact, once its consultation legs have cleared too. */
  async function settleJob(item: Tracked): Promise<void> {
    if (item.consultOf !== undefined || !item.cleared || item.finished) return;
    const id = item.contact.id;
    if ([...tracked.values()].some((leg) => leg.consultOf === id && !leg.cleared)) return;
    if (item.wrapUp === 'unknown') {
      const found = await afterCallWorkFor(id);
      // An after-call work event may have said more meanwhile; it wins over the answer.
      if (item.wrapUp === 'unknown') item.wrapUp = found;
      if (item.finished) return;
    }
    if ((item.wrapUp === 'running' || item.wrapUp === 'ended') && !item.jobChanged) {
      item.jobChanged = true;
      item.contact.job_state = 'offline';
      contactEvent('JOBCHANGED', item);
    }
    if (item.wrapUp === 'none' || item.wrapUp === 'ended') {
      item.finished = true;
      item.contact.job_state = 'finished';
      contactEvent('JOBFINISHED', item);
      tracked.delete(id);
      for (const [legId, leg] of tracked) if (leg.consultOf === id) tracked.delete(legId);
    }
  }

  /**
   * The contact whose job a call is part of: its own, or for a consultation leg the contact it
   * consulted for (the phone wraps up the last call to end, which after a consultation
   * transfer is the consultation leg; the document shows that wrap-up on the main contact).
   */
  function jobOf(callId: string): Tracked | undefined {
    const item = tracked.get(callId);
    return item?.consultOf !== undefined ? tracked.get(item.consultOf) : item;
  }

  /** Whether the phone is wrapping this contact up; a phone without after-call work has none. */
  async function afterCallWorkFor(callId: string): Promise<Tracked['wrapUp']> {
    const target = phone();
    if (!target) return 'none';
    try {
      const { afterCallWork } = await target.sendAction('getAfterCallWork');
      return afterCallWork && jobOf(afterCallWork.callId)?.contact.id === callId ? 'running' : 'none';
    } catch {
      return 'none';
    }
  }

  function onCall(name: EventName, call: CallInfo): void {
    // A call is a contact from its first event; an ended call no contact knows (one whose job
    // has finished) is not one again.
    const item = tracked.get(call.callId) ?? (call.state === 'ended' ? undefined : track(call));
    if (!item) return;
    switch (name) {
      case 'OnIncomingCallRinging':
        contactEvent('POPUP', item);
        break;
      case 'OnOutgoingCallInitialized':
        contactEvent('CONNECTIONSTARTED', item);
        contactEvent('DIALING', item);
        break;
      case 'OnIncomingCallAnswered':
      case 'OnOutgoingCallAnswered':
        contactEvent('ESTABLISHED', item);
        break;
      case 'OnHold':
        contactEvent('HELD', item);
        break;
      case 'OnUnhold':
        if (call.state !== 'ended') contactEvent('RETRIEVED', item);
        break;
      case 'OnBlindTransferInitialized':
      case 'OnAttendedTransferCompleted':
        contactEvent('TRANSFERRED', item);
        break;
      case 'OnIncomingCallHangup':
      case 'OnAgentRingNoAnswer':
      case 'OnOutgoingCallHangup':
      case 'OnOutgoingCallCancelled': {
        if (item.cleared) break;
        item.cleared = true;
        item.contact.reason = clearingReason(call);
        contactEvent('CONNECTIONCLEARED', item);
        void settleJob(item);
        if (item.consultOf !== undefined) {
          const main = tracked.get(item.consultOf);
          if (main) void settleJob(main);
        }
        break;
      }
    }
  }

  /** The agent's pause, kept before login too (a state restored after a reload) and told once logged in. */
  function onAgent(nowPaused: boolean, reason = ''): void {
    // A pause for another reason (lunch, then do-not-disturb) is told again.
    if (nowPaused === paused && (!paused || reason === pauseReason)) return;
    paused = nowPaused;
    pauseReason = reason;
    if (loggedIn) deliver(paused ? { event: 'AGENT:PAUSE', reason } : { event: 'AGENT:LOGGEDIN' });
  }

  function onEvent(event: RingsideEvent): void {
    if (event.target !== phone()) return;
    const name = event.name as string;
    const data = event.data as Record<string, unknown>;
    switch (name) {
      case 'OnLogin':
        agentExtension = (data as EventDataMap['OnLogin']).agent.extension;
        return;
      case 'OnRegistrationChanged':
        if ((data as EventDataMap['OnRegistrationChanged']).state === 'registered' && !loggedIn) {
          loggedIn = true;
          deliver({ event: 'AGENT:LOGGEDIN' });
          if (paused) deliver({ event: 'AGENT:PAUSE', reason: pauseReason });
        }
        return;
      case 'OnLogout':
        if (!loggedIn) return;
        loggedIn = false;
        paused = false;
        deliver({ event: 'AGENT:LOGGEDOUT' });
        return;
      case 'OnAgentStateChanged': {
        modernStates = true;
        const { state, reason } = data as unknown as EventDataMap['OnAgentStateChanged'];
        // After-call work is the contact's offline phase (JOBCHANGED), not a pause of the agent.
        if (state !== 'after_call_work') onAgent(state !== 'ready', state === 'dnd' ? 'dnd' : reason);
        return;
      }
      case 'OnReady':
      case 'OnNotready': {
        const reason = typeof data.reason === 'string' ? data.reason : '';
        if (!modernStates && !/^(acw|after_call_work)$/i.test(reason)) onAgent(name === 'OnNotready', reason);
        return;
      }
      case 'OnAttendedTransferInitialized': {
        // A consultation started in the phone itself: its leg is the newest outbound contact.
        const primaryId = (data as unknown as EventDataMap['OnAttendedTransferInitialized']).call.callId;
        const leg = [...tracked.values()].reverse().find((item) => item.contact.type === 'outbound' && !item.cleared && item.consultOf === undefined && item.contact.id !== primaryId);
        if (leg && ![...tracked.values()].some((item) => item.consultOf === primaryId)) leg.consultOf = primaryId;
        break;
      }
      case 'OnConferenceStarted':
        for (const call of (data as EventDataMap['OnConferenceStarted']).calls) contactEvent('CONFERENCED', track(call));
        return;
      case 'OnAfterCallWorkStarted':
      case 'OnAfterCallWorkEnded': {
        const callId = name === 'OnAfterCallWorkStarted' ? (data as unknown as EventDataMap['OnAfterCallWorkStarted']).afterCallWork.callId : (data as unknown as EventDataMap['OnAfterCallWorkEnded']).callId;
        const item = jobOf(callId);
        if (item && !item.finished) {
          item.wrapUp = name === 'OnAfterCallWorkStarted' ? 'running' : 'ended';
          void settleJob(item);
        }
        return;
      }
    }
    const call = data && typeof data === 'object' ? (data as { call?: CallInfo }).call : undefined;
    if (call && typeof call.callId === 'string') onCall(event.name, call);
  }

  doc.addEventListener('ringside-event', (event) => onEvent(event as RingsideEvent));

  /** Runs one action on the phone; resolves with its outcome, never rejects. */
  async function run(step: (target: RingsidePhone) => Promise<unknown>): Promise<AgentDesktopResult> {
    const target = phone();
    if (!target) return { ok: false, error: { code: 'no_phone', message: 'there is no <ringside-phone> on this page' } };
    try {
      return { ok: true, data: await step(target) };
    } catch (error) {
      const { code = 'internal', message = String(error) } = error as { code?: string; message?: string };
      return { ok: false, error: { code, message } };
    }
  }

  /** `(contactId, destination)` or `(destination)`: the contact is optional, the destination not. */
  const args = (contactId: string | null | undefined, destination: string | undefined): [string | undefined, string] =>
    destination === undefined ? [undefined, String(contactId ?? '')] : [contactId || undefined, String(destination)];

  /** The call a contact-less command applies to: the one the agent is talking to. */
  const current = async (target: RingsidePhone, contactId?: string): Promise<string | undefined> => {
    if (contactId) return contactId;
    const { calls } = await target.queryStatus();
    return calls.find((call) => call.state === 'active' && !call.held)?.callId ?? calls.find((call) => call.state === 'active')?.callId;
  };

  return {
    WIDGET: {
      bindContactCallback(callback) {
        if (typeof callback === 'function' && !callbacks.includes(callback)) callbacks.push(callback);
      },
      unbindContactCallback(callback) {
        const at = callbacks.indexOf(callback);
        if (at >= 0) callbacks.splice(at, 1);
      },
      ShowErrorMessage: (message, seconds = 4) => run((target) => target.sendAction('showNotice', { text: String(message), seconds })),
      phone,
    },
    CONTACT: {
      MakeCall: (destination) => run((target) => target.dial(String(destination))),
      Transfer: (contactId, destination) =>
        run(async (target) => {
          const [id, to] = args(contactId, destination);
          const callId = await current(target, id);
          // The document's direct transfer holds the call first (HELD), then hands it over.
          const { call } = await target.hold(callId);
          return target.blindTransfer(to, call.callId);
        }),
      Transfer_Consultation: (contactId, destination) =>
        run(async (target) => {
          const [id, to] = args(contactId, destination);
          const callId = await current(target, id);
          consultFor = callId ?? null;
          try {
            return await target.attendedTransfer(to, callId);
          } finally {
            consultFor = null;
          }
        }),
      Transfer_Complete: () => run((target) => target.completeAttendedTransfer()),
      Transfer_Complete_Conference: () => run((target) => target.sendAction('conference')),
      Hangup: (contactId) =>
        run(async (target) => {
          const leg = contactId ? tracked.get(contactId) : undefined;
          // Hanging up the consultation leg cancels the consultation: the caller comes off hold.
          if (leg?.consultOf !== undefined && !leg.cleared) return target.cancelAttendedTransfer();
          return target.hangUp(contactId || undefined);
        }),
    },
  };
}
