import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSettings } from '../../server/store/tenant-settings.js';

/**
 * Tenant URL triggers (issue 10) go through the element's own checker: what the admin API
 * saves is what the phone runs. `target` names the mode (`new` is a window).
 */
const SALESFORCE_SEARCH = 'http://na2.salesforce.com/search/SearchResults?searchType=1&sen=003&setLast=1&sbs_tr=<%CALLERID%>%&search=+Go%21+';
const SALESFORCE_TASK =
  'http://na3.salesforce.com/00T/e?title=Call&followup=1&tsk5=Call&tsk6=Call%20From:%20<%CALLERID%>&tsk6_fu=Related To Call From:%20<%CALLERID%>%20on:%20<%SYSTIME%>';

function saved(urlTriggers: unknown[]) {
  return parseSettings({ urlTriggers });
}

describe('tenant URL triggers, checked like the element checks them', () => {
  it('accepts the reference templates as printed, the stable events, conditions and a JSON body', () => {
    const triggers = [
      { event: 'inbound.received', url: SALESFORCE_SEARCH, target: 'reuse', name: 'Salesforce search' },
      { event: 'acd.accepted', url: SALESFORCE_TASK, target: 'new', when: { acd: true, queue: 'Support' } },
      { event: 'OnIncomingCallRinging', url: 'https://webfront.example.com/#/power?phoneNumber=^<%CALLERID%>', target: 'new' },
      { event: 'inbound.hangup', url: 'https://crm.example.com/calls', target: 'background', body: { json: { id: '<%EVENTID%>', notes: '<%NOTES%>' } } },
    ];
    const result = saved(triggers);
    assert.equal(result.ok, true, JSON.stringify(!result.ok && result.errors));
    assert.deepEqual(result.ok && result.value.urlTriggers, triggers);
  });

  const refusals: [string, unknown, string, string][] = [
    ['unknown_key', { event: 'login', url: 'https://crm.example.com/?u=<%USER%>', target: 'new' }, 'settings.urlTriggers[0].url', 'unknown_key'],
    ['broken_template', { event: 'login', url: 'https://crm.example.com/?u=<%USERID', target: 'new' }, 'settings.urlTriggers[0].url', 'broken_template'],
    ['javascript:', { event: 'login', url: 'javascript:alert(1)', target: 'new' }, 'settings.urlTriggers[0].url', 'scheme_not_allowed'],
    ['data:', { event: 'login', url: 'data:text/html,<b>x</b>', target: 'new' }, 'settings.urlTriggers[0].url', 'scheme_not_allowed'],
    ['relative', { event: 'login', url: '/search?q=<%CALLERID%>', target: 'new' }, 'settings.urlTriggers[0].url', 'relative_url'],
    ['a key in the host', { event: 'login', url: 'https://<%USERID%>.crm.example.com/', target: 'new' }, 'settings.urlTriggers[0].url', 'key_in_origin'],
    ['unknown event', { event: 'inbound.ringing', url: 'https://crm.example.com/', target: 'new' }, 'settings.urlTriggers[0].event', 'unknown_event'],
    ['bad condition', { event: 'login', url: 'https://crm.example.com/', target: 'new', when: { acd: 'yes' } }, 'settings.urlTriggers[0].when.acd', 'bad_when'],
    ['a body on a window', { event: 'login', url: 'https://crm.example.com/', target: 'new', body: { json: {} } }, 'settings.urlTriggers[0].body', 'body_not_allowed'],
  ];
  for (const [what, trigger, field, code] of refusals) {
    it(`refuses ${what} at ${field} with ${code}`, () => {
      const result = saved([trigger]);
      assert.equal(result.ok, false);
      const errors = !result.ok ? result.errors : [];
      assert.deepEqual(errors.map((e) => e.field), [field]);
      assert.match(errors[0]!.message, new RegExp(`\\(${code}\\)$`));
    });
  }

  it('refuses a target it does not know and a mode field, each with its code', () => {
    const result = saved([
      { event: 'login', url: 'https://crm.example.com/', target: 'popup' },
      { event: 'login', url: 'https://crm.example.com/', target: 'new', mode: 'window' },
      { event: 'login', url: 'https://crm.example.com/' },
    ]);
    const errors = !result.ok ? result.errors : [];
    assert.deepEqual(errors.map((e) => e.field), ['settings.urlTriggers[0].target', 'settings.urlTriggers[1].mode', 'settings.urlTriggers[2].target']);
    assert.deepEqual(errors.map((e) => /\((\w+)\)$/.exec(e.message)?.[1]), ['unknown_mode', 'unknown_field', 'unknown_mode']);
    assert.match(errors[0]!.message, /^one of new, reuse, background, route/);
  });

  it('refuses what is not a list of triggers, a list too long and a non-object, coded at the field', () => {
    const cases: [unknown, string, string][] = [
      [{ event: 'login' }, 'settings.urlTriggers', 'not_a_list'],
      [Array.from({ length: 51 }, () => ({ event: 'login', url: 'https://crm.example.com/', target: 'new' })), 'settings.urlTriggers', 'too_many_triggers'],
      [['https://crm.example.com/'], 'settings.urlTriggers[0]', 'not_an_object'],
    ];
    for (const [urlTriggers, field, code] of cases) {
      const result = parseSettings({ urlTriggers });
      const errors = !result.ok ? result.errors : [];
      assert.deepEqual(errors.map((e) => e.field), [field], code);
      assert.match(errors[0]!.message, new RegExp(`\\(${code}\\)$`));
    }
  });

  it('refuses two triggers of one name at the second one’s name', () => {
    const result = saved([
      { name: 'Search', event: 'login', url: 'https://crm.example.com/a', target: 'new' },
      { name: 'Search', event: 'logout', url: 'https://crm.example.com/b', target: 'reuse' },
    ]);
    assert.deepEqual(!result.ok && result.errors, [{ field: 'settings.urlTriggers[1].name', message: 'another trigger has this name (duplicate_name)' }]);
  });
});

