import { Grammar, SessionState, type Invitation } from 'sip.js';
import { CallState } from '../../state/call-state.js';
import type { NewCall } from './call-record.js';
import { callerIdentity } from './caller-identity.js';
import { clip, ctiVariables } from './sip-helpers.js';

/**
 * What an inbound INVITE says about its call. The network names the caller in
 * P-Asserted-Identity (a trunk's From may be the trunk); From is only what the caller claims:
 * caller-identity.ts keeps the two apart. Queue and DID are network facts too (the servers
 * strip them from phones); other `X-` headers are the caller's variables.
 */
export function inboundCallOf(request: Invitation['request']): NewCall {
  const paiHeader = request.getHeader('P-Asserted-Identity');
  const pai = paiHeader ? Grammar.nameAddrHeaderParse(paiHeader) : undefined;
  const asserted = pai ? { user: pai.uri.user ?? '', displayName: pai.displayName ?? '' } : undefined;
  return {
    direction: 'inbound',
    ...callerIdentity(asserted, { user: request.from.uri.user ?? '', displayName: request.from.displayName ?? '' }),
    queue: clip(request.getHeader('X-Queue')),
    did: clip(request.getHeader('X-DID')),
    variables: ctiVariables(request.data),
    state: CallState.Ringing,
  };
}

/** Calls `miss` if the invitation is still unanswered after `seconds` (0: never). */
export function missAfter(invitation: Invitation, seconds: number, miss: () => void): void {
  if (seconds <= 0) return;
  const timer = setTimeout(() => invitation.state === SessionState.Initial && miss(), seconds * 1000);
  invitation.stateChange.addListener((state) => state !== SessionState.Initial && clearTimeout(timer));
}
