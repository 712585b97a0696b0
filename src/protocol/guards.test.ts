import { expect } from '@open-wc/testing';
import { parseAction } from './action-guards.js';
import { checkPrefs, isHello, isWidgetMessage, looksLikeAction } from './guards.js';
import { domEventType, eventNames } from './events.js';

describe('parseAction', () => {
  const ok = [
    { label: 'Tegsoft queryStatus, no ns/v/id', raw: { type: 'action', group: 'agent', name: 'queryStatus' } },
    { label: 'dial with ctiData', raw: { type: 'action', group: 'agent', name: 'dial', data: { numberToDial: '+12125550100', ctiData: { variables: { CONTID: 'abc-1' }, ctiVariableNames: ['CONTID'] } } } },
    { label: 'dial with * and #', raw: { type: 'action', group: 'agent', name: 'dial', data: { numberToDial: '*72#' } } },
    { label: 'hangUp with a callId', raw: { type: 'action', group: 'agent', name: 'hangUp', data: { callId: 'c1' }, ns: 'ringside', v: 1, id: 'x' } },
    { label: 'answer with empty data', raw: { type: 'action', group: 'agent', name: 'answer', data: {} } },
  ];
  for (const { label, raw } of ok) {
    it(`accepts ${label}`, () => {
      const parsed = parseAction(raw);
      expect(parsed.ok, JSON.stringify(parsed)).to.equal(true);
    });
  }

  const bad = [
    { label: 'unknown name', raw: { type: 'action', group: 'agent', name: 'fly', id: 'a' }, code: 'unknown_action' },
    { label: 'inherited name', raw: { type: 'action', group: 'agent', name: 'toString', id: 'a' }, code: 'unknown_action' },
    { label: 'missing numberToDial', raw: { type: 'action', group: 'agent', name: 'dial', data: {}, id: 'a' }, code: 'invalid_data' },
    { label: 'newer version', raw: { type: 'action', group: 'agent', name: 'dial', v: 2, id: 'a' }, code: 'unsupported_version' },
    { label: 'bad group', raw: { type: 'action', group: 'root', name: 'dial', id: 'a' }, code: 'invalid_data' },
  ];
  for (const { label, raw, code } of bad) {
    it(`refuses ${label} with ${code} and keeps the id`, () => {
      const parsed = parseAction(raw);
      expect(parsed.ok).to.equal(false);
      if (!parsed.ok) {
        expect(parsed.error.code).to.equal(code);
        expect(parsed.id).to.equal('a');
      }
    });
  }

  it('copies only known fields, so prototype keys never reach the phone', () => {
    const raw = JSON.parse('{"type":"action","group":"agent","name":"dial","data":{"numberToDial":"2001","__proto__":{"admin":true},"extra":1}}');
    const parsed = parseAction(raw);
    expect(parsed.ok).to.equal(true);
    if (parsed.ok) expect(parsed.action.data).to.deep.equal({ numberToDial: '2001' });
    expect(({} as Record<string, unknown>).admin).to.equal(undefined);
  });
});

describe('message guards', () => {
  const cases: [string, unknown, boolean][] = [
    ['an action', { type: 'action' }, true],
    ['an event', { type: 'event' }, false],
    ['null', null, false],
    ['an array', [{ type: 'action' }], false],
    ['an inherited type', Object.create({ type: 'action' }), false],
  ];
  for (const [label, value, expected] of cases) {
    it(`looksLikeAction(${label}) is ${expected}`, () => expect(looksLikeAction(value)).to.equal(expected));
  }

  it('knows a hello only with our namespace', () => {
    expect(isHello({ ns: 'ringside', type: 'hello', v: 1 })).to.equal(true);
    expect(isHello({ type: 'hello' })).to.equal(false);
    expect(isHello({ ns: 'ringside', type: 'hello', token: 5 })).to.equal(false);
  });

  const hellos: [string, unknown, boolean][] = [
    ['well-formed prefs', { language: 'it', shortcuts: false }, true],
    ['prefs with malformed fields (read later by checkPrefs)', { language: 5, autoAnswer: 'yes', future: {} }, true],
    ['empty prefs', {}, true],
    ['prefs a string', 'it', false],
    ['prefs an array', ['it'], false],
    ['prefs null', null, false],
  ];
  for (const [label, prefs, expected] of hellos) {
    it(`a hello with ${label} is ${expected ? 'a hello' : 'not a hello'}`, () => {
      expect(isHello({ ns: 'ringside', type: 'hello', v: 1, prefs })).to.equal(expected);
    });
  }

  it('knows widget messages only with our namespace and a seq on events', () => {
    expect(isWidgetMessage({ ns: 'ringside', type: 'event', name: 'status', seq: 1 })).to.equal(true);
    expect(isWidgetMessage({ ns: 'ringside', type: 'event', name: 'status' })).to.equal(false);
    expect(isWidgetMessage({ type: 'event', name: 'status', seq: 1 })).to.equal(false);
  });
});

