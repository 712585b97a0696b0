import { expect } from '@open-wc/testing';
import { AgentSettings } from './agent-settings.js';
import { AutoAnswer, autoAnswerPolicy } from './auto-answer.js';
import { call, FakeDeskCore, ManualTimers } from './fake-desk-core.js';

function setupTest({ delaySeconds = 3, allow = true } = {}) {
  const core = new FakeDeskCore();
  core.settings.allowAutoAnswer = allow;
  core.prefs = { autoAnswer: { enabled: true, delaySeconds } };
  const settings = new AgentSettings(null);
  settings.use('ringside.settings.u1');
  const timers = new ManualTimers();
  const autoAnswer = new AutoAnswer(core, settings, { timers });
  autoAnswer.start();
  return { core, settings, timers, autoAnswer };
}

describe('autoAnswerPolicy', () => {
  const on = { enabled: true, delaySeconds: 5 };
  const off = { enabled: false, delaySeconds: 0 };
  const cases: [string, boolean, typeof on | undefined, typeof on | undefined, [boolean, number, string]][] = [
    ['nobody asked', true, undefined, undefined, [false, 0, 'none']],
    ['the host asks', true, on, undefined, [true, 5, 'host']],
    ['the agent turned it off over the host', true, on, off, [false, 0, 'agent']],
    ['the agent turned it on, the host said nothing', true, undefined, { enabled: true, delaySeconds: 2 }, [true, 2, 'agent']],
    ['the tenant forbids it', false, on, on, [false, 5, 'agent']],
    ['a delay past 60 from storage', true, undefined, { enabled: true, delaySeconds: 600 }, [true, 60, 'agent']],
  ];
  for (const [name, allowed, host, own, [enabled, delaySeconds, source]] of cases) {
    it(name, () => {
      expect(autoAnswerPolicy(allowed, host, own)).to.deep.equal({ allowed, enabled, delaySeconds, source });
    });
  }
});

describe('AutoAnswer', () => {
  it('answers a ringing call after the delay, not before', () => {
    const { core, timers } = setupTest({ delaySeconds: 3 });

    core.setCalls(call('c1'));
    timers.advance(2999);
    expect(core.commands).to.deep.equal([]);
    timers.advance(1);

    expect(core.commands).to.deep.equal(['answer c1']);
    expect(core.snapshot().calls[0]?.state).to.equal('active');
    expect(timers.armed).to.equal(0);
  });

  it('answers at once with no delay, still outside the change that reported the call', () => {
    const { core, timers } = setupTest({ delaySeconds: 0 });

    core.setCalls(call('c1'));
    expect(core.commands).to.deep.equal([]);
    timers.advance(0);

    expect(core.commands).to.deep.equal(['answer c1']);
  });

  it('lets the call go when it stops ringing first', () => {
    const { core, timers } = setupTest();

    core.setCalls(call('c1'));
    timers.advance(1000);
    core.setCalls(call('c1', { state: 'ended', endReason: 'cancelled' }));
    timers.advance(5000);

    expect(core.commands).to.deep.equal([]);
    expect(timers.armed).to.equal(0);
  });

  it('never answers a second call during a call', () => {
    const { core, timers } = setupTest({ delaySeconds: 0 });

    core.setCalls(call('c0', { state: 'active' }), call('c1'));
    timers.advance(60_000);

    expect(core.commands).to.deep.equal([]);
    expect(timers.armed).to.equal(0);
  });

  it('answers the first of two calls ringing together, and leaves the second ringing', () => {
    const { core, timers } = setupTest({ delaySeconds: 2 });

    core.setCalls(call('c1'));
    timers.advance(1000);
    core.setCalls(call('c1'), call('c2'));
    timers.advance(60_000);

    expect(core.commands).to.deep.equal(['answer c1']);
    expect(core.snapshot().calls.map((c) => c.state)).to.deep.equal(['active', 'ringing']);
  });

  it('does nothing when the tenant does not allow it, whatever the host and the agent ask', () => {
    const { core, settings, timers } = setupTest({ allow: false });
    settings.update({ autoAnswer: { enabled: true, delaySeconds: 0 } });

    core.setCalls(call('c1'));
    timers.advance(60_000);

    expect(core.commands).to.deep.equal([]);
  });

  it('follows the agent’s own setting over the host’s, and stops a countdown when turned off', () => {
    const { core, settings, timers } = setupTest({ delaySeconds: 10 });
    settings.update({ autoAnswer: { enabled: true, delaySeconds: 1 } });

    core.setCalls(call('c1'));
    timers.advance(1000);
    expect(core.commands).to.deep.equal(['answer c1']);

    core.setCalls(call('c2'));
    settings.update({ autoAnswer: { enabled: false, delaySeconds: 1 } });
    timers.advance(60_000);
    expect(core.commands).to.deep.equal(['answer c1']);
  });

  it('does not answer for an agent who is not ready', () => {
    const { core, timers } = setupTest({ delaySeconds: 0 });
    core.set({ agentState: { state: 'not_ready', ready: false, reason: 'break', since: 0 } });

    core.setCalls(call('c1'));
    timers.advance(60_000);

    expect(core.commands).to.deep.equal([]);
  });

  it('tries a call once: an answer that fails is not repeated on the next change', async () => {
    const { core, timers } = setupTest({ delaySeconds: 0 });
    let tries = 0;
    core.lines.answer = () => {
      tries++;
      return Promise.reject(new Error('media_unavailable'));
    };

    core.setCalls(call('c1'));
    timers.advance(0);
    await Promise.resolve();
    core.setCalls(call('c1', { remoteName: 'Still ringing' }));
    timers.advance(60_000);

    expect(tries).to.equal(1);
  });

  it('looks at the calls as soon as it starts: a call already ringing then is answered after the delay', () => {
    const core = new FakeDeskCore();
    core.prefs = { autoAnswer: { enabled: true, delaySeconds: 1 } };
    core.setCalls(call('c1'));
    const settings = new AgentSettings(null);
    const timers = new ManualTimers();
    const autoAnswer = new AutoAnswer(core, settings, { timers });

    autoAnswer.start();
    timers.advance(1000);

    expect(core.commands).to.deep.equal(['answer c1']);
    autoAnswer.stop();
  });

  it('runs no timer while idle or once stopped', () => {
    const { core, timers, autoAnswer } = setupTest();
    core.setCalls(call('o1', { direction: 'outbound', state: 'dialing' }));
    expect(timers.armed).to.equal(0);

    core.setCalls(call('c1'));
    expect([timers.armed, autoAnswer.pendingCallId]).to.deep.equal([1, 'c1']);
    autoAnswer.stop();

    expect([timers.armed, core.listeners]).to.deep.equal([0, 0]);
  });
});
