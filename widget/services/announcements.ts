import { msg, str } from '@lit/localize';
import type { CallInfo } from '../../src/protocol/index.js';
import type { PhoneChange } from './phone-types.js';

const who = (call: CallInfo) => call.remoteName || call.remoteNumber;

/**
 * What a screen reader says when the phone changes: ringing, answered, held, resumed, ended,
 * conference, microphone problems. Polite, one sentence, in the phone's language; `''` for
 * changes not worth interrupting the agent for (a timer, a registration refresh).
 */
export function announcementFor(change: PhoneChange): string {
  switch (change.kind) {
    case 'call': {
      const { call, previous } = change;
      if (!previous) return call.direction === 'inbound' ? msg(str`Incoming call from ${who(call)}`, { id: 'announce.ringing' }) : msg(str`Calling ${who(call)}`, { id: 'announce.dialing' });
      if (previous.state !== call.state) {
        if (call.state === 'active') return msg(str`Connected with ${who(call)}`, { id: 'announce.connected' });
        if (call.state === 'ended') return msg(str`Call with ${who(call)} ended`, { id: 'announce.ended' });
        if (call.state === 'early') return msg(str`${who(call)} is ringing`, { id: 'announce.early' });
      }
      if (previous.held !== call.held) return call.held ? msg(str`${who(call)} is on hold`, { id: 'announce.held' }) : msg(str`${who(call)} resumed`, { id: 'announce.resumed' });
      if (previous.muted !== call.muted) return call.muted ? msg('Microphone muted', { id: 'announce.muted' }) : msg('Microphone on', { id: 'announce.unmuted' });
      return '';
    }
    case 'conference':
      return change.started ? msg('Conference started', { id: 'announce.conference-started' }) : msg('Conference ended', { id: 'announce.conference-ended' });
    case 'media':
      return change.error.message;
    case 'registration':
      return change.state === 'failed' || change.state === 'reconnecting' ? msg('The phone lost its connection', { id: 'announce.connection-lost' }) : '';
    case 'transfer':
    case 'transfer-request':
      return '';
  }
}
