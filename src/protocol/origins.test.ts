import { expect } from '@open-wc/testing';
import { isOriginAllowed } from './origins.js';

describe('isOriginAllowed', () => {
  const list = ['https://crm.example.com', 'https://*.tenant.example', 'http://localhost:8000'];
  const cases: [string, boolean][] = [
    ['https://crm.example.com', true],
    ['http://crm.example.com', false],
    ['https://crm.example.com:444', false],
    ['https://crm.example.com.evil.example', false],
    ['https://evilcrm.example.com', false],
    ['https://a.tenant.example', true],
    ['https://a.b.tenant.example', true],
    ['https://tenant.example', false],
    ['https://eviltenant.example', false],
    ['http://a.tenant.example', false],
    ['http://localhost:8000', true],
    ['http://127.0.0.1:8000', false],
    ['null', false],
    ['', false],
  ];
  for (const [origin, expected] of cases) {
    it(`${origin || '(empty)'} → ${expected}`, () => expect(isOriginAllowed(origin, list)).to.equal(expected));
  }
});
