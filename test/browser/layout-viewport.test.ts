import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse, setViewport } from '@web/test-runner-commands';
import type { RingsidePhone } from '../../src/element/ringside-phone.js';
import type { RingsideLayoutOptions } from '../../src/element/options.js';

/**
 * Issue 11: the script-tag embed with the options object of Tegsoft's guide (100vh × 100vw,
 * padding 0) put the title bar above the top of the screen, out of the agent's reach. The CRM
 * page (test/fixtures/tegsoft-layout.html) runs in an iframe the size of a screen, so its
 * viewport is that size; each check asks the page what is under a button's centre, the way a
 * click would find it.
 */
type Screen = [width: number, height: number];
const LAPTOP: Screen = [1280, 800];
const SMALL: Screen = [800, 600];
const PHONE: Screen = [375, 667];
const TINY: Screen = [320, 240];
const SCREENS = [LAPTOP, SMALL, PHONE, TINY];
const TITLE_BUTTONS = ['minimize', 'side', 'icon', 'move'] as const;

interface CrmPage {
  win: Window & typeof globalThis;
  phone: RingsidePhone;
}

const opened: HTMLIFrameElement[] = [];

/** The CRM page on a screen of `width` × `height`, at the top left of the runner's page. */
async function openCrm([width, height]: Screen): Promise<CrmPage> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `position: fixed; top: 0; left: 0; width: ${width}px; height: ${height}px; border: 0;`;
  frame.src = '/test/fixtures/tegsoft-layout.html';
  document.body.append(frame);
  opened.push(frame);
  await waitUntil(() => frame.contentDocument?.querySelector('ringside-phone')?.hasAttribute('chrome'), 'the script tag inserts a phone', { timeout: 5000 });
  const win = frame.contentWindow as Window & typeof globalThis;
  await nextFrame(win);
  return { win, phone: win.document.querySelector('ringside-phone')! };
}

const nextFrame = (win: Window) => new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(resolve)));
const part = (phone: RingsidePhone, selector: string) => phone.shadowRoot!.querySelector<HTMLElement>(selector)!;

/** The phone with other layout options, set the way a CRM sets them after the script tag. */
async function relayout({ win, phone }: CrmPage, change: (layout: RingsideLayoutOptions) => RingsideLayoutOptions): Promise<void> {
  phone.options = { ...phone.options, layout: change(phone.options.layout ?? {}) };
  await nextFrame(win);
}

/** What keeps `element` from being seen whole and clicked at its centre; empty when nothing does. */
function obstacles({ win, phone }: CrmPage, element: HTMLElement, label: string): string[] {
  const box = element.getBoundingClientRect();
  const { clientWidth, clientHeight } = win.document.documentElement;
  const problems: string[] = [];
  const at = `[${Math.round(box.left)}, ${Math.round(box.top)}, ${Math.round(box.right)}, ${Math.round(box.bottom)}] on ${clientWidth}×${clientHeight}`;
  if (box.width < 1 || box.height < 1) return [`${label} has no size`];
  // Half a pixel of rounding either way is still on screen.
  if (box.left < -0.5 || box.top < -0.5 || box.right > clientWidth + 0.5 || box.bottom > clientHeight + 0.5) problems.push(`${label} off screen: ${at}`);
  const hit = phone.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  if (label !== 'phone' && !element.contains(hit)) problems.push(`${label} covered at its centre by ${hit?.localName ?? 'nothing'}${hit?.className ? `.${hit.className}` : ''}: ${at}`);
  return problems;
}

/** The title bar and each enabled button: on screen and the target of a click at its centre. */
function titleBarObstacles(page: CrmPage): string[] {
  const buttons = TITLE_BUTTONS.map((action) => part(page.phone, `[data-action="${action}"]`)).filter((button) => !button.hidden);
  return [...obstacles(page, part(page.phone, '.title-bar'), 'title bar'), ...buttons.flatMap((button) => obstacles(page, button, `${button.dataset.action} button`))];
}

/** A real click (the runner's mouse) at the centre of a button of the phone. */
async function click(phone: RingsidePhone, selector: string): Promise<void> {
  // The iframe sits at the runner page's top left, so its coordinates are the runner's.
  const box = part(phone, selector).getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
}

/** Drags the phone by its title bar to (x, y), far past any edge if asked. */
async function drag(page: CrmPage, x: number, y: number): Promise<void> {
  // The mover loads when the phone becomes movable; it marks the move button when it is there.
  await waitUntil(() => part(page.phone, '[data-action="move"]').hasAttribute('aria-keyshortcuts'), 'the mover is loaded', { timeout: 5000 });
  const bar = part(page.phone, '.title-bar');
  const start = bar.getBoundingClientRect();
  const at = (type: string, clientX: number, clientY: number) =>
    bar.dispatchEvent(new page.win.PointerEvent(type, { clientX, clientY, pointerId: 1, button: 0, bubbles: true, composed: true }));
  at('pointerdown', start.left + 10, start.top + 5);
  at('pointermove', x, y);
  at('pointerup', x, y);
  await nextFrame(page.win);
}

