/**
 * A generated set of bad action payloads. Each case says what the widget must do: answer
 * with a result carrying exactly that error code, or ignore it (not an action at all).
 */
export interface MalformedCase {
  label: string;
  payload: unknown;
  expect: { code: string } | 'ignored';
  /** The payload's id cannot be echoed (it is itself invalid): the result comes without one. */
  idless?: boolean;
}

const huge = 'x'.repeat(100_000);
const callActions = ['answer', 'reject', 'hangUp', 'mute', 'unmute'] as const;
const allActions = ['queryStatus', 'dial', ...callActions, 'getCallStats'] as const;

/** Payloads that are not action envelopes at all: other scripts' messages. */
const notActions: unknown[] = [
  null, 0, 42, '', 'dial', true, [], [1, 2], {}, { type: 'event' }, { type: 'result' }, { type: 'ACTION' },
  { type: ['action'] }, { type: null }, { name: 'dial' }, { group: 'agent', name: 'dial', data: { numberToDial: '2001' } },
  JSON.parse('{"__proto__": {"type": "action"}, "name": "dial"}'), { type: 'action '.trim() + ' ' },
];

const badCallTargets: [string, unknown, string][] = [
  ['a string', 'c1', 'invalid_data'],
  ['a number', 5, 'invalid_data'],
  ['an array', ['c1'], 'invalid_data'],
  ['a numeric callId', { callId: 5 }, 'invalid_data'],
  ['an empty callId', { callId: '' }, 'invalid_data'],
  ['a huge callId', { callId: huge }, 'invalid_data'],
  ['a path-like callId', { callId: '../../etc' }, 'invalid_data'],
  ['a callId with CRLF', { callId: 'a\r\nb' }, 'invalid_data'],
  ['an object callId', { callId: { toString: 'x' } }, 'invalid_data'],
  ['an unknown callId', { callId: 'nosuchcall' }, 'no_such_call'],
  ['no call at all', undefined, 'not_allowed_now'],
];

const badDialData: [string, unknown][] = [
  ['no data', undefined],
  ['null data', null],
  ['an array', ['2001']],
  ['a string', '2001'],
  ['a numeric number', { numberToDial: 2001 }],
  ['an empty number', { numberToDial: '' }],
  ['a huge number', { numberToDial: huge }],
  ['a number with spaces', { numberToDial: '20 01' }],
  ['a SIP URI', { numberToDial: '<sip:evil@example.com>' }],
  ['header injection', { numberToDial: '2001\r\nX-Evil: 1' }],
  ['a semicolon', { numberToDial: '2001;transport=tcp' }],
  ['an @', { numberToDial: '2001@evil.example' }],
  ['a null byte', { numberToDial: '20\u000001' }],
  ['ctiData as a string', { numberToDial: '2001', ctiData: 'x' }],
  ['ctiData as an array', { numberToDial: '2001', ctiData: [] }],
  ['variables as a string', { numberToDial: '2001', ctiData: { variables: 'x' } }],
  ['a variable name with a space', { numberToDial: '2001', ctiData: { variables: { 'bad name': 'v' } } }],
  ['a variable name with a colon', { numberToDial: '2001', ctiData: { variables: { 'X-A:b': 'v' } } }],
  ['a __proto__ variable', { numberToDial: '2001', ctiData: JSON.parse('{"variables": {"__proto__": "x"}}') }],
  ['a numeric variable', { numberToDial: '2001', ctiData: { variables: { a: 5 } } }],
  ['a variable with CRLF', { numberToDial: '2001', ctiData: { variables: { a: 'x\r\nVia: evil' } } }],
  ['a huge variable', { numberToDial: '2001', ctiData: { variables: { a: huge } } }],
  ['too many variables', { numberToDial: '2001', ctiData: { variables: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`v${i}`, 'x'])) } }],
];

const badEnvelopes: [string, Record<string, unknown>, string][] = [
  ['a numeric name', { name: 42 }, 'invalid_data'],
  ['a null name', { name: null }, 'invalid_data'],
  ['an object name', { name: {} }, 'invalid_data'],
  ['an array name', { name: ['dial'] }, 'invalid_data'],
  ['a missing name', { name: undefined }, 'invalid_data'],
  ['an unknown group', { group: 'admin' }, 'invalid_data'],
  ['a numeric group', { group: 7 }, 'invalid_data'],
  ['a missing group', { group: undefined }, 'invalid_data'],
  ['version 2', { v: 2 }, 'unsupported_version'],
  ['version 0', { v: 0 }, 'unsupported_version'],
  ['version as a string', { v: '1' }, 'unsupported_version'],
  ['a null version', { v: null }, 'unsupported_version'],
];

const unknownNames = ['fly', '', ' ', 'DIAL', 'Dial', 'dial ', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', huge, 'queryStatus\u0000', '🙂', 'transfer'];

export function malformedCases(): MalformedCase[] {
  const cases: MalformedCase[] = [];
  let n = 0;
  const action = (fields: Record<string, unknown>) => ({ type: 'action', group: 'agent', id: `m${++n}`, ...fields });

  notActions.forEach((payload, i) => cases.push({ label: `not an action #${i}`, payload, expect: 'ignored' }));
  for (const name of unknownNames) cases.push({ label: `unknown name ${name.slice(0, 20)}`, payload: action({ name }), expect: { code: 'unknown_action' } });
  for (const actionName of allActions) {
    for (const [label, fields, code] of badEnvelopes) {
      const payload: Record<string, unknown> = action({ name: actionName, ...fields });
      for (const key of Object.keys(fields)) if (fields[key] === undefined) delete payload[key];
      // With the name itself broken, the action name no longer matters.
      cases.push({ label: `${actionName} with ${label}`, payload, expect: { code } });
    }
  }
  for (const name of callActions) {
    for (const [label, data, code] of badCallTargets) {
      const payload: Record<string, unknown> = action({ name });
      if (data !== undefined) payload.data = data;
      cases.push({ label: `${name} with ${label}`, payload, expect: { code } });
    }
  }
  for (const [label, data] of badDialData) {
    const payload: Record<string, unknown> = action({ name: 'dial' });
    if (data !== undefined) payload.data = data;
    cases.push({ label: `dial with ${label}`, payload, expect: { code: 'invalid_data' } });
  }
  cases.push({ label: 'getCallStats for an unknown call', payload: action({ name: 'getCallStats', data: { callId: 'nosuchcall' } }), expect: { code: 'no_such_call' } });
  cases.push({ label: 'an id that is too long', payload: { type: 'action', group: 'agent', name: 'queryStatus', id: huge }, expect: { code: 'invalid_data' }, idless: true });
  cases.push({ label: 'a numeric id', payload: { type: 'action', group: 'agent', name: 'queryStatus', id: 7 }, expect: { code: 'invalid_data' }, idless: true });
  cases.push({
    label: 'prototype pollution in the envelope',
    payload: JSON.parse('{"type":"action","group":"agent","name":"__proto__","id":"pp1","__proto__":{"polluted":true}}'),
    expect: { code: 'unknown_action' },
  });
  cases.push({
    label: 'constructor.prototype pollution',
    payload: JSON.parse('{"type":"action","group":"agent","name":"mute","id":"pp2","data":{"constructor":{"prototype":{"polluted":true}}}}'),
    expect: { code: 'not_allowed_now' },
  });
  return cases;
}
