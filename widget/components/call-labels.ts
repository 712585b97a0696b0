import { msg } from '@lit/localize';
import type { CallInfo } from '../../src/protocol/index.js';

/** A call's state in words, for the call card and the list of lines. */
export function callStateLabel(call: CallInfo): string {
  if (call.conference) return msg('In conference', { id: 'call.conference' });
  switch (call.state) {
    case 'dialing':
      return msg('Calling…', { id: 'call.dialing' });
    case 'early':
      return msg('Ringing…', { id: 'call.early' });
    case 'active':
      return call.held ? msg('On hold', { id: 'call.held' }) : msg('In call', { id: 'call.active' });
    case 'ringing':
      return msg('Incoming call', { id: 'call.ringing' });
    case 'ended':
      return msg('Call ended', { id: 'call.ended' });
  }
}

/** Seconds talking now: from `answeredAt` to the clock's time (the snapshot's `duration` is as of its change). */
export function talkSeconds(call: CallInfo, now: number): number {
  return call.answeredAt ? Math.max(0, Math.floor((now - Date.parse(call.answeredAt)) / 1000)) : 0;
}
