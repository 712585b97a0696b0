import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultSettings, isIceServerUrl, parseSettings } from '../../server/store/tenant-settings.js';

/**
 * The one validator every way in goes through (admin API, admin page, CLI): the phone's call
 * settings, and the TURN/STUN URLs that reach `RTCPeerConnection`. A refusal names its field.
 */
describe('tenant settings: the phone’s call settings', () => {
  it('a new tenant sends keypad tones in the audio, rings 45 s and allows auto-answer', () => {
    assert.deepEqual([defaultSettings.dtmfMode, defaultSettings.ringTimeoutSeconds, defaultSettings.allowAutoAnswer], ['rfc4733', 45, true]);
  });

  const accepted: [string, Record<string, unknown>][] = [
    ['SIP INFO tones', { dtmfMode: 'info' }],
    ['RFC 4733 tones', { dtmfMode: 'rfc4733' }],
    ['the shortest ring', { ringTimeoutSeconds: 5 }],
    ['the longest ring', { ringTimeoutSeconds: 300 }],
    ['auto-answer off', { allowAutoAnswer: false }],
    ['all three at once', { dtmfMode: 'info', ringTimeoutSeconds: 20, allowAutoAnswer: false }],
    ['not-ready queue calls refused 480', { notReadyRejectStatus: 480 }],
    ['not-ready direct calls refused too', { notReadyDirectCalls: false }],
    ['call history kept a day', { historyDays: 1 }],
    ['call history kept a year', { historyDays: 365 }],
  ];
  for (const [label, input] of accepted) {
    it(`accepts ${label}`, () => {
      const result = parseSettings(input);
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(result.value, { ...defaultSettings, ...input });
    });
  }

  const refused: [string, Record<string, unknown>, string, RegExp][] = [
    ['an unknown tone mode', { dtmfMode: 'inband' }, 'settings.dtmfMode', /one of rfc4733, info/],
    ['a tone mode in capitals', { dtmfMode: 'INFO' }, 'settings.dtmfMode', /one of rfc4733, info/],
    ['a tone mode of null', { dtmfMode: null }, 'settings.dtmfMode', /one of rfc4733, info/],
    ['a ring under 5 s', { ringTimeoutSeconds: 4 }, 'settings.ringTimeoutSeconds', /from 5 to 300/],
    ['a ring over 300 s', { ringTimeoutSeconds: 301 }, 'settings.ringTimeoutSeconds', /from 5 to 300/],
    ['a ring of 0', { ringTimeoutSeconds: 0 }, 'settings.ringTimeoutSeconds', /from 5 to 300/],
    ['a fractional ring', { ringTimeoutSeconds: 45.5 }, 'settings.ringTimeoutSeconds', /whole number/],
    ['a ring as text', { ringTimeoutSeconds: '45' }, 'settings.ringTimeoutSeconds', /whole number/],
    ['a ring of NaN sent as null', { ringTimeoutSeconds: null }, 'settings.ringTimeoutSeconds', /whole number/],
    ['auto-answer as text', { allowAutoAnswer: 'true' }, 'settings.allowAutoAnswer', /true or false/],
    ['a not-ready status other than 486 or 480', { notReadyRejectStatus: 603 }, 'settings.notReadyRejectStatus', /486 or 480/],
    ['a not-ready status as text', { notReadyRejectStatus: '486' }, 'settings.notReadyRejectStatus', /486 or 480/],
    ['direct calls as text', { notReadyDirectCalls: 'no' }, 'settings.notReadyDirectCalls', /true or false/],
    ['auto-answer as 1', { allowAutoAnswer: 1 }, 'settings.allowAutoAnswer', /true or false/],
    ['call history kept 0 days', { historyDays: 0 }, 'settings.historyDays', /from 1 to 365/],
    ['call history kept over a year', { historyDays: 366 }, 'settings.historyDays', /from 1 to 365/],
    ['call history kept 1.5 days', { historyDays: 1.5 }, 'settings.historyDays', /whole number of days/],
    ['call history days as text', { historyDays: '30' }, 'settings.historyDays', /whole number of days/],
  ];
  for (const [label, input, field, message] of refused) {
    it(`refuses ${label} at ${field}`, () => {
      const result = parseSettings(input);
      assert.equal(result.ok, false);
      assert.deepEqual(
        result.ok ? [] : result.errors.map((e) => e.field),
        [field],
      );
      assert.match(result.ok ? '' : result.errors[0]!.message, message);
    });
  }

  it('refuses a required disposition with no disposition codes to choose from', () => {
    const result = parseSettings({ dispositionCodes: [], afterCallWork: { enabled: true, maxSeconds: 60, requireDisposition: true } });
    assert.deepEqual(result, { ok: false, errors: [{ field: 'settings.afterCallWork.requireDisposition', message: 'needs at least one disposition code to choose from' }] });
    assert.equal(parseSettings({ dispositionCodes: [], afterCallWork: { enabled: true, maxSeconds: 60, requireDisposition: false } }).ok, true);
  });

  it('names every bad field at once, and a partial change keeps what it leaves out', () => {
    const bad = parseSettings({ dtmfMode: 'x', ringTimeoutSeconds: 1, allowAutoAnswer: 'no' });
    const partial = parseSettings({ ringTimeoutSeconds: 30 }, { ...defaultSettings, dtmfMode: 'info', allowAutoAnswer: false });

    assert.deepEqual(bad.ok ? [] : bad.errors.map((e) => e.field), ['settings.dtmfMode', 'settings.ringTimeoutSeconds', 'settings.allowAutoAnswer']);
    assert.ok(partial.ok);
    assert.deepEqual([partial.value.dtmfMode, partial.value.ringTimeoutSeconds, partial.value.allowAutoAnswer], ['info', 30, false]);
  });
});

describe('tenant settings: TURN and STUN URLs the browser accepts', () => {
  const urls: [string, boolean][] = [
    ['stun:stun.example.com', true],
    ['stun:stun.example.com:3478', true],
    ['stuns:stun.example.com:5349', true],
    ['turn:turn.example.com:3478?transport=udp', true],
    ['turn:turn.example.com?transport=tcp', true],
    ['turns:turn.example.com:443?transport=tcp', true],
    ['turn:192.0.2.10:3478', true],
    ['turn:[2001:db8::1]:3478', true],
    ['turn:', false],
    ['stun:', false],
    ['turn://turn.example.com', false],
    ['turn:turn.example.com:0', false],
    ['turn:turn.example.com:70000', false],
    ['turn:turn.example.com?transport=sctp', false],
    ['stun:stun.example.com?transport=udp', false],
    ['turn:user@turn.example.com', false],
    ['turn:turn example.com', false],
    ['https://turn.example.com', false],
    ['TURN:turn.example.com', false],
  ];
  for (const [url, ok] of urls) {
    it(`${ok ? 'accepts' : 'refuses'} ${url}`, () => {
      assert.equal(isIceServerUrl(url), ok);
      const result = parseSettings({ turnServers: [url] });
      assert.equal(result.ok, ok);
      if (!result.ok) assert.deepEqual(result.errors.map((e) => e.field), ['settings.turnServers']);
    });
  }
});
