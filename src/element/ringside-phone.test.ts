import { expect } from '@open-wc/testing';
import '../index.js';
import { eventClasses, RingsideEvent } from './events.js';
import { domEventType, eventNames, type EventName } from '../protocol/index.js';

/** Compile-time: `eventNames` lists every `EventName`, so the test below covers every event. */
type Unlisted = Exclude<EventName, (typeof eventNames)[number]>;
const everyEventListed: [Unlisted] extends [never] ? true : Unlisted = true;

describe('<ringside-phone> definition', () => {
  it('warns instead of throwing when a second copy of the SDK defines it again', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      // A different URL is a separate module instance: a second copy of the SDK.
      await import(/* @vite-ignore */ `${new URL('./ringside-phone.ts', import.meta.url).href}?copy=2`);
    } finally {
      console.warn = original;
    }

    expect(warnings.some((w) => /already defined/.test(w))).to.equal(true);
    expect(customElements.get('ringside-phone')).to.be.a('function');
  });

  it('has a typed event class for every protocol event, with the DOM type the protocol names', () => {
    expect(everyEventListed).to.equal(true);
    for (const name of eventNames) {
      const event = new eventClasses[name]({} as never, 1);
      expect(event).to.be.instanceOf(RingsideEvent);
      expect(event.type).to.equal(domEventType(name));
      expect(event.bubbles && event.composed).to.equal(true);
    }
  });
});
