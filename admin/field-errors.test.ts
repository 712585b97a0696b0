import { expect } from '@open-wc/testing';
import { AdminApiError } from './admin-client.js';
import { compact, FieldErrors, under } from './field-errors.js';

describe('FieldErrors', () => {
  const refused = new FieldErrors([
    { field: 'allowedOrigins[0]', message: 'bad 0' },
    { field: 'allowedOrigins[2]', message: 'bad 2' },
    { field: 'settings.dispositionCodes[1].code', message: 'bad code' },
    { field: 'name', message: 'too long' },
    { field: 'name', message: 'odd' },
  ]);

  it('joins the messages of one field', () => {
    expect(refused.at('name')).to.equal('too long; odd');
    expect(refused.at('sipDomain')).to.equal(undefined);
  });

  const remaps = [
    { prefix: 'allowedOrigins', rowOf: [0, 1, 3], field: 'allowedOrigins[2]', want: 'allowedOrigins[3]' },
    { prefix: 'allowedOrigins', rowOf: [1, 2, 3], field: 'allowedOrigins[0]', want: 'allowedOrigins[1]' },
    { prefix: 'settings.dispositionCodes', rowOf: [0, 4], field: 'settings.dispositionCodes[1].code', want: 'settings.dispositionCodes[4].code' },
    { prefix: 'allowedOrigins', rowOf: [], field: 'allowedOrigins[0]', want: 'allowedOrigins[0]' },
    { prefix: 'settings.notReadyReasons', rowOf: [5], field: 'settings.dispositionCodes[1].code', want: 'settings.dispositionCodes[1].code' },
  ];
  for (const { prefix, rowOf, field, want } of remaps) {
    it(`remaps ${field} under ${prefix} with rows ${JSON.stringify(rowOf)} to ${want}`, () => {
      expect(new FieldErrors([{ field, message: 'x' }]).remap(prefix, rowOf).list[0]!.field).to.equal(want);
    });
  }

  it('lists what no field of a form shows', () => {
    const placed = (f: string) => f === 'name' || under('allowedOrigins')(f);
    expect(refused.outside(placed).map((e) => e.field)).to.deep.equal(['settings.dispositionCodes[1].code']);
  });

  it('reads field errors from a refusal only', () => {
    expect(FieldErrors.of(new AdminApiError(422, 'validation_failed', 'x', [{ field: 'name', message: 'm' }])).at('name')).to.equal('m');
    expect(FieldErrors.of(new AdminApiError(409, 'conflict', 'taken')).size).to.equal(0);
    expect(FieldErrors.of(new Error('boom')).size).to.equal(0);
  });
});

describe('under', () => {
  const cases: [string, string, boolean][] = [
    ['allowedOrigins', 'allowedOrigins', true],
    ['allowedOrigins', 'allowedOrigins[3]', true],
    ['settings', 'settings.afterCallWork.maxSeconds', true],
    ['allowedOrigins', 'allowedOriginsX', false],
    ['name', 'username', false],
  ];
  for (const [name, field, want] of cases) it(`${field} is ${want ? '' : 'not '}under ${name}`, () => expect(under(name)(field)).to.equal(want));
});

describe('compact', () => {
  it('drops blank rows and remembers where the rest came from', () => {
    expect(compact(['a', ' ', 'b', '', 'c'], (r) => !r.trim())).to.deep.equal({ values: ['a', 'b', 'c'], rowOf: [0, 2, 4] });
  });
});
