import { expect } from '@open-wc/testing';
import { SAMPLE_VALUES, TRIGGER_KEYS, type KeyValues } from './keys.js';
import { encodeValue, parseTemplate, renderUrl, renderText, type TemplateKind } from './template.js';
import { checkTrigger, checkTriggers, MAX_TRIGGERS } from './validate.js';

/** The sample call with some values changed. */
function withValues(keys: Partial<KeyValues['keys']>, vars: Record<string, string> = SAMPLE_VALUES.vars): KeyValues {
  return { keys: { ...SAMPLE_VALUES.keys, ...keys }, vars };
}

function render(source: string, values: KeyValues = SAMPLE_VALUES, kind: TemplateKind = 'url'): string {
  const template = parseTemplate(source, kind);
  if (!template.ok) throw new Error(`${source}: ${template.error.code} ${template.error.message}`);
  const url = renderUrl(template.value, values, 'https://crm.example.com/app/');
  if (!url.ok) throw new Error(`${source}: ${url.error.code} ${url.error.message}`);
  return url.value;
}

const SYSTIME_IN_URL = '2026-11-29T18%3A25%3A03Z';

describe('trigger templates: the reference documents, exactly', () => {
  const cases: { name: string; template: string; values?: KeyValues; kind?: TemplateKind; expected: string }[] = [
    {
      name: 'WorldSmart Salesforce record search (its "%&" and "+Go%21+" as printed)',
      template: 'http://na2.salesforce.com/search/SearchResults?searchType=1&sen=003&setLast=1&sbs_tr=<%CALLERID%>%&search=+Go%21+',
      expected: 'http://na2.salesforce.com/search/SearchResults?searchType=1&sen=003&setLast=1&sbs_tr=%2B0702007722%25&search=+Go%21+',
    },
    {
      name: 'WorldSmart Salesforce task creation (literal spaces sent as %20)',
      template:
        'http://na3.salesforce.com/00T/e?title=Call&followup=1&tsk5=Call&tsk6=Call%20From:%20<%CALLERID%>&tsk6_fu=Related To Call From:%20<%CALLERID%>%20on:%20<%SYSTIME%>',
      expected: `http://na3.salesforce.com/00T/e?title=Call&followup=1&tsk5=Call&tsk6=Call%20From:%20%2B0702007722&tsk6_fu=Related%20To%20Call%20From:%20%2B0702007722%20on:%20${SYSTIME_IN_URL}`,
    },
    {
      name: 'WorldSmart logout servlet, wrapped over two lines with spaces around the keys',
      template: 'http://www.newaccount.com/servlet/WSLogoutServlet?MyID= <%USERID%> &MyTime= <%SYSTIME%>\n&MyExtension= <%USEREXT%>',
      expected: `http://www.newaccount.com/servlet/WSLogoutServlet?MyID=%20agent-7%20&MyTime=%20${SYSTIME_IN_URL}&MyExtension=%201001`,
    },
    {
      name: 'WebFront exact match of a number with a plus sign, in a hash route',
      template: 'https://webfront.example.com/#/power?phoneNumber=^<%CALLERID%>',
      expected: 'https://webfront.example.com/#/power?phoneNumber=^%2B0702007722',
    },
    {
      name: 'WebFront exact match of a short internal number',
      template: 'https://webfront.example.com/#/power?phoneNumber=^<%CALLERID%>',
      values: withValues({ CALLERID: '7722' }),
      expected: 'https://webfront.example.com/#/power?phoneNumber=^7722',
    },
    {
      name: 'WebFront wildcard search',
      template: 'https://webfront.example.com/#/power?phoneNumber=<%CALLERID%>',
      values: withValues({ CALLERID: '0702007722' }),
      expected: 'https://webfront.example.com/#/power?phoneNumber=0702007722',
    },
    {
      name: 'WebFront CTI form with a template id',
      template: 'http://webfront.example.com/webfront/CTI.aspx?templateid=4cf10508-c474-94fd-55df-28cb7a6f3fb3&phone=<%CALLERID%>',
      expected: 'http://webfront.example.com/webfront/CTI.aspx?templateid=4cf10508-c474-94fd-55df-28cb7a6f3fb3&phone=%2B0702007722',
    },
    {
      name: 'a hash route of the CRM page itself',
      template: '#/power?phoneNumber=^<%CALLERID%>',
      kind: 'route',
      expected: '#/power?phoneNumber=^%2B0702007722',
    },
    {
      name: 'a path route of the CRM page itself',
      template: '/contacts/<%CALLERID%>?from=<%EVENT%>',
      kind: 'route',
      expected: '/contacts/%2B0702007722?from=inbound.received',
    },
  ];
  for (const { name, template, values, kind, expected } of cases) {
    it(name, () => {
      expect(render(template, values, kind)).to.equal(expected);
    });
  }
});

