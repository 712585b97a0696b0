import { WebSocketServer, type WebSocket } from 'ws';
import type { ServerConfig } from '../config.js';
import type { Store } from '../store/store.js';
import { challenge, checkDigest } from './digest.js';
import { assertedIdentity, networkFactNames, stripNetworkFacts } from './identity.js';
import { ConnectionGate, defaultPbxLimits, oversize, type PbxLimits } from './limits.js';
import { CallTracker } from './presence.js';
import { CallQueues, DEV_QUEUES, type QueueConfig } from './queue.js';
import { Registrar, type Binding } from './registrar.js';
import { cancelFor, ourBranch, VIA_HOST } from './requests.js';
import { buildResponse, headerLines, isRequest, parseSip, serialize, type SipRequest, type SipResponse } from './sip-text.js';

/**
 * The development PBX: a SIP-over-WebSocket registrar and proxy for browsers, so that
 * `npm start` and the browser tests need nothing but Node. It authenticates REGISTER with
 * ephemeral-credential digest auth, binds contacts to sockets, and relays requests and
 * responses between registered user agents; media goes browser to browser. Production
 * uses Kamailio (deploy/kamailio/) with the same credential scheme.
 *
 * Deliberately small: one contact per call (the newest registration), no Record-Route
 * (every browser's next hop is this proxy anyway), no dialog state. The one exception to
 * "no forking" is a queue number (queue.ts), which forks sequentially to the queue's agents.
 *
 * Trust: a phone states only claims. The PBX strips the headers that state identity or
 * network facts (identity.ts) from everything phones send, and asserts the caller's identity
 * itself from its authentication. Initial requests are routed by address of record only.
 * Everything an unauthenticated socket can make it hold is bounded (limits.ts).
 */

export interface PbxOptions {
  host: string;
  port: number;
  realm: string;
  secret: string;
  /**
   * Who a user is, when the directory knows them: tells 404 (unknown) from 480 (offline), and
   * gives the display name the PBX asserts for them (P-Asserted-Identity).
   */
  lookupUser: (user: string) => Promise<{ displayName: string } | undefined> | { displayName: string } | undefined;
  /** Further header names only the network may set (the tenant's trusted headers). */
  trustedHeaders?: readonly string[];
  limits?: Partial<PbxLimits>;
  /** Queue numbers (queue.ts): calls to them ring the agents one at a time. None by default. */
  queues?: readonly QueueConfig[];
  log?: (line: string) => void;
}

interface Transaction {
  source: WebSocket;
  target: WebSocket;
  request: SipRequest;
  forwardedUri: string;
  createdAt: number;
}

/** A dev PBX for a server config and its store: its host, SIP port, domain as realm, secret, and the agents of that domain. */
export function devPbxFor(config: ServerConfig, store: Store, log?: (line: string) => void): DevPbx {
  return new DevPbx({
    host: config.host,
    port: config.sipPort,
    realm: config.sipDomain,
    secret: config.sipSecret,
    lookupUser: (user) => store.agents.bySipUser(config.sipDomain, user),
    queues: DEV_QUEUES,
    ...(log ? { log } : {}),
  });
}
const MAX_REGISTER_EXPIRES = 3600;
/** REGISTER attempts are counted for this many users at most (known users only). */
const MAX_COUNTED_USERS = 1000;
const TRANSACTION_TTL_MS = 5 * 60 * 1000;

export class DevPbx {
  readonly #options: PbxOptions;
  readonly #registrar = new Registrar<WebSocket>();
  /** Socket → the user it authenticated as. Requests from other sockets are refused. */
  readonly #authenticated = new Map<WebSocket, string>();
  /** `<our branch> <method>` → where the request came from and went. */
  readonly #transactions = new Map<string, Transaction>();
  /** REGISTER requests seen per known AOR user, authenticated or not (for tests and the status line). */
  readonly registerAttempts = new Map<string, number>();
  /** Display names of registered users, looked up once at registration (asserted in PAI). */
  readonly #displayNames = new Map<string, string>();
  readonly #limits: PbxLimits;
  readonly #gate: ConnectionGate;
  readonly #networkFacts: Set<string>;
  /** Open transactions per source socket, so one socket cannot fill the table. */
  readonly #openTransactions = new Map<WebSocket, number>();
  readonly #calls = new CallTracker();
  readonly #queues: CallQueues;
  #server: WebSocketServer | undefined;
  #sweeper: ReturnType<typeof setInterval> | undefined;

