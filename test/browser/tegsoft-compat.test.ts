import { expect } from '@open-wc/testing';
import { mintToken, mountPhone, unmountAll } from '../support/phone.js';
import { tegsoftHost, type TegsoftHost } from '../support/tegsoft-host.js';

/** The keys of `activeCallProperties` in the Tegsoft document's inbound event sample. */
const documentInboundKeys = [
  'incomingCallModalVisible', 'SKILL', 'DIRECTION', 'SKILLNAME', 'dstUniqueId', 'INTERFACE', 'agentUID', 'channelName', 'callerId', 'callerIdName',
  'REASON', 'uniqueId', 'CONTID', 'SRCEVENT', 'callStatusLine1', 'callStatusLine2', 'isInCall', 'PHOTOURL', 'CALLID', 'answered',
];

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('host code written for the Tegsoft widget', () => {
  afterEach(() => {
    unmountAll();
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('gets events in onMessage and drives calls with sendAction, unchanged', async () => {
    // Arrange: the CRM page (allowed origin) with the phone iframe logged in from its URL.
    const crm = await tegsoftHost('1001');
    const customer = await mountPhone('2001');
    const event = (name: string, after = 0) => until(name, () => crm.received.slice(after).find((m) => m.name === name));
    const status = await event('status');
    expect(status.data.registration).to.be.oneOf(['logging_in', 'registering', 'registered']);
    await until('registered', () => crm.received.find((m) => m.name === 'OnRegistrationChanged' && m.data.state === 'registered'));

    // Act: the document's queryStatus(); its onMessage listens for the `status` event.
    const results: { type: string; ok: boolean; name: string; data: unknown }[] = [];
    crm.addEventListener('message', (e) => e.data?.type === 'result' && results.push(e.data));
    const beforeQuery = crm.received.length;
    crm.queryStatus();
    const queried = await event('status', beforeQuery);
    const result = await until('the queryStatus result', () => results.find((r) => r.name === 'queryStatus'));

    // Assert: a `status` event in the CRM's own handler, and the result beside it.
    expect(queried.data.registration).to.equal('registered');
    expect(queried.data.agent.EXTEN).to.equal('1001');
    expect(result.ok).to.equal(true);
    expect(result.data).to.deep.equal(queried.data);

    // Act: the document's click-to-call action, then hang up the same way.
    crm.sendAction({ type: 'action', group: 'agent', name: 'dial', data: { numberToDial: '2001', ctiData: { variables: { CONTID: 'sampleCONTID' } } } });
    const ringing = await customer.log.next('OnIncomingCallRinging');
    await customer.phone.answer();
    const answered = await event('OnOutgoingCallAnswered');
    crm.sendAction({ type: 'action', group: 'agent', name: 'hangUp' });
    const hangup = await event('OnOutgoingCallHangup');

    // Assert: Tegsoft payload shapes arrive in the CRM's own handler.
    expect(ringing.data.call.remoteNumber).to.equal('1001');
    expect(answered.type).to.equal('event');
    expect(answered.group).to.equal('agent');
    expect(answered.data.primarySession.remoteNumber).to.equal('2001');
    expect(answered.data.activeCallProperties.DIRECTION).to.equal('OUTBOUND');
    expect(hangup.data.call.endReason).to.equal('local_hangup');
    await customer.log.next('OnIncomingCallHangup');
  });

  it('gets an inbound call with the document\'s UID, EXTEN and activeCallProperties keys', async () => {
    // Arrange: the CRM page logged in as agent 1001, and a customer's phone.
    const crm = await tegsoftHost('1001');
    await until('registered', () => crm.received.find((m) => m.name === 'OnRegistrationChanged' && m.data.state === 'registered'));
    const customer = await mountPhone('2001');

    // Act: the customer calls the agent.
    await customer.phone.dial('1001');
    const ringing = await until('OnIncomingCallRinging', () => crm.received.find((m) => m.name === 'OnIncomingCallRinging'));

    // Assert: the document's inbound shape, key for key (values are this call's own).
    expect(ringing.data.UID).to.equal('1001');
    expect(ringing.data.EXTEN).to.equal('1001');
    expect(Object.keys(ringing.data.activeCallProperties).sort()).to.deep.equal([...documentInboundKeys].sort());
    expect(ringing.data.activeCallProperties).to.include({ DIRECTION: 'INBOUND', callerId: '2001', INTERFACE: 'SIP/1001', agentUID: '1001', SKILL: '', CONTID: '' });
    await customer.phone.hangUp();
    await until('OnAgentRingNoAnswer', () => crm.received.find((m) => m.name === 'OnAgentRingNoAnswer'));
  });

  it('answers a queryStatus the CRM sends as soon as its page has loaded', async () => {
    const frame = document.createElement('iframe');
    frame.src = `/test/fixtures/tegsoft-host.html?token=${encodeURIComponent(await mintToken('1002'))}`;
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const crm = frame.contentWindow as TegsoftHost;
    const results: { type: string; ok: boolean; name: string }[] = [];
    crm.addEventListener('message', (e) => e.data?.type === 'result' && results.push(e.data));

    // The frame's load waited for the widget page, but its login is still in flight.
    crm.queryStatus();

    const result = await until('a result', () => results[0]);
    expect(result.ok).to.equal(true);
    expect(result.name).to.equal('queryStatus');
  });
});
