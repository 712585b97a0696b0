import { expect } from '@open-wc/testing';
import type { UrlTrigger } from '../admin-types.js';
import { checkDraft, checkDrafts, configOf, controlOf, draftOf, emptyDraft, isBlank, type TriggerDraft } from './trigger-draft.js';
import { previewOf } from './trigger-preview.js';

const FULL: UrlTrigger = {
  name: 'Log the call',
  event: 'inbound.hangup',
  url: 'https://crm.example.com/api/calls?agent=<%USERID%>',
  target: 'background',
  method: 'POST',
  body: { json: { id: '<%EVENTID%>', caller: '<%CALLERID%>', seconds: 0, tags: ['a', null, true], nested: { notes: '<%NOTES%>' } } },
  when: { direction: 'inbound', acd: false, queue: 'Support', did: ['+390212345678', '+390299999999'], numberPrefix: ['+39'] },
};

const built = (draft: TriggerDraft) => {
  const result = configOf(draft);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
  return result.value;
};

describe('trigger drafts (the admin page’s trigger editor)', () => {
  it('shows every field of a loaded trigger as text, and sends it back identical when nothing changed', () => {
    const draft = draftOf(FULL);
    expect({ ...draft, original: undefined }).to.deep.equal({
      name: 'Log the call',
      event: 'inbound.hangup',
      url: FULL.url,
      target: 'background',
      method: 'POST',
      bodyKind: 'json',
      body: JSON.stringify((FULL.body as { json: unknown }).json, null, 2),
      direction: 'inbound',
      acd: 'no',
      queue: 'Support',
      did: '+390212345678, +390299999999',
      numberPrefix: '+39',
      original: undefined,
    });
    expect(built(draft)).to.deep.equal(FULL);
  });

  it('keeps a one-value list as it was written (string or list) until it is edited; then one value is a string, several a list', () => {
    const draft = draftOf(FULL);
    expect((built(draft).when as { numberPrefix: unknown }).numberPrefix).to.deep.equal(['+39']);
    const edited = built({ ...draft, queue: 'Support, Sales ,', numberPrefix: '0' });
    expect(edited.when).to.deep.equal({ direction: 'inbound', acd: false, queue: ['Support', 'Sales'], did: ['+390212345678', '+390299999999'], numberPrefix: '0' });
  });

  it('leaves out what is not set: no name, method, body or conditions', () => {
    const draft = { ...emptyDraft(), event: ' login ', url: ' #/agent/<%USERID%> ', target: 'route' as const };
    expect(built(draft)).to.deep.equal({ event: 'login', url: '#/agent/<%USERID%>', target: 'route' });
    expect(built({ ...draftOf(FULL), name: '', method: '', bodyKind: '', direction: '', acd: '', queue: '', did: ' ', numberPrefix: '' })).to.deep.equal({
      event: FULL.event,
      url: FULL.url,
      target: 'background',
    });
  });

  it('reads form fields one a line (name=template, the value may hold "=") and writes them back the same way', () => {
    const draft = { ...emptyDraft(), event: 'login', url: 'https://crm.example.com/hook', target: 'background' as const, bodyKind: 'form' as const, body: 'phone=<%CALLERID%>\r\n\nq=a=b\n' };
    const trigger = built(draft);
    expect(trigger.body).to.deep.equal({ form: { phone: '<%CALLERID%>', q: 'a=b' } });
    expect(draftOf(trigger).body).to.equal('phone=<%CALLERID%>\nq=a=b');
  });

  const refusals: [string, Partial<TriggerDraft>, string, string][] = [
    ['JSON that does not parse', { target: 'background', bodyKind: 'json', body: '{"a": ' }, 'body', 'bad_body'],
    ['a form line without "="', { target: 'background', bodyKind: 'form', body: 'phone' }, 'body', 'bad_body'],
    ['an unknown key in the body', { target: 'background', bodyKind: 'json', body: '{"a": "<%CALLER%>"}' }, 'body', 'unknown_key'],
    ['a body on a window', { bodyKind: 'form', body: 'a=b' }, 'body', 'body_not_allowed'],
    ['POST on a route', { target: 'route', url: '#/x', method: 'POST' }, 'method', 'body_not_allowed'],
    ['an absolute URL as a route', { target: 'route' }, 'url', 'route_not_relative'],
    ['an unknown event', { event: 'inbound.ringing' }, 'event', 'unknown_event'],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'url', 'scheme_not_allowed'],
    ['a name with a control character', { name: 'a\u0007b' }, 'name', 'bad_name'],
  ];
  for (const [what, patch, control, code] of refusals) {
    it(`refuses ${what} at the ${control} control with ${code}, and previews the refusal`, () => {
      const draft = { ...emptyDraft(), event: 'login', url: 'https://crm.example.com/', ...patch };
      const problem = checkDraft(draft, 0);
      expect(problem && { control: problem.control, code: problem.code }).to.deep.equal({ control, code });
      expect(previewOf(draft, problem)).to.include({ ok: false, code });
    });
  }

  const controls: [string, string][] = [
    ['', 'event'],
    ['name', 'name'],
    ['mode', 'target'],
    ['target', 'target'],
    ['url', 'url'],
    ['method', 'method'],
    ['body', 'body'],
    ['body.json.caller', 'body'],
    ['body.json[2].x', 'body'],
    ['body.form.phone', 'body'],
    ['when', 'direction'],
    ['when.acd', 'acd'],
    ['when.queue', 'queue'],
    ['when.numberPrefix', 'numberPrefix'],
    ['when.colour', 'direction'],
    ['colour', 'event'],
  ];
  for (const [field, control] of controls) {
    it(`shows a refusal of "${field}" (the checker's or the server's field) at the ${control} control`, () => {
      expect(controlOf(field)).to.equal(control);
    });
  }

  it('names a refused URL before a body that does not parse, in the checker’s order', () => {
    const draft = { ...emptyDraft(), event: 'login', url: 'javascript:alert(1)', target: 'background' as const, bodyKind: 'json' as const, body: '' };
    expect(checkDraft(draft, 0)).to.include({ control: 'url', code: 'scheme_not_allowed' });
    expect(checkDraft({ ...draft, url: 'https://crm.example.com/' }, 0)).to.include({ control: 'body', code: 'bad_body' });
  });

  it('refuses a name a trigger before it has, not the first one', () => {
    const one = { ...emptyDraft(), name: 'Search', event: 'login', url: 'https://crm.example.com/' };
    const problems = checkDrafts([one, emptyDraft(), { ...one, event: 'logout' }]);
    expect(problems.map((p) => p && `${p.control}:${p.code}`)).to.deep.equal([null, null, 'name:duplicate_name']);
    expect(isBlank(emptyDraft())).to.equal(true);
  });

  it('previews the URL and the rendered JSON or form body of a background POST for the sample call', () => {
    const json = draftOf(FULL);
    const preview = previewOf(json, checkDraft(json, 0));
    expect(preview).to.deep.include({ ok: true, url: 'https://crm.example.com/api/calls?agent=agent-7', method: 'POST' });
    const body = preview && preview.ok && preview.body;
    expect(body && body.contentType).to.equal('application/json');
    expect(JSON.parse(body ? body.text : 'null')).to.deep.equal({ id: '0b9d3c3e-8a51-4f5e-9d6c-2f1f4f3f0c11', caller: '+0702007722', seconds: 0, tags: ['a', null, true], nested: { notes: '' } });
    const form = { ...json, bodyKind: 'form' as const, body: 'phone=<%CALLERID%>\nwho=<%CALLERNAME%>' };
    const formPreview = previewOf(form, checkDraft(form, 0));
    expect(formPreview && formPreview.ok && formPreview.body).to.deep.equal({ contentType: 'application/x-www-form-urlencoded', text: 'phone=%2B0702007722&who=Ada+Lovelace' });
    const route = { ...emptyDraft(), event: 'acd.received', target: 'route' as const, url: '#/power?phoneNumber=^<%CALLERID%>' };
    expect(previewOf(route, checkDraft(route, 0))).to.deep.equal({ ok: true, url: '#/power?phoneNumber=^%2B0702007722', method: 'GET', body: null });
  });
});