describe('trigger templates: every key', () => {
  const expected: Record<(typeof TRIGGER_KEYS)[number], string> = {
    CALLERID: '%2B0702007722',
    CALLERNAME: 'Ada%20Lovelace',
    SYSTIME: SYSTIME_IN_URL,
    USERID: 'agent-7',
    USEREXT: '1001',
    DISPLAYNAME: 'Grace%20Hopper',
    DNDSTATUS: 'off',
    TRANSFERID: '2002',
    DID: '%2B390212345678',
    QUEUENAME: 'support',
    QUEUEWAIT: '42',
    CALLID: 'c-5f0b6a2e',
    DIRECTION: 'inbound',
    DURATION: '73',
    DISPOSITION: 'sale',
    NOTES: 'call%20back%20at%205%2C%20ask%20for%20%22Ada%22',
    EVENT: 'inbound.received',
    EVENTID: '0b9d3c3e-8a51-4f5e-9d6c-2f1f4f3f0c11',
    AGENTSTATE: 'ready',
  };
  const values = withValues({ TRANSFERID: '2002', DURATION: '73', DISPOSITION: 'sale', NOTES: 'call back at 5, ask for "Ada"' });
  for (const key of TRIGGER_KEYS) {
    it(`<%${key}%> in a query value`, () => {
      expect(render(`https://crm.example.com/log?v=<%${key}%>`, values)).to.equal(`https://crm.example.com/log?v=${expected[key]}`);
    });
  }

  it('covers every key of the list', () => {
    expect(Object.keys(expected).sort()).to.deep.equal([...TRIGGER_KEYS].sort());
  });

  it('<%VAR:name%> is a CTI variable of the call, empty when the call has none', () => {
    const values = withValues({}, { CONTID: 'C 1042/7', 'Ticket-Id': 'T#9' });
    expect(render('https://crm.example.com/c/<%VAR:CONTID%>?t=<%VAR:Ticket-Id%>&x=<%VAR:missing%>', values)).to.equal('https://crm.example.com/c/C%201042%2F7?t=T%239&x=');
  });

  it('<%RAW:KEY%> inserts the value as it is', () => {
    const values = withValues({ NOTES: 'a=1&b=2' }, { PATH: 'accounts/42' });
    expect(render('https://crm.example.com/<%RAW:VAR:PATH%>?<%RAW:NOTES%>', values)).to.equal('https://crm.example.com/accounts/42?a=1&b=2');
  });

  it('a text template (a body field) takes values as they are', () => {
    const template = parseTemplate('<%CALLERID%> & <%CALLERNAME%>', 'text');
    expect(template.ok && renderText(template.value, SAMPLE_VALUES)).to.equal('+0702007722 & Ada Lovelace');
  });

  it('encodes every character but the unreserved ones, as UTF-8', () => {
    expect(encodeValue("a-b.c_d~e f+g&h=i#j?k/l:m@n!o'p(q)r*s%tü€😀")).to.equal(
      'a-b.c_d~e%20f%2Bg%26h%3Di%23j%3Fk%2Fl%3Am%40n%21o%27p%28q%29r%2As%25t%C3%BC%E2%82%AC%F0%9F%98%80',
    );
  });
});

describe('trigger templates: a value never leaves its component', () => {
  const hostile = ['1&admin=1#x', '../../admin', '/\\evil.example', '@evil.example', 'x?y=1', '%2e%2e', 'javascript:alert(1)', ' \n\t'];
  const templates = [
    'https://crm.example.com/contacts/<%CALLERID%>/view',
    'https://crm.example.com/search?q=<%CALLERID%>&from=ringside',
    'https://crm.example.com/#/power?phoneNumber=^<%CALLERID%>&x=1',
  ];
  for (const template of templates) {
    for (const value of hostile) {
      it(`${JSON.stringify(value)} in ${template}`, () => {
        const url = new URL(render(template, withValues({ CALLERID: value })));
        const plain = new URL(render(template, withValues({ CALLERID: 'VALUE' })));
        expect(url.origin).to.equal('https://crm.example.com');
        // Same path segments, query fields and fragment fields as with a plain value.
        expect(url.pathname.split('/').length).to.equal(plain.pathname.split('/').length);
        expect([...url.searchParams.keys()]).to.deep.equal([...plain.searchParams.keys()]);
        expect(url.hash.split(/[?&=/]/).length).to.equal(plain.hash.split(/[?&=/]/).length);
        const decoded = decodeURIComponent(url.href.replace(/^.*?(contacts\/|q=|phoneNumber=\^)/, '').replace(/(\/view|&from=ringside|&x=1)$/, ''));
        expect(decoded).to.equal(value);
      });
    }
  }

  it('refuses, when it comes, a "." or ".." that would climb the path', () => {
    const template = parseTemplate('https://crm.example.com/a/<%CALLERID%>/b', 'url');
    if (!template.ok) throw new Error('template refused');
    for (const value of ['..', '.']) {
      const url = renderUrl(template.value, withValues({ CALLERID: value }), 'https://crm.example.com/');
      expect(url.ok ? url.value : url.error.code).to.equal('value_not_allowed');
    }
    const fine = renderUrl(template.value, withValues({ CALLERID: '...' }), 'https://crm.example.com/');
    expect(fine.ok && fine.value).to.equal('https://crm.example.com/a/.../b');
  });

  it('a RAW value cannot change the host either', () => {
    const url = new URL(render('https://crm.example.com/<%RAW:CALLERID%>', withValues({ CALLERID: '/evil.example/x' })));
    expect(url.origin).to.equal('https://crm.example.com');
  });

  it('a route stays on the CRM page', () => {
    const template = parseTemplate('/<%RAW:CALLERID%>', 'route');
    if (!template.ok) throw new Error('template refused');
    const url = renderUrl(template.value, withValues({ CALLERID: '/evil.example/x' }), 'https://crm.example.com/app');
    expect(url.ok ? url.value : url.error.code).to.equal('origin_changed');
  });
});

