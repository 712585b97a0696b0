import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../index.js';
import type { RingsidePhone } from './ringside-phone.js';

function phoneWith(attributes: string): RingsidePhone {
  document.body.insertAdjacentHTML('beforeend', `<ringside-phone ${attributes}></ringside-phone>`);
  return document.body.lastElementChild as RingsidePhone;
}

const part = (phone: RingsidePhone, selector: string) => phone.shadowRoot!.querySelector<HTMLElement>(selector)!;
const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
/** The mover (mover.ts) loads when the phone is movable, and marks the move button when it is there. */
const moverLoaded = (phone: RingsidePhone) => waitUntil(() => part(phone, '[data-action="move"]').hasAttribute('aria-keyshortcuts'), 'the mover loads');

describe('<ringside-phone> layout', () => {
  beforeEach(() => localStorage.removeItem('ringside.position'));
  afterEach(() => document.querySelectorAll('ringside-phone').forEach((p) => p.remove()));

  it('shows only the buttons that are enabled, each with an accessible name', () => {
    const plain = phoneWith('');
    const full = phoneWith('minimize hide-to-side hide-in-icon movable');

    expect(plain.hasAttribute('chrome')).to.equal(false);
    const visible = [...full.shadowRoot!.querySelectorAll<HTMLButtonElement>('.title-bar button')].filter((b) => !b.hidden);
    expect(visible.map((b) => b.dataset.action)).to.deep.equal(['minimize', 'side', 'icon', 'move']);
    for (const button of full.shadowRoot!.querySelectorAll('button')) expect(button.getAttribute('aria-label')).to.match(/phone/i);
  });

  it('minimizes to the title bar and back, from the keyboard', async () => {
    const phone = phoneWith('minimize');
    const changes: string[] = [];
    phone.addEventListener('ringside-layout-changed', (e) => changes.push(e.view));

    part(phone, '[data-action="minimize"]').focus();
    await sendKeys({ press: 'Enter' });
    await frame();
    const collapsed = part(phone, '.body').getBoundingClientRect().height;
    await sendKeys({ press: 'Space' });

    expect(collapsed).to.equal(0);
    expect(phone.view).to.equal('open');
    expect(changes).to.deep.equal(['minimized', 'open']);
  });

  it('hides to the side leaving a tab that brings it back', async () => {
    const phone = phoneWith('hide-to-side');

    part(phone, '[data-action="side"]').click();
    await frame();
    const tab = part(phone, '.side-tab');

    expect(phone.view).to.equal('side');
    expect(getComputedStyle(tab).display).to.equal('block');
    expect(getComputedStyle(part(phone, '.window')).transform).not.to.equal('none');
    tab.click();
    expect(phone.view).to.equal('open');
  });

  it('hides in an icon and restores from it; views that are not enabled are refused', () => {
    const phone = phoneWith('hide-in-icon');

    phone.minimize();
    expect(phone.view).to.equal('open');
    phone.hideInIcon();
    expect(phone.view).to.equal('icon');
    expect(getComputedStyle(part(phone, '.icon')).display).to.equal('block');
    part(phone, '.icon').click();
    expect(phone.view).to.equal('open');
  });

  it('moves with the arrow keys, stays inside the viewport, and remembers where', async () => {
    const phone = phoneWith('movable position="left"');
    await moverLoaded(phone);
    part(phone, '[data-action="move"]').focus();

    await sendKeys({ press: 'ArrowRight' });
    const first = phone.getBoundingClientRect();
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < 40; i++) await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ up: 'Shift' });
    const top = phone.getBoundingClientRect();
    phone.remove();
    const again = phoneWith('movable position="left"');
    await moverLoaded(again);
    await frame();

    expect(first.left).to.be.greaterThan(10);
    expect(top.top).to.equal(0);
    expect(again.getBoundingClientRect().top).to.equal(0);
    expect(again.getBoundingClientRect().left).to.equal(first.left);
  });

  it('loads the mover only for a movable phone', async () => {
    const fixed = phoneWith('minimize');
    await frame();
    expect(part(fixed, '[data-action="move"]').hasAttribute('aria-keyshortcuts')).to.equal(false);
    fixed.setAttribute('movable', '');
    await moverLoaded(fixed);
    expect(part(fixed, '[data-action="move"]').hidden).to.equal(false);
  });

  it('drags by the title bar with a pointer, clamped to the viewport', async () => {
    const phone = phoneWith('movable');
    await moverLoaded(phone);
    const bar = part(phone, '.title-bar');
    const start = bar.getBoundingClientRect();
    const at = (x: number, y: number, type: string) =>
      bar.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, pointerId: 1, button: 0, bubbles: true, composed: true }));

    at(start.left + 20, start.top + 5, 'pointerdown');
    at(start.left - 5000, start.top - 5000, 'pointermove');
    at(start.left - 5000, start.top - 5000, 'pointerup');
    await frame();

    const box = phone.getBoundingClientRect();
    expect([box.left, box.top]).to.deep.equal([0, 0]);
    expect(JSON.parse(localStorage.getItem('ringside.position')!)).to.deep.equal({ x: 0, y: 0 });
  });

  it('applies Tegsoft-shaped layout options and names the one in the wrong shape', async () => {
    const page = document.createElement('iframe');
    page.src = '/test/fixtures/script-tag.html';
    document.body.append(page);
    await new Promise((resolve) => page.addEventListener('load', resolve, { once: true }));
    const win = page.contentWindow as Window & { warnings: string[] };
    await new Promise((resolve) => setTimeout(resolve, 100));

    const inserted = win.document.body.lastElementChild as RingsidePhone;
    expect(inserted.localName).to.equal('ringside-phone');
    expect(inserted.hasAttribute('floating')).to.equal(true);
    expect(inserted.getAttribute('position')).to.equal('left');
    expect(inserted.style.getPropertyValue('--ringside-height')).to.equal('70vh');
    expect(inserted.style.getPropertyValue('--ringside-width')).to.equal('360px');
    expect(inserted.style.getPropertyValue('--ringside-border-radius')).to.equal('12px');
    expect(inserted.src).to.equal(`${location.origin}/widget/`);
    expect(win.warnings.some((w) => w.includes('layout.style.width'))).to.equal(true);
    page.remove();
  });
});
