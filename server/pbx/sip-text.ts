import { IncomingRequestMessage, IncomingResponseMessage, LoggerFactory } from 'sip.js/lib/core/index.js';
import { Parser } from 'sip.js/lib/core/messages/parser.js';

/**
 * SIP parsing comes from sip.js's own parser; this file only adds what a proxy needs on
 * top: rewriting a parsed message and building responses.
 */

const factory = new LoggerFactory();
factory.builtinEnabled = false; // a bad message is answered or dropped by the caller, not logged by sip.js
const logger = factory.getLogger('ringside.pbx');


export type SipRequest = IncomingRequestMessage;
export type SipResponse = IncomingResponseMessage;

export function parseSip(data: string): SipRequest | SipResponse | undefined {
  return Parser.parseMessage(data, logger);
}

export function isRequest(message: SipRequest | SipResponse): message is SipRequest {
  return message instanceof IncomingRequestMessage;
}

/**
 * Header lines of a parsed message in their original order and spelling, as `[name, value]`
 * (folded lines joined). Taken from the raw text, so a relayed message keeps header names
 * exactly as the sender wrote them.
 */
export function headerLines(message: SipRequest | SipResponse): [string, string][] {
  const raw = message.data;
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.slice(raw.indexOf('\r\n') + 2, end < 0 ? raw.length : end).replace(/\r\n[ \t]+/g, ' ');
  const lines: [string, string][] = [];
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) lines.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return lines;
}

export interface Outgoing {
  startLine: string;
  headers: [string, string][];
  body: string;
}

export function serialize({ startLine, headers, body }: Outgoing): string {
  const lines = headers.filter(([name]) => !/^(content-length|l)$/i.test(name)).map(([n, v]) => `${n}: ${v}`);
  lines.push(`Content-Length: ${Buffer.byteLength(body, 'utf8')}`);
  return `${startLine}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** A response to `request` built from its Via, From, To, Call-ID and CSeq (RFC 3261 8.2.6). */
export function buildResponse(
  request: SipRequest,
  status: number,
  reason: string,
  extra: [string, string][] = [],
  toTag?: string,
): string {
  const headers: [string, string][] = [];
  for (const via of request.getHeaders('via')) headers.push(['Via', via]);
  headers.push(['From', request.getHeader('from') ?? '']);
  const to = request.getHeader('to') ?? '';
  headers.push(['To', toTag && !request.toTag && status > 100 ? `${to};tag=${toTag}` : to]);
  headers.push(['Call-ID', request.callId]);
  headers.push(['CSeq', `${request.cseq} ${request.method}`]);
  headers.push(['Server', 'ringside-dev-pbx']);
  headers.push(...extra);
  return serialize({ startLine: `SIP/2.0 ${status} ${reason}`, headers, body: '' });
}