describe('trigger templates: refused when saved, with the reason', () => {
  const cases: [string, unknown, TemplateKind, string][] = [
    ['unknown_key', 'https://crm.example.com/?q=<%CALLER%>', 'url', 'a key that does not exist'],
    ['unknown_key', 'https://crm.example.com/?q=<%callerid%>', 'url', 'a key in lower case'],
    ['unknown_key', 'https://crm.example.com/?q=<%VAR:%>', 'url', 'VAR: without a name'],
    ['unknown_key', 'https://crm.example.com/?q=<%VAR:a b%>', 'url', 'a variable name with a space'],
    ['unknown_key', 'https://crm.example.com/?q=<%RAW:NOPE%>', 'url', 'RAW: of no key'],
    ['broken_template', 'https://crm.example.com/?q=<%CALLERID', 'url', 'an unclosed key'],
    ['broken_template', 'https://crm.example.com/?q=CALLERID%>', 'url', 'a close without an open'],
    ['broken_template', 'https://crm.example.com/?q=<%<%CALLERID%>', 'url', 'an open inside a key'],
    ['broken_template', 'https://crm.example.com/?q=<%%>', 'url', 'an empty key'],
    ['broken_template', 'a <%CALLERID', 'text', 'a broken text template'],
    ['scheme_not_allowed', 'javascript:alert(<%CALLERID%>)', 'url', 'javascript:'],
    ['scheme_not_allowed', 'JavaScript:alert(1)', 'url', 'JavaScript: in mixed case'],
    ['scheme_not_allowed', 'data:text/html,<%CALLERID%>', 'url', 'data:'],
    ['scheme_not_allowed', 'ftp://files.example.com/<%CALLERID%>', 'url', 'ftp:'],
    ['scheme_not_allowed', 'mailto:someone@example.com', 'url', 'mailto:'],
    ['relative_url', '/search?q=<%CALLERID%>', 'url', 'a path'],
    ['relative_url', 'crm.example.com/search?q=<%CALLERID%>', 'url', 'a host without a scheme'],
    ['relative_url', '//crm.example.com/search', 'url', 'a scheme-relative URL'],
    ['relative_url', '?q=<%CALLERID%>', 'url', 'a query alone'],
    ['key_in_origin', '<%RAW:CALLERID%>/x', 'url', 'a key for the whole URL'],
    ['key_in_origin', 'https://<%USERID%>.crm.example.com/', 'url', 'a key in the host'],
    ['key_in_origin', 'https://crm.example.com:<%USEREXT%>/', 'url', 'a key in the port'],
    ['key_in_origin', 'https://crm.example.com<%RAW:CALLERID%>', 'url', 'a key right after the host'],
    ['credentials_in_url', 'https://user:secret@crm.example.com/<%CALLERID%>', 'url', 'a password in the URL'],
    ['not_a_url', 'https:crm.example.com/<%CALLERID%>', 'url', 'one slash short'],
    ['not_a_url', 'https://', 'url', 'no host'],
    ['not_a_url', 'https://crm.example.com:99999/', 'url', 'a port out of range'],
    ['not_a_url', '', 'url', 'an empty URL'],
    ['not_a_url', 42, 'url', 'not a string'],
    ['route_not_relative', 'https://crm.example.com/#/x', 'route', 'a route with a host'],
    ['route_not_relative', '//evil.example/x', 'route', 'a route to another host'],
    ['route_not_relative', '/\\evil.example/x', 'route', 'a route to another host, backslashed'],
    ['route_not_relative', 'contacts/<%CALLERID%>', 'route', 'a relative route'],
  ];
  for (const [code, source, kind, what] of cases) {
    it(`${code}: ${what}`, () => {
      const parsed = parseTemplate(source, kind);
      expect(parsed.ok ? 'accepted' : parsed.error.code).to.equal(code);
      if (!parsed.ok) expect(parsed.error.message).to.be.a('string').and.not.equal('');
    });
  }
});

