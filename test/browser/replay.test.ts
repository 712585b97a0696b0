import { expect } from '@open-wc/testing';
import { EventLog, mintToken, mountPhone, unmountAll, WIDGET_URL } from '../support/phone.js';

const seqs = (log: EventLog) => log.events.map((e) => e.seq);
const increasing = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);

async function registeredAfter(log: EventLog, mark: number): Promise<void> {
  for (let at = mark; ; ) {
    const event = await log.next('OnRegistrationChanged', at);
    if ((event.data as { state: string }).state === 'registered') return;
    at = log.events.indexOf(event) + 1;
  }
}

describe('event sequence across reloads and re-mounts', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => unmountAll());

  it('continues the sequence when the widget iframe reloads, with no event delivered twice', async () => {
    const { phone, log } = await mountPhone('1001');
    const before = Math.max(...seqs(log));

    const frame = phone.shadowRoot!.querySelector('iframe')!;
    frame.src = frame.src; // the widget page reloads, as after a crash or a deploy
    const mark = log.events.length;
    await log.next('status', mark);
    await registeredAfter(log, mark);

    expect(increasing(seqs(log)), seqs(log).join(',')).to.equal(true);
    expect(log.events[mark]!.seq).to.be.greaterThan(before);
  });

  it('a re-mounted element asks only for what it missed', async () => {
    const token = await mintToken('1001');
    const first = await mountPhone('1001', { token });
    const lastSeen = first.phone.lastSeq;
    unmountAll();

    const again = document.createElement('ringside-phone');
    const log = new EventLog(again);
    again.token = token;
    again.src = WIDGET_URL;
    document.body.append(again);
    await log.next('status');

    expect(log.events.every((e) => e.seq > lastSeen), `${lastSeen} then ${seqs(log).join(',')}`).to.equal(true);
    expect(log.names().filter((n) => n === 'OnLogin')).to.have.length.at.most(1);
  });
});
