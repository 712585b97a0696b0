/**
 * What the dev PBX accepts from anybody, before authentication: its bounds. It ships in
 * `npm start` (and, opted into, in `npm run serve`), so nothing a socket sends may grow its
 * memory or hold its event loop: messages are capped in size, header count and line length
 * before the (super-linear) SIP parser sees them, and connections are capped per address and
 * in total, and must authenticate soon after they open.
 */
export interface PbxLimits {
  /** Largest SIP message, bytes (WebSocket payload). */
  maxMessageBytes: number;
  /** Most header lines in one message (the body is not counted). */
  maxHeaderLines: number;
  /** Longest header line, characters. */
  maxLineLength: number;
  maxConnectionsPerAddress: number;
  maxConnections: number;
  /** A socket that has not registered successfully within this long is closed. */
  authenticateWithinMs: number;
  /** Open transactions a socket may have at once. */
  maxTransactionsPerSocket: number;
}

export const defaultPbxLimits: PbxLimits = {
  maxMessageBytes: 16 * 1024,
  maxHeaderLines: 120,
  maxLineLength: 2048,
  maxConnectionsPerAddress: 50,
  maxConnections: 2000,
  authenticateWithinMs: 30_000,
  maxTransactionsPerSocket: 64,
};

/** Why a message is refused before parsing, or undefined when it may be parsed. */
export function oversize(text: string, limits: PbxLimits): string | undefined {
  if (Buffer.byteLength(text, 'utf8') > limits.maxMessageBytes) return 'message too large';
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  let lines = 0;
  let start = 0;
  while (start <= head.length) {
    const next = head.indexOf('\n', start);
    const stop = next < 0 ? head.length : next;
    if (stop - start > limits.maxLineLength) return 'header line too long';
    lines += 1;
    if (lines > limits.maxHeaderLines + 1) return 'too many header lines';
    if (next < 0) break;
    start = next + 1;
  }
  return undefined;
}

/** Counts sockets per remote address; answers whether one more may open. */
export class ConnectionGate {
  readonly #perAddress = new Map<string, number>();
  #total = 0;

  constructor(private readonly limits: PbxLimits) {}

  admit(address: string): boolean {
    const count = this.#perAddress.get(address) ?? 0;
    if (this.#total >= this.limits.maxConnections || count >= this.limits.maxConnectionsPerAddress) return false;
    this.#perAddress.set(address, count + 1);
    this.#total += 1;
    return true;
  }

  release(address: string): void {
    const count = this.#perAddress.get(address) ?? 0;
    if (count <= 1) this.#perAddress.delete(address);
    else this.#perAddress.set(address, count - 1);
    this.#total = Math.max(0, this.#total - 1);
  }

  get total(): number {
    return this.#total;
  }
}
