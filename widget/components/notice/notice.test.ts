import { expect, html } from '@open-wc/testing';
import { ErrorCode } from '../../../src/protocol/index.js';
import { fakeCore, provide } from '../../testing/fake-phone.js';
import './notice.js';
import type { RsNotice } from './notice.js';

describe('<rs-notice>', () => {
  it('shows a media problem in words until Dismiss is pressed', async () => {
    const { core, phone } = fakeCore();
    phone.register();
    const ringing = phone.ring('2001');
    const notice = await provide<RsNotice>(core, html`<rs-notice></rs-notice>`);
    expect(notice.shadowRoot!.querySelector('.notice')).to.equal(null);

    phone.mediaFails('The browser blocked the microphone: allow it in the address bar.', ringing.callId);
    await notice.updateComplete;
    const shown = notice.shadowRoot!.querySelector<HTMLElement>('.notice[role="alert"]')!;
    expect(shown.dataset.code).to.equal(ErrorCode.MediaUnavailable);
    expect(shown.querySelector('p')!.textContent).to.equal('The browser blocked the microphone: allow it in the address bar.');

    shown.querySelector('button')!.click();
    await notice.updateComplete;

    expect(notice.shadowRoot!.querySelector('.notice')).to.equal(null);
    expect(core.snapshot().notice).to.equal(null);
  });
});
