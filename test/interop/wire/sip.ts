import { createHash, randomBytes } from 'node:crypto';

/**
 * SIP messages as text, for tests that must send what no well-behaved client would (forged
 * headers, made-up tags, oversize messages) and read exactly what Kamailio relayed.
 */

export interface SipMessage {
  raw: string;
  /** Status code of a response; null for a request. */
  status: number | null;
  /** Method of a request, or of the CSeq a response answers. */
  method: string;
  /** Request-URI of a request; '' for a response. */
  uri: string;
  headers: [string, string][];
  body: string;
}

const COMPACT: Record<string, string> = { v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type', r: 'refer-to' };

function canonical(name: string): string {
  const lower = name.toLowerCase();
  return COMPACT[lower] ?? lower;
}

export function parseSip(raw: string): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const [start = '', ...lines] = head.split('\r\n');
  const headers: [string, string][] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const cseqMethod = headers.find(([n]) => canonical(n) === 'cseq')?.[1].split(/\s+/)[1] ?? '';
  const response = /^SIP\/2\.0 (\d{3})/.exec(start);
  if (response) return { raw, status: Number(response[1]), method: cseqMethod, uri: '', headers, body };
  const [method = '', uri = ''] = start.split(' ');
  return { raw, status: null, method, uri, headers, body };
}

/** Every value of a header (compact forms and any case match). */
export function headerValues(message: SipMessage, name: string): string[] {
  const wanted = canonical(name);
  return message.headers.filter(([n]) => canonical(n) === wanted).map(([, v]) => v);
}

export function headerValue(message: SipMessage, name: string): string | undefined {
  return headerValues(message, name)[0];
}

/** The tag parameter of a From or To value. */
export function tagOf(value: string | undefined): string | undefined {
  return value ? /;\s*tag=([^;>\s]+)/i.exec(value)?.[1] : undefined;
}

export const randomToken = (bytes = 6): string => randomBytes(bytes).toString('hex');

export interface RequestSpec {
  method: string;
  uri: string;
  /** The sender's top Via, without branch: "SIP/2.0/UDP 127.0.0.1:5555" or "SIP/2.0/WS x.invalid". */
  via: string;
  from: string;
  fromTag: string;
  to: string;
  toTag?: string;
  callId: string;
  cseq: number;
  contact?: string;
  /** Extra header lines, as sent. */
  headers?: string[];
  body?: string;
  branch?: string;
}

export function buildRequest(spec: RequestSpec): string {
  const body = spec.body ?? '';
  return [
    `${spec.method} ${spec.uri} SIP/2.0`,
    `Via: ${spec.via};branch=${spec.branch ?? `z9hG4bK${randomToken()}`};rport`,
    'Max-Forwards: 70',
    `From: <${spec.from}>;tag=${spec.fromTag}`,
    `To: <${spec.to}>${spec.toTag ? `;tag=${spec.toTag}` : ''}`,
    `Call-ID: ${spec.callId}`,
    `CSeq: ${spec.cseq} ${spec.method}`,
    ...(spec.contact ? [`Contact: <${spec.contact}>`] : []),
    ...(spec.headers ?? []),
    ...(body ? ['Content-Type: application/sdp'] : []),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

/** A response to `request` as a UAS sends it: Vias, From, To (+ tag), Call-ID, CSeq, Record-Route copied. */
export function buildResponse(request: SipMessage, status: number, reason: string, options: { toTag?: string; contact?: string; headers?: string[] } = {}): string {
  const to = headerValue(request, 'to') ?? '';
  return [
    `SIP/2.0 ${status} ${reason}`,
    ...headerValues(request, 'via').map((v) => `Via: ${v}`),
    `From: ${headerValue(request, 'from') ?? ''}`,
    `To: ${options.toTag && !tagOf(to) ? `${to};tag=${options.toTag}` : to}`,
    `Call-ID: ${headerValue(request, 'call-id') ?? ''}`,
    `CSeq: ${headerValue(request, 'cseq') ?? ''}`,
    ...headerValues(request, 'record-route').map((v) => `Record-Route: ${v}`),
    ...(options.contact ? [`Contact: <${options.contact}>`] : []),
    ...(options.headers ?? []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** The Route set a UAC uses after a 2xx: the Record-Routes of the response, reversed. */
export function routeSet(response: SipMessage): string[] {
  return headerValues(response, 'record-route')
    .flatMap((v) => v.split(/,(?=\s*<)/))
    .map((v) => v.trim())
    .reverse();
}

/** The Authorization (401) or Proxy-Authorization (407) header line answering a digest challenge. */
export function digestAnswer(challenge: SipMessage, method: string, uri: string, username: string, password: string): string {
  const proxy = challenge.status === 407;
  const header = headerValue(challenge, proxy ? 'proxy-authenticate' : 'www-authenticate') ?? '';
  const param = (name: string) => new RegExp(`${name}="?([^",]+)"?`, 'i').exec(header)?.[1] ?? '';
  const realm = param('realm');
  const nonce = param('nonce');
  const md5 = (text: string) => createHash('md5').update(text).digest('hex');
  const cnonce = randomToken(4);
  const response = md5(`${md5(`${username}:${realm}:${password}`)}:${nonce}:00000001:${cnonce}:auth:${md5(`${method}:${uri}`)}`);
  const value = `Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", qop=auth, nc=00000001, cnonce="${cnonce}", algorithm=MD5`;
  return `${proxy ? 'Proxy-Authorization' : 'Authorization'}: ${value}`;
}
