import type { EventDataMap, EventName, TransferRequest } from '../../src/protocol/index.js';
import { callEventData, callEventsFor, type EventAgent } from './event-mapper.js';
import type { PhoneChange, TransferStage } from './phone-types.js';

/**
 * The host events one phone change produces, in order. Pure: the whole mapping is tested
 * without a phone or a window.
 */
const transferEvents = {
  'blind-initialized': 'OnBlindTransferInitialized',
  'blind-completed': 'OnBlindTransferCompleted',
  'attended-initialized': 'OnAttendedTransferInitialized',
  'attended-connected': 'OnAttendedTransferConnected',
  'attended-completed': 'OnAttendedTransferCompleted',
  'attended-cancelled': 'OnAttendedTransferCancelled',
  'attended-switch-primary': 'OnAttendedTransferSwitchToPrimarySession',
  'attended-switch-secondary': 'OnAttendedTransferSwitchToSecondarySession',
} as const satisfies Record<TransferStage, EventName>;

const transferRequestEvents = {
  asking: 'OnTransferRequested',
  accepted: 'OnTransferRequestAccepted',
  refused: 'OnTransferRequestRefused',
} as const satisfies Record<TransferRequest['state'], EventName>;

export type HostEvent = { [N in EventName]: { name: N; data: EventDataMap[N] } }[EventName];

export function hostEventsFor(change: PhoneChange, agent: EventAgent): HostEvent[] {
  switch (change.kind) {
    case 'registration':
      return [{ name: 'OnRegistrationChanged', data: change.error ? { state: change.state, error: change.error } : { state: change.state } }];
    case 'transfer': {
      const data = { ...callEventData(change.call, agent), target: change.target, ...(change.reason ? { reason: change.reason } : {}) };
      return [{ name: transferEvents[change.stage], data }];
    }
    case 'transfer-request':
      return [{ name: transferRequestEvents[change.request.state], data: { request: change.request } }];
    case 'conference':
      return [change.started ? { name: 'OnConferenceStarted', data: { calls: change.calls } } : { name: 'OnConferenceEnded', data: { calls: change.calls } }];
    case 'media':
      return [{ name: 'OnMediaUnavailable', data: change.callId ? { error: change.error, callId: change.callId } : { error: change.error } }];
    case 'call':
      return callEventsFor(change.call, change.previous).map((name) => ({ name, data: callEventData(change.call, agent) }));
  }
}
