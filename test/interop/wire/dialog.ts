import { buildRequest, headerValue, headerValues, routeSet, tagOf, type SipMessage } from './sip.js';
import type { SipPeer } from './peer.js';

/**
 * Just enough dialog state (RFC 3261 12.1) for a raw peer to send in-dialog requests the way
 * a real phone or trunk would: Request-URI = the remote target, Route = the route set.
 */
export interface Dialog {
  callId: string;
  localUri: string;
  localTag: string;
  remoteUri: string;
  remoteTag: string;
  remoteTarget: string;
  routes: string[];
  cseq: number;
}

const uriOf = (value: string | undefined): string => /<([^>]+)>/.exec(value ?? '')?.[1] ?? (value ?? '').split(';')[0]!.trim();

/** The caller's view after a 2xx (or a 1xx with a tag). */
export function dialogFromResponse(response: SipMessage, cseq: number): Dialog {
  return {
    callId: headerValue(response, 'call-id') ?? '',
    localUri: uriOf(headerValue(response, 'from')),
    localTag: tagOf(headerValue(response, 'from')) ?? '',
    remoteUri: uriOf(headerValue(response, 'to')),
    remoteTag: tagOf(headerValue(response, 'to')) ?? '',
    remoteTarget: uriOf(headerValue(response, 'contact')),
    routes: routeSet(response),
    cseq,
  };
}

/** The callee's view of an INVITE it answers with `localTag`. */
export function dialogFromRequest(request: SipMessage, localTag: string): Dialog {
  return {
    callId: headerValue(request, 'call-id') ?? '',
    localUri: uriOf(headerValue(request, 'to')),
    localTag,
    remoteUri: uriOf(headerValue(request, 'from')),
    remoteTag: tagOf(headerValue(request, 'from')) ?? '',
    remoteTarget: uriOf(headerValue(request, 'contact')),
    routes: headerValues(request, 'record-route').flatMap((v) => v.split(/,(?=\s*<)/)).map((v) => v.trim()),
    cseq: 100,
  };
}

/** Sends an in-dialog request; ACK reuses the CSeq number of the INVITE it acknowledges. */
export function sendInDialog(peer: SipPeer, dialog: Dialog, method: string, options: { headers?: string[]; body?: string; uri?: string; cseq?: number } = {}): number {
  const cseq = options.cseq ?? (method === 'ACK' ? dialog.cseq : ++dialog.cseq);
  peer.send(
    buildRequest({
      method,
      uri: options.uri ?? dialog.remoteTarget,
      via: peer.via,
      from: dialog.localUri,
      fromTag: dialog.localTag,
      to: dialog.remoteUri,
      toTag: dialog.remoteTag,
      callId: dialog.callId,
      cseq,
      contact: `sip:x@${peer.contactHost}${peer.transport === 'ws' ? ';transport=ws' : ''}`,
      headers: [...dialog.routes.map((r) => `Route: ${r}`), ...(options.headers ?? [])],
      ...(options.body ? { body: options.body } : {}),
    }),
  );
  return cseq;
}
