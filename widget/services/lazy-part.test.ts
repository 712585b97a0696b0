import { expect } from '@open-wc/testing';
import { LazyPart } from './lazy-part.js';

/**
 * A lazily loaded part: work asked of it before it arrives is done in order once it does, a
 * failed load is tried again at the next need, and a part handed over at once is used at once.
 */
function gated<T>(value: T) {
  const loads: { resolve: (value: T) => void; reject: (error: Error) => void }[] = [];
  const load = () => new Promise<T>((resolve, reject) => loads.push({ resolve, reject }));
  return { loads, load, value };
}

describe('LazyPart', () => {
  it('does what waited in order once loaded, work queued meanwhile after it, then at once', async () => {
    const gate = gated({ name: 'part' });
    const part = new LazyPart(gate.load);
    const done: string[] = [];

    part.run(() => done.push('first'), false);
    expect(gate.loads).to.have.length(0);
    part.run(() => {
      done.push('second');
      part.run(() => done.push('queued while draining'));
    });
    part.run(() => done.push('third'));
    expect(gate.loads).to.have.length(1);
    expect(part.value).to.equal(null);
    expect(part.waiting).to.equal(true);

    gate.loads[0]?.resolve(gate.value);
    await part.load();
    expect(done).to.deep.equal(['first', 'second', 'third', 'queued while draining']);

    part.run(() => done.push('now'));
    expect(done.at(-1)).to.equal('now');
    expect(gate.loads).to.have.length(1);
  });

  it('with a limit, keeps only the newest work while the part is not there', async () => {
    const gate = gated({ name: 'part' });
    const part = new LazyPart(gate.load, 3);
    const done: number[] = [];

    for (let i = 1; i <= 5; i += 1) part.run(() => done.push(i), false);
    gate.loads.length = 0;
    void part.load();
    gate.loads[0]?.resolve(gate.value);
    await part.load();

    expect(done).to.deep.equal([3, 4, 5]);
  });

  it('keeps what waits when the load fails, and loads again at the next need', async () => {
    const gate = gated(42);
    const part = new LazyPart(gate.load);
    const seen: number[] = [];
    part.run((n) => seen.push(n), false);

    const first = part.load();
    gate.loads[0]?.reject(new Error('chunk unreachable'));
    let failure = '';
    await first.catch((error: Error) => (failure = error.message));
    expect(failure).to.equal('chunk unreachable');
    expect(seen).to.deep.equal([]);

    const second = part.load();
    gate.loads[1]?.resolve(gate.value);
    expect(await second).to.equal(42);
    expect(seen).to.deep.equal([42]);
  });

  it('uses a part handed over at once from the first call; an error of work done at once reaches the caller', () => {
    const part = new LazyPart(() => 'here');
    const seen: string[] = [];
    part.run((value) => seen.push(value));
    expect(seen).to.deep.equal(['here']);
    expect(() =>
      part.run(() => {
        throw new Error('refused');
      }),
    ).to.throw('refused');
  });

  it('forgets what waits when dropped', async () => {
    const gate = gated('x');
    const part = new LazyPart(gate.load);
    const seen: string[] = [];
    part.run((value) => seen.push(value), false);
    part.drop();
    expect(part.requested).to.equal(false);

    const loading = part.load();
    gate.loads[0]?.resolve(gate.value);
    await loading;
    expect(seen).to.deep.equal([]);
  });
});