describe('tenant URL triggers with target route (the CRM page’s own route)', () => {
  it('accepts a hash route and a path of the page, with every field a route may have, and keeps them as written', () => {
    const triggers = [
      { name: 'WebFront power', event: 'acd.received', url: '#/power?phoneNumber=^<%CALLERID%>', target: 'route', when: { direction: 'inbound', acd: true, queue: ['Support', 'Sales'], did: '+390212345678', numberPrefix: ['+39', '0'] } },
      { event: 'OnOutgoingCallAnswered', url: '/contacts?q=<%CALLERID%>&call=<%CALLID%>', target: 'route', method: 'GET' },
    ];
    const result = saved(triggers);
    assert.equal(result.ok, true, JSON.stringify(!result.ok && result.errors));
    assert.deepEqual(result.ok && result.value.urlTriggers, triggers);
  });

  const refusals: [string, Record<string, unknown>, string, string][] = [
    ['an absolute URL', { url: 'https://crm.example.com/#/power' }, 'url', 'route_not_relative'],
    ['a protocol-relative URL', { url: '//evil.example.com/x' }, 'url', 'route_not_relative'],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'url', 'route_not_relative'],
    ['a key at the start', { url: '<%CALLERID%>/x' }, 'url', 'route_not_relative'],
    ['an unknown key', { url: '#/power?n=<%CALLER%>' }, 'url', 'unknown_key'],
    ['POST', { url: '#/power', method: 'POST' }, 'method', 'body_not_allowed'],
    ['a body', { url: '#/power', body: { form: { n: '<%CALLERID%>' } } }, 'body', 'body_not_allowed'],
  ];
  for (const [what, fields, field, code] of refusals) {
    it(`refuses ${what} at ${field} with ${code}`, () => {
      const result = saved([{ event: 'inbound.received', target: 'route', ...fields }]);
      const errors = !result.ok ? result.errors : [];
      assert.deepEqual(errors.map((e) => e.field), [`settings.urlTriggers[0].${field}`]);
      assert.match(errors[0]!.message, new RegExp(`\\(${code}\\)$`));
    });
  }

  it('checks a route as a route and a window URL as a URL: the same text is right for one and refused for the other', () => {
    const asRoute = saved([{ event: 'login', url: '#/agent/<%USERID%>', target: 'route' }]);
    const asWindow = saved([{ event: 'login', url: '#/agent/<%USERID%>', target: 'new' }]);
    assert.equal(asRoute.ok, true);
    assert.deepEqual(!asWindow.ok && asWindow.errors.map((e) => e.field), ['settings.urlTriggers[0].url']);
    assert.match(!asWindow.ok ? asWindow.errors[0]!.message : '', /\(relative_url\)$/);
  });
});