describe('triggers: checked when set, each refusal coded and the rest kept', () => {
  const good = { event: 'inbound.received', url: 'https://crm.example.com/?q=<%CALLERID%>', mode: 'window' };
  const cases: [string, string, unknown][] = [
    ['not_an_object', '', 'https://crm.example.com/'],
    ['unknown_field', 'target', { ...good, target: 'new' }],
    ['bad_name', 'name', { ...good, name: '' }],
    ['unknown_event', 'event', { ...good, event: 'inbound.ringing' }],
    ['unknown_event', 'event', { ...good, event: 'OnIncommingCallRinging' }],
    // A trigger on its own steps would fire itself for ever.
    ['unknown_event', 'event', { ...good, event: 'OnTriggerActivity' }],
    ['unknown_mode', 'mode', { ...good, mode: 'popup' }],
    ['bad_method', 'method', { ...good, mode: 'background', method: 'PUT' }],
    ['bad_body', 'body', { ...good, mode: 'background', body: { xml: '<a/>' } }],
    ['bad_body', 'body.form.phone', { ...good, mode: 'background', body: { form: { phone: 7 } } }],
    ['unknown_key', 'body.json.caller', { ...good, mode: 'background', body: { json: { caller: '<%CALLR%>' } } }],
    ['body_not_allowed', 'body', { ...good, body: { json: { a: 1 } } }],
    ['body_not_allowed', 'body', { ...good, mode: 'background', method: 'GET', body: { json: { a: 1 } } }],
    ['body_not_allowed', 'method', { ...good, mode: 'reuse', method: 'POST' }],
    ['bad_when', 'when.direction', { ...good, when: { direction: 'in' } }],
    ['bad_when', 'when.acd', { ...good, when: { acd: 'yes' } }],
    ['bad_when', 'when.queue', { ...good, when: { queue: [] } }],
    ['bad_when', 'when.caller', { ...good, when: { caller: '+39' } }],
    ['scheme_not_allowed', 'url', { ...good, url: 'javascript:alert(1)' }],
    ['route_not_relative', 'url', { ...good, mode: 'route' }],
  ];
  for (const [code, field, trigger] of cases) {
    it(`${code} at "${field}"`, () => {
      const checked = checkTrigger(trigger);
      expect(checked.ok ? 'accepted' : [checked.problem.code, checked.problem.field]).to.deep.equal([code, field]);
    });
  }

  it('accepts every mode, a protocol event by name, and a POST with a JSON body', () => {
    const checked = checkTriggers([
      good,
      { ...good, mode: 'reuse', name: 'Salesforce search' },
      { event: 'OnIncomingCallRinging', url: '#/power?phoneNumber=^<%CALLERID%>', mode: 'route' },
      { event: 'inbound.hangup', url: 'https://log.example.com/calls', mode: 'background', body: { json: { id: '<%EVENTID%>', n: 1, tags: ['<%QUEUENAME%>'] } } },
      { event: 'login', url: 'https://log.example.com/in?u=<%USERID%>', mode: 'background' },
    ]);
    expect(checked.problems).to.deep.equal([]);
    expect(checked.triggers.map((t) => [t.id, t.mode, t.method])).to.deep.equal([
      ['trigger-1', 'window', 'GET'],
      ['Salesforce search', 'reuse', 'GET'],
      ['trigger-3', 'route', 'GET'],
      ['trigger-4', 'background', 'POST'],
      ['trigger-5', 'background', 'GET'],
    ]);
  });

  it('keeps the good triggers of a list and names the place of each bad one', () => {
    const checked = checkTriggers([good, { ...good, url: 'data:,x' }, { ...good, name: 'a' }, { ...good, name: 'a' }]);
    expect(checked.triggers).to.have.length(2);
    expect(checked.problems.map((p) => [p.index, p.code])).to.deep.equal([
      [1, 'scheme_not_allowed'],
      [3, 'duplicate_name'],
    ]);
  });

  it('not_a_list and too_many_triggers', () => {
    expect(checkTriggers({ event: 'login' }).problems.map((p) => p.code)).to.deep.equal(['not_a_list']);
    const many = checkTriggers(Array.from({ length: MAX_TRIGGERS + 5 }, () => good));
    expect(many.triggers).to.have.length(MAX_TRIGGERS);
    expect(many.problems.map((p) => [p.index, p.code])).to.deep.equal([[MAX_TRIGGERS, 'too_many_triggers']]);
  });
});