describe('checkPrefs', () => {
  const full = { language: 'pt-BR', autoAnswer: { enabled: true, delaySeconds: 3 }, shortcuts: false };
  const cases: [string, unknown, object][] = [
    ['every field well formed', full, full],
    ['a three-letter language with script and region', { language: 'zh-Hant-TW' }, { language: 'zh-Hant-TW' }],
    ['auto-answer off, no delay', { autoAnswer: { enabled: false, delaySeconds: 0 } }, { autoAnswer: { enabled: false, delaySeconds: 0 } }],
    ['the longest delay', { autoAnswer: { enabled: true, delaySeconds: 60 } }, { autoAnswer: { enabled: true, delaySeconds: 60 } }],
    ['language not a string', { ...full, language: 39 }, { autoAnswer: full.autoAnswer, shortcuts: false }],
    ['language with an underscore', { ...full, language: 'pt_BR' }, { autoAnswer: full.autoAnswer, shortcuts: false }],
    ['language with a one-letter subtag', { ...full, language: 'it-x' }, { autoAnswer: full.autoAnswer, shortcuts: false }],
    ['language that is markup', { ...full, language: '<b>it</b>' }, { autoAnswer: full.autoAnswer, shortcuts: false }],
    ['language longer than 35', { ...full, language: `en${'-abcdefgh'.repeat(4)}` }, { autoAnswer: full.autoAnswer, shortcuts: false }],
    ['delay not whole', { ...full, autoAnswer: { enabled: true, delaySeconds: 1.5 } }, { language: 'pt-BR', shortcuts: false }],
    ['delay over 60', { ...full, autoAnswer: { enabled: true, delaySeconds: 61 } }, { language: 'pt-BR', shortcuts: false }],
    ['delay negative', { ...full, autoAnswer: { enabled: true, delaySeconds: -1 } }, { language: 'pt-BR', shortcuts: false }],
    ['delay a string', { ...full, autoAnswer: { enabled: true, delaySeconds: '3' } }, { language: 'pt-BR', shortcuts: false }],
    ['delay missing', { ...full, autoAnswer: { enabled: true } }, { language: 'pt-BR', shortcuts: false }],
    ['enabled not a boolean', { ...full, autoAnswer: { enabled: 'yes', delaySeconds: 3 } }, { language: 'pt-BR', shortcuts: false }],
    ['autoAnswer not an object', { ...full, autoAnswer: true }, { language: 'pt-BR', shortcuts: false }],
    ['shortcuts not a boolean', { ...full, shortcuts: 'off' }, { language: 'pt-BR', autoAnswer: full.autoAnswer }],
    ['a field it does not know', { ...full, theme: 'dark' }, full],
    ['a string', 'it', {}],
    ['null', null, {}],
    ['an array', [full], {}],
    ['undefined', undefined, {}],
  ];
  for (const [label, value, expected] of cases) {
    it(`${label} → ${JSON.stringify(expected)}`, () => expect(checkPrefs(value)).to.deep.equal(expected));
  }

  it('reads only own fields, so prototype keys never become preferences', () => {
    const raw = JSON.parse('{"__proto__":{"language":"it","shortcuts":false},"autoAnswer":{"__proto__":{"enabled":true},"delaySeconds":2}}');
    const inherited = Object.create({ language: 'it', shortcuts: false });

    const prefs = checkPrefs(raw);

    expect(prefs).to.deep.equal({});
    expect(Object.keys(prefs)).to.deep.equal([]);
    expect(Object.getPrototypeOf(prefs)).to.equal(Object.prototype);
    expect(checkPrefs(inherited)).to.deep.equal({});
    expect(({} as Record<string, unknown>).language).to.equal(undefined);
  });
});

describe('domEventType', () => {
  const cases: [Parameters<typeof domEventType>[0], string][] = [
    ['OnIncomingCallRinging', 'ringside-incoming-call-ringing'],
    ['OnAgentRingNoAnswer', 'ringside-agent-ring-no-answer'],
    ['status', 'ringside-status'],
    ['OnLoginFailed', 'ringside-login-failed'],
  ];
  for (const [name, type] of cases) it(`${name} → ${type}`, () => expect(domEventType(name)).to.equal(type));

  it('gives every event a distinct DOM type', () => {
    expect(new Set(eventNames.map(domEventType)).size).to.equal(eventNames.length);
  });
});

describe('protocol versions', () => {
  const cases: [string, unknown, string | null][] = [
    ['no v (Tegsoft)', undefined, null],
    ['v 1', 1, null],
    ['v 2 (newer host)', 2, 'unsupported_version'],
    ['v 0', 0, 'unsupported_version'],
    ['v "1" (string)', '1', 'unsupported_version'],
  ];
  for (const [label, v, code] of cases) {
    it(`${label} → ${code ?? 'served'}`, () => {
      const raw: Record<string, unknown> = { type: 'action', group: 'agent', name: 'queryStatus' };
      if (v !== undefined) raw.v = v;
      const parsed = parseAction(raw);
      expect(parsed.ok ? null : parsed.error.code).to.equal(code);
    });
  }
});
