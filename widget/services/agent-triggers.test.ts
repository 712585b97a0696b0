import { expect } from '@open-wc/testing';
import { agentTriggersKey, readAgentTriggers, saveAgentTriggers } from './agent-triggers.js';

/** A storage that refuses every write, as a full or blocked one does. */
const refusing = { getItem: () => null, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); }, removeItem: () => { throw new DOMException('blocked', 'SecurityError'); } } as unknown as Storage;

describe('agent triggers storage', () => {
  const key = agentTriggersKey('u1', 't1');
  afterEach(() => localStorage.removeItem(key));

  it('is kept per agent, per tenant', () => {
    expect([key, agentTriggersKey('u1'), agentTriggersKey('u2', 't1')]).to.deep.equal(['ringside.triggers.t1.u1', 'ringside.triggers.u1', 'ringside.triggers.t1.u2']);
  });

  it('saves and reads a list back; an empty list removes the key', () => {
    const list = [{ event: 'login', url: 'https://crm.example.com/', mode: 'window' }];
    expect(saveAgentTriggers(localStorage, key, list)).to.equal(true);
    expect(readAgentTriggers(localStorage, key)).to.deep.equal(list);
    expect(saveAgentTriggers(localStorage, key, [])).to.equal(true);
    expect(localStorage.getItem(key)).to.equal(null);
  });

  it('reads tolerantly: broken JSON or a non-list is none, a non-object entry is dropped', () => {
    localStorage.setItem(key, '[{');
    expect(readAgentTriggers(localStorage, key)).to.deep.equal([]);
    localStorage.setItem(key, '{"event":"login"}');
    expect(readAgentTriggers(localStorage, key)).to.deep.equal([]);
    localStorage.setItem(key, '[1, null, [], {"event":"login"}]');
    expect(readAgentTriggers(localStorage, key)).to.deep.equal([{ event: 'login' }]);
    expect(readAgentTriggers(null, key)).to.deep.equal([]);
  });

  it('says when the browser refused to keep them', () => {
    expect(saveAgentTriggers(refusing, key, [{ event: 'login' }])).to.equal(false);
    expect(saveAgentTriggers(refusing, key, [])).to.equal(false);
    expect(saveAgentTriggers(null, key, [{ event: 'login' }])).to.equal(false);
  });
});
