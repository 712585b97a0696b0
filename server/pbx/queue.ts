import { randomBytes, randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { Binding } from './registrar.js';
import { ackFor, cancelFor, inDialogFor, ourBranch, VIA_HOST } from './requests.js';
import { buildResponse, headerLines, serialize, type SipRequest, type SipResponse } from './sip-text.js';

/**
 * The dev PBX's queue (ACD): an INVITE to a queue number rings the queue's registered agents
 * one at a time, longest idle first, and hands the caller to the first that answers. The PBX
 * is a proxy, so this is sequential forking: every agent leg is the caller's own INVITE (same
 * Call-ID, From, To, CSeq, SDP; media goes browser to browser as on a direct call) with the
 * PBX's Via and the queue headers, and the agent's 200 OK goes back to the caller as it is.
 *
 * The caller hears ringback: the queue answers 180 Ringing at once (its own early dialog). A
 * leg ends, and the next agent rings, when the agent answers with any failure (486 not ready,
 * 480 DND, 603 reject, …), does not answer within the ring timeout (the leg is CANCELled), or
 * cannot be reached (socket gone). After a pass over every agent the queue pauses `retryMs`
 * and starts again, until `maxWaitMs`: then the caller gets 480 No Agent Answered (480, not
 * 408: nobody was there to answer, the request did not time out in the network). A caller's
 * CANCEL gets 200 and its INVITE 487; the ringing leg is CANCELled.
 */

export interface QueueConfig {
  /** The number callers dial (user part of the Request-URI), e.g. `7000`. */
  number: string;
  /** Sent as `X-Queue`, e.g. `Support`. */
  name: string;
  /** Sent as `X-DID`: the number the customer dialled to reach the queue. Default: `number`. */
  did?: string;
  /** Users the queue may ring. Default: every registered user but the caller. */
  members?: readonly string[];
  /** How long one agent rings before the next is tried, ms. Default 20 000. */
  ringTimeoutMs?: number;
  /** How long a caller waits at most, ms; then 480. Default 120 000. */
  maxWaitMs?: number;
  /** Pause between passes over the agents, and between looks when nobody can take a call, ms. Default 2 000. */
  retryMs?: number;
}

/** `npm start` and the browser tests: dial 7000 for Support, answered by the dev agents (not the dev customers 2001, 2002). */
export const DEV_QUEUES: readonly QueueConfig[] = [{ number: '7000', name: 'Support', did: '+15550107000', members: ['1001', '1002', '1003'] }];

/** What the queue needs from the PBX. */
export interface QueueHost {
  /** Every registered user's newest binding. */
  agents(): Binding<WebSocket>[];
  /** Whether the user is on an answered call. */
  busy(user: string): boolean;
  idleSince(user: string): number;
  /** An answered call between these users (for `busy`). */
  answered(callId: string, users: string[]): void;
  /** The caller's INVITE headers as the PBX relays them (network facts stripped, identity asserted), without Via. */
  relayHeaders(request: SipRequest, maxForwards: number, user: string): [string, string][];
  /** A response's headers with network facts stripped. */
  stripFacts(headers: [string, string][]): [string, string][];
  send(socket: WebSocket, text: string): boolean;
  log(line: string): void;
}

type Queue = Required<Omit<QueueConfig, 'members'>> & Pick<QueueConfig, 'members'>;

interface QueueCall {
  key: string;
  queue: Queue;
  caller: WebSocket;
  callerUser: string;
  request: SipRequest;
  headers: [string, string][];
  contactId: string;
  startedAt: number;
  toTag: string;
  /** Users rung in this pass. */
  tried: Set<string>;
  ringing: Leg | undefined;
  legCount: number;
  waitTimer: ReturnType<typeof setTimeout>;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The leg that answered, or null once the call ended without one. */
  outcome: Leg | null | undefined;
}

interface Leg {
  call: QueueCall;
  user: string;
  socket: WebSocket;
  uri: string;
  branch: string;
  timer: ReturnType<typeof setTimeout> | undefined;
  createdAt: number;
}

/** Queue calls one socket may have waiting at once. */
const MAX_CALLS_PER_SOCKET = 8;
/** How long a finished leg is remembered (late 487s, retransmitted 200s). */
const LEG_TTL_MS = 64_000;
const SAFE_VALUE = /^[^\r\n\u0000-\u001f\u007f]{1,64}$/;
const SAFE_NUMBER = /^[A-Za-z0-9+*#._-]{1,32}$/;

/** Checks and completes queue configs; throws an Error naming the first bad one. */
export function queuesOf(configs: readonly QueueConfig[]): Map<string, Queue> {
  const queues = new Map<string, Queue>();
  for (const config of configs) {
    const { number, name, did = number, members, ringTimeoutMs = 20_000, maxWaitMs = 120_000, retryMs = 2_000 } = config;
    const problem = !SAFE_NUMBER.test(number)
      ? 'number must be 1-32 of A-Z a-z 0-9 + * # . _ -'
      : !SAFE_VALUE.test(name)
        ? 'name must be 1-64 characters without control characters'
        : !SAFE_VALUE.test(did)
          ? 'did must be 1-64 characters without control characters'
          : queues.has(number)
            ? 'number is used twice'
            : ![ringTimeoutMs, maxWaitMs, retryMs].every((ms) => Number.isFinite(ms) && ms > 0)
              ? 'ringTimeoutMs, maxWaitMs and retryMs must be positive'
              : undefined;
    if (problem) throw new Error(`queue ${JSON.stringify(number)}: ${problem}`);
    queues.set(number, { number, name, did, ringTimeoutMs, maxWaitMs, retryMs, ...(members ? { members: [...members] } : {}) });
  }
  return queues;
}

export class CallQueues {
  readonly #queues: Map<string, Queue>;
  readonly #host: QueueHost;
  /** Caller's transaction (`ourBranch`) → its queue call. */
  readonly #calls = new Map<string, QueueCall>();
  /** Our branch → the agent leg it was sent on. */
  readonly #legs = new Map<string, Leg>();

  constructor(configs: readonly QueueConfig[], host: QueueHost) {
    this.#queues = queuesOf(configs);
    this.#host = host;
  }

  /** Whether `user` (a Request-URI user of our domain) is a queue number. */
  serves(user: string | undefined): boolean {
    return user !== undefined && this.#queues.has(user);
  }

  /** Calls waiting in a queue now, for tests and the status line. */
  get waiting(): number {
    return this.#calls.size;
  }

  /** A request to a queue number: an INVITE queues, a CANCEL gives up, the ACK of our failure answer is absorbed. */
  request(socket: WebSocket, request: SipRequest, maxForwards: number, user: string): void {
    const queue = this.#queues.get(request.ruri?.user ?? '')!;
    if (request.method === 'ACK') return;
    if (request.method === 'CANCEL') return this.#cancelled(socket, request);
    if (request.method !== 'INVITE' || request.toTag) {
      this.#host.send(socket, buildResponse(request, 405, 'Method Not Allowed', [['Allow', 'INVITE, ACK, CANCEL']], 'pbx'));
      return;
    }
    const key = ourBranch(request);
    if (this.#calls.has(key)) return; // the same INVITE again
    if ([...this.#calls.values()].filter((c) => c.caller === socket).length >= MAX_CALLS_PER_SOCKET) {
      this.#host.send(socket, buildResponse(request, 503, 'Too Many Queued Calls', [['Retry-After', '5']], 'pbx'));
      return;
    }
    const call: QueueCall = {
      key,
      queue,
      caller: socket,
      callerUser: user,
      request,
      headers: this.#host.relayHeaders(request, maxForwards, user),
      contactId: randomUUID(),
      startedAt: Date.now(),
      toTag: randomBytes(6).toString('hex'),
      tried: new Set(),
      ringing: undefined,
      legCount: 0,
      waitTimer: setTimeout(() => this.#end(call, 480, 'No Agent Answered'), queue.maxWaitMs),
      retryTimer: undefined,
      outcome: undefined,
    };
    this.#calls.set(key, call);
    this.#host.log(`pbx: queue ${queue.number} (${queue.name}): call ${call.contactId} from ${user} waits`);
    this.#host.send(socket, buildResponse(request, 180, 'Ringing', [['Contact', `<sip:${queue.number}@${VIA_HOST};transport=ws>`]], call.toTag));
    this.#next(call);
  }

  /** A response on an agent leg; false when the branch is not one of ours. */
  response(socket: WebSocket, response: SipResponse): boolean {
    const leg = this.#legs.get(response.viaBranch);
    if (!leg) return false;
    const status = response.statusCode ?? 0;
    if (leg.socket !== socket || response.method !== 'INVITE' || status < 200) return true;
    if (status < 300) {
      this.#answered(leg, response);
      return true;
    }
    this.#host.send(leg.socket, ackFor(leg.call.request, leg.uri, leg.branch, response));
    this.#legs.delete(leg.branch);
    if (leg.call.ringing === leg) {
      this.#host.log(`pbx: queue call ${leg.call.contactId}: ${leg.user} refused it (${status})`);
      this.#stopRinging(leg.call);
      this.#next(leg.call);
    }
    return true;
  }

  /** A socket closed: its waiting calls end, and a leg ringing on it counts as unreachable. */
  socketClosed(socket: WebSocket): void {
    for (const call of this.#calls.values()) {
      if (call.caller === socket) this.#end(call);
      else if (call.ringing?.socket === socket) {
        this.#host.log(`pbx: queue call ${call.contactId}: ${call.ringing.user} went away while ringing`);
        this.#legs.delete(call.ringing.branch);
        this.#stopRinging(call);
        this.#next(call);
      }
    }
    // Legs of a caller who went away stay until swept: an answer that crosses the CANCEL still gets its ACK and BYE.
    for (const [branch, leg] of this.#legs) if (leg.socket === socket) this.#legs.delete(branch);
  }

  sweep(now = Date.now()): void {
    for (const [branch, leg] of this.#legs) if (leg.call.ringing !== leg && now - leg.createdAt > LEG_TTL_MS + leg.call.queue.ringTimeoutMs) this.#legs.delete(branch);
  }

  /** Ends every waiting call (the PBX is stopping). */
  stop(): void {
    for (const call of this.#calls.values()) this.#end(call, 503, 'Service Unavailable');
    this.#legs.clear();
  }

  #next(call: QueueCall): void {
    if (call.outcome !== undefined) return;
    const { queue } = call;
    const ringingElsewhere = new Set([...this.#calls.values()].map((c) => c.ringing?.user));
    const [binding] = this.#host
      .agents()
      .filter(
        (b) =>
          b.user !== call.callerUser &&
          (!queue.members || queue.members.includes(b.user)) &&
          !call.tried.has(b.user) &&
          !ringingElsewhere.has(b.user) &&
          !this.#host.busy(b.user),
      )
      .sort((a, b) => this.#host.idleSince(a.user) - this.#host.idleSince(b.user) || a.user.localeCompare(b.user));
    if (!binding) {
      // A pass is over, or nobody can take a call now: look again in a moment.
      call.tried.clear();
      call.retryTimer = setTimeout(() => this.#next(call), queue.retryMs);
      return;
    }
    call.tried.add(binding.user);
    this.#ring(call, binding);
  }

  #ring(call: QueueCall, binding: Binding<WebSocket>): void {
    const { queue, request } = call;
    const branch = `${call.key}.${++call.legCount}`;
    const waited = Math.floor((Date.now() - call.startedAt) / 1000);
    const headers: [string, string][] = [
      ['Via', `SIP/2.0/WS ${VIA_HOST};branch=${branch}`],
      ...call.headers,
      ['X-Queue', queue.name],
      ['X-DID', queue.did],
      ['X-Queue-Wait', String(waited)],
      ['X-Contact-Id', call.contactId],
    ];
    const leg: Leg = { call, user: binding.user, socket: binding.socket, uri: binding.contactUri, branch, timer: undefined, createdAt: Date.now() };
    if (!this.#host.send(binding.socket, serialize({ startLine: `INVITE ${binding.contactUri} SIP/2.0`, headers, body: request.body ?? '' }))) {
      this.#host.log(`pbx: queue call ${call.contactId}: ${binding.user} unreachable`);
      return this.#next(call);
    }
    this.#host.log(`pbx: queue call ${call.contactId}: ringing ${binding.user} after ${waited} s`);
    this.#legs.set(branch, leg);
    call.ringing = leg;
    leg.timer = setTimeout(() => {
      this.#host.log(`pbx: queue call ${call.contactId}: ${leg.user} did not answer`);
      this.#cancel(leg, 'SIP;cause=480;text="No answer"');
      this.#next(call);
    }, queue.ringTimeoutMs);
  }

  #answered(leg: Leg, response: SipResponse): void {
    const { call } = leg;
    if (call.outcome !== undefined && call.outcome !== leg) {
      // Answered after the caller left or another agent answered: take the call and end it.
      this.#host.send(leg.socket, inDialogFor(call.request, response, 'ACK'));
      this.#host.send(leg.socket, inDialogFor(call.request, response, 'BYE'));
      this.#legs.delete(leg.branch);
      return;
    }
    if (call.outcome === undefined) {
      this.#host.log(`pbx: queue call ${call.contactId}: ${leg.user} answered`);
      call.outcome = leg;
      // A leg cancelled for no answer may still answer while the next one rings: the first answer wins.
      if (call.ringing && call.ringing !== leg) this.#cancel(call.ringing, 'SIP;cause=200;text="Call completed elsewhere"');
      this.#stopRinging(call);
      this.#finish(call);
      this.#host.answered(call.request.callId, [call.callerUser, leg.user]);
    }
    // The answer (or a retransmission of it) goes to the caller, without our Via.
    const headers = this.#host.stripFacts(headerLines(response));
    headers.splice(
      headers.findIndex(([name]) => /^(via|v)$/i.test(name)),
      1,
    );
    const statusLine = response.data.slice(0, response.data.indexOf('\r\n'));
    this.#host.send(call.caller, serialize({ startLine: statusLine, headers, body: response.body ?? '' }));
  }

  #cancelled(socket: WebSocket, cancel: SipRequest): void {
    const call = this.#calls.get(ourBranch(cancel));
    if (!call || call.caller !== socket) {
      this.#host.send(socket, buildResponse(cancel, 481, 'Call/Transaction Does Not Exist', [], 'pbx'));
      return;
    }
    this.#host.send(socket, buildResponse(cancel, 200, 'OK', [], 'pbx'));
    this.#end(call, 487, 'Request Terminated');
  }

  /** The call ends without an agent: the ringing leg is cancelled, the caller answered `status` (unless gone). */
  #end(call: QueueCall, status?: number, reason?: string): void {
    if (call.outcome !== undefined) return;
    this.#host.log(`pbx: queue call ${call.contactId}: ends${status ? ` with ${status}` : ' (caller gone)'}`);
    call.outcome = null;
    if (call.ringing) this.#cancel(call.ringing, status === 487 ? 'SIP;cause=487;text="Caller hung up"' : 'SIP;cause=480;text="Caller went away"');
    this.#finish(call);
    if (status) this.#host.send(call.caller, buildResponse(call.request, status, reason ?? '', [], call.toTag));
  }

  #finish(call: QueueCall): void {
    clearTimeout(call.waitTimer);
    clearTimeout(call.retryTimer);
    this.#calls.delete(call.key);
  }

  /** CANCELs a ringing leg; its 487 is still ACKed when it comes. */
  #cancel(leg: Leg, reason: string): void {
    this.#host.send(leg.socket, cancelFor(leg.call.request, leg.uri, leg.branch, reason));
    if (leg.call.ringing === leg) this.#stopRinging(leg.call);
  }

  #stopRinging(call: QueueCall): void {
    clearTimeout(call.ringing?.timer);
    call.ringing = undefined;
  }
}
