import { expect } from '@open-wc/testing';
import { BrowserClock, ManualClock } from './clock.js';

/**
 * The widget's one clock. BrowserClock is read through the timers it really arms: the
 * window's setTimeout and clearTimeout are replaced for the span of each test (synchronous,
 * so nothing else arms one meanwhile), and its time is fixed, so each delay is exact.
 */
function fakeTimers() {
  const real = { set: window.setTimeout, clear: window.clearTimeout };
  const live = new Map<number, { run: () => void; delay: number }>();
  let ids = 0;
  window.setTimeout = ((run: () => void, delay = 0) => {
    live.set(++ids, { run, delay });
    return ids;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id: number) => void live.delete(id)) as typeof window.clearTimeout;
  return {
    live,
    /** The delay of the one live timer (fails with none or several). */
    delay(): number {
      expect(live.size, 'live timers').to.equal(1);
      return [...live.values()][0]!.delay;
    },
    fire(): void {
      const [id, timer] = [...live][0]!;
      live.delete(id);
      timer.run();
    },
    restore(): void {
      window.setTimeout = real.set;
      window.clearTimeout = real.clear;
    },
  };
}

class FixedClock extends BrowserClock {
  time = 1_000_100;
  override now(): number {
    return this.time;
  }
}

describe('BrowserClock', () => {
  let timers: ReturnType<typeof fakeTimers>;
  beforeEach(() => (timers = fakeTimers()));
  afterEach(() => timers.restore());

  it('arms no timer while nobody needs ticks', () => {
    const clock = new FixedClock();

    expect(clock.armed).to.equal(0);
    expect(timers.live.size).to.equal(0);
  });

  it('keeps one timer for several needs of different periods, due at the nearest', () => {
    const clock = new FixedClock();

    clock.tick(60_000, () => undefined);
    clock.tick(1000, () => undefined);
    clock.tick(250, () => undefined);

    expect(clock.armed).to.equal(1);
    expect(timers.delay()).to.equal(150); // 1_000_100 → the next whole 250 ms, 1_000_250
  });

  it('arms none once every need has unsubscribed, and re-arms for what is left in between', () => {
    const clock = new FixedClock();
    const stopFast = clock.tick(250, () => undefined);
    const stopSlow = clock.tick(1000, () => undefined);

    stopFast();
    expect(timers.delay()).to.equal(900);
    stopSlow();

    expect(clock.armed).to.equal(0);
    expect(timers.live.size).to.equal(0);
  });

  it('ticks on whole periods, each need at its own, and stays aligned after a late timer', () => {
    const clock = new FixedClock();
    const ticks: string[] = [];
    clock.tick(1000, () => ticks.push(`1s@${clock.time}`));
    clock.tick(300, () => ticks.push(`300ms@${clock.time}`));
    expect(timers.delay()).to.equal(100); // due at 1_000_200, a multiple of 300

    clock.time = 1_000_200;
    timers.fire();
    expect(timers.delay()).to.equal(300);
    clock.time = 1_000_530; // the timer ran 30 ms late
    timers.fire();
    expect(timers.delay()).to.equal(270); // back on the beat: 1_000_800, not 1_000_830
    clock.time = 1_001_000;
    timers.fire();

    expect(ticks).to.deep.equal(['300ms@1000200', '300ms@1000530', '1s@1001000', '300ms@1001000']);
    expect(timers.delay()).to.equal(100); // the next multiple of 300, 1_001_100
  });
});

describe('BrowserClock on the real timer', () => {
  it('ticks, and stops when asked', async () => {
    const clock = new BrowserClock();
    let ticks = 0;
    let stop: () => void = () => undefined;
    await new Promise<void>((resolve) => {
      stop = clock.tick(20, () => {
        ticks += 1;
        if (ticks === 2) resolve();
      });
    });

    stop();

    expect(ticks).to.equal(2);
    expect(clock.armed).to.equal(0);
  });
});

describe('ManualClock', () => {
  it('ticks each need when moved past its period, and not after it unsubscribed', () => {
    const clock = new ManualClock(0);
    const ticks: number[] = [];
    const stop = clock.tick(1000, () => ticks.push(clock.now()));

    clock.advance(999);
    clock.advance(1);
    stop();
    clock.advance(5000);

    expect(ticks).to.deep.equal([1000]);
    expect(clock.needs).to.equal(0);
  });
});
