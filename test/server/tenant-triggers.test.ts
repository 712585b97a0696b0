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

  it('refuses a target it does not know and a mode field', () => {
    const result = saved([
      { event: 'login', url: 'https://crm.example.com/', target: 'popup' },
      { event: 'login', url: 'https://crm.example.com/', target: 'new', mode: 'window' },
    ]);
    assert.deepEqual(!result.ok && result.errors.map((e) => e.field), ['settings.urlTriggers[0].target', 'settings.urlTriggers[1].mode']);
  });
});