  constructor(options: PbxOptions) {
    this.#options = options;
    this.#limits = { ...defaultPbxLimits, ...options.limits };
    this.#gate = new ConnectionGate(this.#limits);
    this.#networkFacts = networkFactNames(options.trustedHeaders);
    this.#queues = new CallQueues(options.queues ?? [], {
      agents: () => this.#registrar.users(),
      busy: (user) => this.#calls.busy(user),
      idleSince: (user) => this.#calls.idleSince(user),
      answered: (callId, users) => this.#calls.answered(callId, users),
      relayHeaders: (request, maxForwards, user) => this.#relayHeaders(request, maxForwards, user),
      stripFacts: (headers) => stripNetworkFacts(headers, this.#networkFacts),
      send: (socket, text) => this.#send(socket, text),
      log: (line) => this.#log(line),
    });
  }

  /** Open sockets, for tests of the bounds. */
  get connections(): number {
    return this.#gate.total;
  }

  get url(): string {
    const address = this.#server?.address();
    const port = typeof address === 'object' && address ? address.port : this.#options.port;
    return `ws://${this.#options.host}:${port}`;
  }

  /** Number of live registrations, for tests and the status line. */
  registrations(user: string): number {
    return this.#registrar.lookup(user).length;
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({
        host: this.#options.host,
        port: this.#options.port,
        handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
        maxPayload: this.#limits.maxMessageBytes,
      });
      server.once('listening', () => resolve());
      server.once('error', reject);
      server.on('connection', (socket, req) => this.#accept(socket, req.socket.remoteAddress ?? 'unknown'));
      this.#server = server;
      this.#sweeper = setInterval(() => this.#sweep(), 30_000);
      this.#sweeper.unref();
    });
  }

  /** Calls waiting in a queue, for tests. */
  get queuedCalls(): number {
    return this.#queues.waiting;
  }

  stop(): Promise<void> {
    clearInterval(this.#sweeper);
    this.#queues.stop();
    const server = this.#server;
    if (!server) return Promise.resolve();
    for (const client of server.clients) client.terminate();
    return new Promise((resolve) => server.close(() => resolve()));
  }

  /** Whether the directory knows `user`; a failing directory counts as "no". */
  async #lookup(user: string): Promise<boolean> {
    if (!user) return false;
    try {
      return (await this.#options.lookupUser(user)) !== undefined;
    } catch {
      return false;
    }
  }

  #log(line: string): void {
    this.#options.log?.(line);
  }

  #accept(socket: WebSocket, address: string): void {
    if (!this.#gate.admit(address)) {
      this.#log(`pbx: connection from ${address} refused (too many)`);
      socket.close(1013, 'too many connections');
      return;
    }
    const unauthenticated = setTimeout(() => {
      if (!this.#authenticated.has(socket)) socket.close(1008, 'register first');
    }, this.#limits.authenticateWithinMs);
    unauthenticated.unref();
    socket.on('message', (data) => {
      const text = data.toString();
      if (text.trim() === '') return; // CRLF keep-alive
      try {
        this.#receive(socket, text);
      } catch (error) {
        this.#log(`pbx: dropped a message that failed handling: ${(error as Error).message}`);
      }
    });
    socket.once('close', () => {
      clearTimeout(unauthenticated);
      this.#gate.release(address);
      this.#closed(socket);
    });
    socket.on('error', () => socket.terminate());
  }

  #receive(socket: WebSocket, text: string): void {
    const refused = oversize(text, this.#limits);
    if (refused) {
      // Nothing a phone sends looks like this; parsing it would cost more than it is worth.
      this.#log(`pbx: ${refused}, socket closed`);
      socket.close(1009, refused);
      return;
    }
    const message = parseSip(text);
    if (!message) return this.#log('pbx: unparsable message dropped');
    if (isRequest(message)) this.#request(socket, message);
    else this.#response(socket, message);
  }

  #send(socket: WebSocket, text: string): boolean {
    if (socket.readyState !== socket.OPEN) return false;
    socket.send(text);
    return true;
  }

  #reply(socket: WebSocket, request: SipRequest, status: number, reason: string, extra: [string, string][] = []): void {
    if (request.method === 'ACK') return;
    this.#send(socket, buildResponse(request, status, reason, extra, 'pbx'));
  }

  #request(socket: WebSocket, request: SipRequest): void {
    this.#log(`pbx: ${request.method} from ${this.#authenticated.get(socket) ?? 'anonymous'}`);
    if (request.method === 'REGISTER') return this.#register(socket, request);
    if (request.method === 'OPTIONS' && !request.ruri?.user) return this.#reply(socket, request, 200, 'OK');
    const user = this.#authenticated.get(socket);
    if (!user) return this.#reply(socket, request, 403, 'Register First');
    if (!request.toTag && request.method !== 'ACK' && request.method !== 'CANCEL' && request.from.uri.user !== user) {
      return this.#reply(socket, request, 403, 'From Does Not Match Credentials');
    }
    const maxForwards = Number(request.getHeader('max-forwards') ?? 70);
    if (!(maxForwards > 0)) return this.#reply(socket, request, 483, 'Too Many Hops');
    if (request.method === 'BYE') this.#calls.ended(request.callId);
    if (request.method !== 'ACK' && request.method !== 'CANCEL' && (this.#openTransactions.get(socket) ?? 0) >= this.#limits.maxTransactionsPerSocket) {
      return this.#reply(socket, request, 503, 'Too Many Open Transactions', [['Retry-After', '5']]);
    }
    this.#forward(socket, request, maxForwards - 1, user);
  }

  #forward(source: WebSocket, request: SipRequest, maxForwards: number, user: string): void {
    const ruri = request.ruri;
    if (!ruri) return this.#reply(source, request, 416, 'Unsupported URI Scheme');
    const [, requestUri = ''] = request.data.slice(0, request.data.indexOf('\r\n')).split(' ');
    // A request for our domain names an address of record: it goes to that user's phone and
    // nowhere else. Any other host names a contact (in-dialog requests, and the INVITE of an
    // attended transfer, which sip.js addresses to the target's contact): it goes to the one
    // user who registered that contact.
    if (ruri.host === this.#options.realm && this.#queues.serves(ruri.user)) return this.#queues.request(source, request, maxForwards, user);
    let binding: Binding<WebSocket> | undefined;
    let forwardedUri = requestUri;
    if (ruri.host !== this.#options.realm) binding = this.#registrar.byContact(`${ruri.user}@${ruri.host}`);
    else if (ruri.user) {
      binding = this.#registrar.lookup(ruri.user)[0];
      if (binding) forwardedUri = binding.contactUri;
    }
    if (!binding) {
      if (request.method === 'CANCEL') return this.#reply(source, request, 481, 'Call/Transaction Does Not Exist');
      return void this.#lookup(ruri.user ?? '').then((known) =>
        known ? this.#reply(source, request, 480, 'Temporarily Unavailable') : this.#reply(source, request, 404, 'Not Found'),
      );
    }
    const branch = ourBranch(request);
    const headers = this.#relayHeaders(request, maxForwards, user);
    headers.unshift(['Via', `SIP/2.0/WS ${VIA_HOST};branch=${branch}`]);
    const sent = this.#send(binding.socket, serialize({ startLine: `${request.method} ${forwardedUri} SIP/2.0`, headers, body: request.body ?? '' }));
    if (!sent) return this.#reply(source, request, 480, 'Temporarily Unavailable');
    if (request.method !== 'ACK') this.#open(`${branch} ${request.method}`, { source, target: binding.socket, request, forwardedUri, createdAt: Date.now() });
  }

  /** A phone's request as relayed: network facts stripped, Max-Forwards counted down, an initial request's caller asserted. */
  #relayHeaders(request: SipRequest, maxForwards: number, user: string): [string, string][] {
    const headers = stripNetworkFacts(headerLines(request), this.#networkFacts).map(([name, value]): [string, string] =>
      /^max-forwards$/i.test(name) ? [name, String(maxForwards)] : [name, value],
    );
    if (!request.hasHeader('max-forwards')) headers.push(['Max-Forwards', String(maxForwards)]);
    if (!request.toTag && request.method !== 'ACK' && request.method !== 'CANCEL') {
      headers.push(assertedIdentity(user, this.#options.realm, this.#displayNames.get(user)));
    }
    return headers;
  }

  #open(key: string, transaction: Transaction): void {
    if (!this.#transactions.has(key)) this.#openTransactions.set(transaction.source, (this.#openTransactions.get(transaction.source) ?? 0) + 1);
    this.#transactions.set(key, transaction);
  }

  #close(key: string): void {
    const transaction = this.#transactions.get(key);
    if (!transaction) return;
    this.#transactions.delete(key);
    const open = (this.#openTransactions.get(transaction.source) ?? 1) - 1;
    if (open > 0) this.#openTransactions.set(transaction.source, open);
    else this.#openTransactions.delete(transaction.source);
  }

  #response(socket: WebSocket, response: SipResponse): void {
    if (this.#queues.response(socket, response)) return;
    const key = `${response.viaBranch} ${response.method}`;
    const transaction = this.#transactions.get(key);
    // Only the socket a request went to may answer it.
    if (!transaction || transaction.target !== socket) return this.#log(`pbx: response for unknown transaction ${key} dropped`);
    const status = response.statusCode ?? 0;
    if (status >= 200) this.#close(key);
    if (status < 300 && status >= 200 && response.method === 'INVITE') {
      this.#calls.answered(response.callId, [this.#authenticated.get(transaction.source) ?? '', this.#authenticated.get(socket) ?? '']);
    }
    const headers = stripNetworkFacts(headerLines(response), this.#networkFacts);
    const ourVia = headers.findIndex(([name]) => /^(via|v)$/i.test(name));
    headers.splice(ourVia, 1);
    const statusLine = response.data.slice(0, response.data.indexOf('\r\n'));
    this.#send(transaction.source, serialize({ startLine: statusLine, headers, body: response.body ?? '' }));
  }

  #register(socket: WebSocket, request: SipRequest): void {
    const { realm, secret } = this.#options;
    const user = request.to.uri.user ?? '';
    if (this.registerAttempts.has(user)) this.registerAttempts.set(user, this.registerAttempts.get(user)! + 1);
    else if (this.registerAttempts.size < MAX_COUNTED_USERS) {
      // Counted only once the directory says the user exists, so made-up users leave nothing behind.
      void this.#lookup(user).then((known) => {
        if (known) this.registerAttempts.set(user, (this.registerAttempts.get(user) ?? 0) + 1);
      });
    }
    const authorization = request.getHeader('authorization');
    if (!authorization) return this.#reply(socket, request, 401, 'Unauthorized', [challenge(secret, realm)]);
    const check = checkDigest(secret, realm, 'REGISTER', authorization, user);
    if (!check.ok) {
      this.#log(`pbx: REGISTER for ${user} refused: ${check.reason}`);
      if (check.status === 401) return this.#reply(socket, request, 401, check.reason, [challenge(secret, realm, check.stale)]);
      return this.#reply(socket, request, 403, check.reason);
    }
    this.#authenticated.set(socket, user);
    if (!this.#displayNames.has(user)) {
      void Promise.resolve(this.#options.lookupUser(user)).then(
        (found) => found && this.#displayNames.set(user, found.displayName),
        () => undefined,
      );
    }
    const now = Date.now();
    const headerExpires = Number(request.getHeader('expires') ?? 600);
    const contacts = request.getHeaders('contact');
    if (contacts.length === 1 && contacts[0]!.trim() === '*') {
      for (const binding of this.#registrar.lookup(user, now)) if (binding.socket === socket) this.#registrar.unbind(user, binding.contactKey);
    }
    for (let i = 0; i < contacts.length && contacts[0]!.trim() !== '*'; i++) {
      const contact = request.parseHeader('contact', i);
      if (!contact?.uri) return this.#reply(socket, request, 400, 'Bad Contact');
      const contactKey = `${contact.uri.user}@${contact.uri.host}`;
      const wanted = Number(contact.getParam('expires') ?? headerExpires);
      const credentialLeft = check.expiresAt - Math.floor(now / 1000);
      const expires = Math.max(0, Math.min(Number.isFinite(wanted) ? wanted : 600, MAX_REGISTER_EXPIRES, credentialLeft));
      if (expires === 0) this.#registrar.unbind(user, contactKey);
      else if (!this.#registrar.bind({ user, contactKey, contactUri: contact.uri.toString(), socket, expiresAt: now + expires * 1000, registeredAt: now })) {
        return this.#reply(socket, request, 403, 'Contact Belongs To Another User');
      }
    }
    if (this.#registrar.lookup(user, now).length) this.#calls.registered(user, now);
    else this.#calls.gone(user, now);
    const current = this.#registrar.lookup(user, now).map((b): [string, string] => ['Contact', `<${b.contactUri}>;expires=${Math.round((b.expiresAt - now) / 1000)}`]);
    this.#reply(socket, request, 200, 'OK', current);
  }

  #closed(socket: WebSocket): void {
    const user = this.#authenticated.get(socket);
    this.#registrar.dropSocket(socket);
    this.#authenticated.delete(socket);
    if (user && !this.#registrar.lookup(user).length) this.#calls.gone(user);
    this.#queues.socketClosed(socket);
    for (const [key, tx] of this.#transactions) {
      if (tx.source !== socket && tx.target !== socket) continue;
      this.#close(key);
      if (tx.request.method !== 'INVITE') continue;
      if (tx.target === socket) this.#reply(tx.source, tx.request, 480, 'Temporarily Unavailable');
      else this.#send(tx.target, cancelFor(tx.request, tx.forwardedUri, key.split(' ')[0]!, 'SIP;cause=480;text="Caller went away"'));
    }
  }

  #sweep(): void {
    const cutoff = Date.now() - TRANSACTION_TTL_MS;
    for (const [key, tx] of this.#transactions) if (tx.createdAt < cutoff) this.#close(key);
    this.#queues.sweep();
    this.#calls.sweep();
  }
}