describe('<ringside-phone> on screens of every size (issue 11)', () => {
  before(() => setViewport({ width: 1300, height: 900 }));
  beforeEach(() => localStorage.removeItem('ringside.position'));
  afterEach(() => {
    for (const frame of opened.splice(0)) frame.remove();
    localStorage.removeItem('ringside.position');
  });

  for (const screen of SCREENS) {
    const name = `${screen[0]}×${screen[1]}`;

    it(`${name}: the guide's options (100vh × 100vw) keep the whole phone, its title bar and its buttons on screen`, async () => {
      const page = await openCrm(screen);

      const problems = [...obstacles(page, page.phone, 'phone'), ...titleBarObstacles(page), ...obstacles(page, part(page.phone, '.body'), 'phone body')];
      const box = page.phone.getBoundingClientRect();
      const body = part(page.phone, '.body').getBoundingClientRect();
      const frame = part(page.phone, 'iframe').getBoundingClientRect();

      expect(page.phone.view).to.equal('open');
      expect(problems).to.deep.equal([]);
      // The whole screen, as the options ask, and the widget fills the body that is left.
      expect([box.left, box.top, box.right, box.bottom]).to.deep.equal([0, 0, ...screen]);
      expect([frame.top, frame.height]).to.deep.equal([body.top, body.height]);
      expect(body.height).to.be.greaterThan(screen[1] / 2);
    });

    it(`${name}: minimize and restore with real clicks; the title bar stays reachable`, async () => {
      const page = await openCrm(screen);

      await click(page.phone, '[data-action="minimize"]');
      await nextFrame(page.win);
      const minimized = { view: page.phone.view, problems: titleBarObstacles(page) };
      await click(page.phone, '[data-action="minimize"]');
      await nextFrame(page.win);

      expect(minimized).to.deep.equal({ view: 'minimized', problems: [] });
      expect(page.phone.view).to.equal('open');
      expect([...obstacles(page, page.phone, 'phone'), ...titleBarObstacles(page)]).to.deep.equal([]);
    });

    it(`${name}: docked left, dragged to each edge, hidden to the side or in the icon, the way back is reachable`, async () => {
      const page = await openCrm(screen);
      const problems: string[] = [];
      const check = (when: string) => problems.push(...[...obstacles(page, page.phone, 'phone'), ...titleBarObstacles(page)].map((p) => `${when}: ${p}`));

      page.phone.setAttribute('position', 'left');
      await nextFrame(page.win);
      check('docked left');
      page.phone.setAttribute('position', 'right');
      await nextFrame(page.win);
      check('docked right');
      await drag(page, 5000, 5000);
      problems.push(...titleBarObstacles(page).map((p) => `dragged to the bottom right: ${p}`));
      await drag(page, -5000, -5000);
      check('dragged to the top left');
      page.phone.hideToSide();
      await nextFrame(page.win);
      problems.push(...obstacles(page, part(page.phone, '.side-tab'), 'side tab'));
      page.phone.restore();
      page.phone.hideInIcon();
      await nextFrame(page.win);
      problems.push(...obstacles(page, part(page.phone, '.icon'), 'icon'));

      expect(problems).to.deep.equal([]);
    });
  }

  it('a phone smaller than the screen keeps its 16px gap to the docked corner', async () => {
    const page = await openCrm(LAPTOP);
    await relayout(page, (layout) => ({ ...layout, style: { height: '400px', width: '360px', padding: '0px' } }));
    const right = page.phone.getBoundingClientRect();
    page.phone.setAttribute('position', 'left');
    await nextFrame(page.win);
    const left = page.phone.getBoundingClientRect();

    expect([right.right, right.bottom, right.width]).to.deep.equal([1280 - 16, 800 - 16, 360]);
    expect([left.left, left.bottom]).to.deep.equal([16, 800 - 16]);
  });

  const STYLES: [string, NonNullable<RingsideLayoutOptions['style']>][] = [
    ['2000px × 2000px', { height: '2000px', width: '2000px', padding: '0px' }],
    ['100% × 100%, padding 40px', { height: '100%', width: '100%', padding: '40px' }],
    ['tiny: 10px × 50px', { height: '10px', width: '50px', padding: '0px' }],
    ['padding 2000px', { height: '560px', width: '360px', padding: '2000px' }],
  ];
  for (const [label, style] of STYLES) {
    for (const screen of [SMALL, TINY]) {
      it(`${screen[0]}×${screen[1]}: style ${label} keeps the title bar and its buttons reachable: open, minimize → restore, dragged to the bottom`, async () => {
        const page = await openCrm(screen);
        await relayout(page, (layout) => ({ ...layout, style: { ...layout.style, ...style } }));

        // The body too: a % height is a share of the screen, not of nothing.
        const open = [...obstacles(page, page.phone, 'phone'), ...titleBarObstacles(page), ...obstacles(page, part(page.phone, '.body'), 'phone body')];
        await click(page.phone, '[data-action="minimize"]');
        await nextFrame(page.win);
        const minimized = titleBarObstacles(page);
        await click(page.phone, '[data-action="minimize"]');
        await nextFrame(page.win);
        const restored = { view: page.phone.view, problems: titleBarObstacles(page) };
        await drag(page, 5000, 5000);

        expect({ open, minimized }).to.deep.equal({ open: [], minimized: [] });
        expect(restored).to.deep.equal({ view: 'open', problems: [] });
        expect(titleBarObstacles(page), 'dragged to the bottom right').to.deep.equal([]);
      });
    }
  }
});
