import { expect } from '@open-wc/testing';
import type { CallStateName, RegistrationStateName } from '../../src/protocol/index.js';
import { IllegalTransitionError, transitionCall } from './call-state.js';
import { transitionRegistration } from './registration-state.js';

describe('call state machine', () => {
  const legal: [CallStateName, CallStateName][] = [
    ['ringing', 'active'], ['ringing', 'ended'], ['dialing', 'early'], ['dialing', 'active'], ['dialing', 'ended'], ['early', 'active'], ['early', 'ended'], ['active', 'ended'],
  ];
  const illegal: [CallStateName, CallStateName][] = [
    ['ended', 'active'], ['ended', 'ringing'], ['active', 'ringing'], ['active', 'dialing'], ['early', 'dialing'], ['ringing', 'early'],
  ];
  for (const [from, to] of legal) it(`allows ${from} → ${to}`, () => expect(transitionCall(from, to)).to.equal(to));
  for (const [from, to] of illegal) it(`rejects ${from} → ${to}`, () => expect(() => transitionCall(from, to)).to.throw(IllegalTransitionError));
});

describe('registration state machine', () => {
  const legal: [RegistrationStateName, RegistrationStateName][] = [
    ['logged_out', 'registering'], ['registering', 'registered'], ['registered', 'reconnecting'], ['reconnecting', 'registering'], ['registering', 'failed'], ['failed', 'logging_in'],
    ['failed', 'reconnecting'], ['failed', 'registering'], ['failed', 'logged_out'],
  ];
  const illegal: [RegistrationStateName, RegistrationStateName][] = [
    ['logged_out', 'registered'], ['failed', 'registered'], ['reconnecting', 'registered'], ['logging_in', 'registered'],
  ];
  for (const [from, to] of legal) it(`allows ${from} → ${to}`, () => expect(transitionRegistration(from, to)).to.equal(to));
  for (const [from, to] of illegal) it(`rejects ${from} → ${to}`, () => expect(() => transitionRegistration(from, to)).to.throw(IllegalTransitionError));
});
