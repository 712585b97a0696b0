import type { UntrustedCall } from './notifier.js';
import type { Layout } from './options.js';

/** Where the phone window is: open, collapsed to its title bar, slid off an edge, or an icon. */
export type View = 'open' | 'minimized' | 'side' | 'icon';

const STORAGE_KEY = 'ringside.position';
const STEP = 10;
const BIG_STEP = 50;

interface Point {
  x: number;
  y: number;
}

/** The viewport without its scrollbars: what a fixed phone can show itself in. */
function viewport(): { width: number; height: number } {
  const root = document.compatMode === 'BackCompat' ? document.body : document.documentElement;
  return { width: root?.clientWidth || window.innerWidth, height: root?.clientHeight || window.innerHeight };
}

/**
 * The layout of `<ringside-phone>`: which view it shows, the buttons that are enabled, and
 * where a movable phone sits. Drag by the title bar (pointer) or the move button (arrow
 * keys); the position is clamped to the viewport and remembered per CRM origin (storage is
 * per origin).
 */
export class LayoutController {
  readonly #host: HTMLElement;
  readonly #root: ShadowRoot;
  readonly #onChange: (view: View) => void;
  #layout: Layout;
  #view: View = 'open';
  #drag: { pointer: number; start: Point; origin: Point } | null = null;
  readonly #ringing = new Set<string>();

  constructor(host: HTMLElement, root: ShadowRoot, layout: Layout, onChange: (view: View) => void) {
    this.#host = host;
    this.#root = root;
    this.#layout = layout;
    this.#onChange = onChange;
    root.addEventListener('click', (event) => this.#click(event));
    const titleBar = root.querySelector<HTMLElement>('.title-bar')!;
    titleBar.addEventListener('pointerdown', (event) => this.#dragStart(event, titleBar));
    titleBar.addEventListener('pointermove', (event) => this.#dragMove(event));
    titleBar.addEventListener('pointerup', (event) => this.#dragEnd(event, titleBar));
    root.querySelector('[data-action="move"]')!.addEventListener('keydown', (event) => this.#key(event as KeyboardEvent));
    // apply() is the element's to call once connected: a custom element's constructor may
    // not add attributes or styles to itself.
  }

  get view(): View {
    return this.#view;
  }

  apply(layout: Layout): void {
    this.#layout = layout;
    const host = this.#host;
    const enabled = { minimize: layout.minimize, side: layout.hideToSide, icon: layout.hideInIcon, move: layout.movable };
    for (const [action, on] of Object.entries(enabled)) this.#root.querySelector<HTMLElement>(`[data-action="${action}"]`)!.hidden = !on;
    host.toggleAttribute('chrome', Object.values(enabled).some(Boolean));
    host.toggleAttribute('movable', layout.movable);
    if (layout.hideToSide || layout.hideInIcon || layout.movable) host.setAttribute('floating', '');
    // Only on change: setting an observed attribute calls back into the element.
    if (host.getAttribute('position') !== layout.position) host.setAttribute('position', layout.position);
    host.style.setProperty('--ringside-width', layout.width);
    // The body's height in % would have nothing to be a share of (the window grows with its
    // body), so it is read as a share of the screen's height.
    host.style.setProperty('--ringside-height', layout.height.endsWith('%') ? `${parseFloat(layout.height)}vh` : layout.height);
    host.style.setProperty('--ringside-padding', layout.padding);
    host.style.setProperty('--ringside-border-radius', layout.borderRadius);
    if (layout.movable) this.#restorePosition();
    if (!this.#allowed(this.#view)) this.show('open');
  }

  show(view: View): void {
    if (!this.#allowed(view) || view === this.#view) return;
    this.#view = view;
    this.#host.setAttribute('view', view);
    this.#onChange(view);
    if (view === 'open' || view === 'minimized') this.#root.querySelector<HTMLElement>('.title-bar button:not([hidden])')?.focus({ preventScroll: true });
    else this.#root.querySelector<HTMLElement>(view === 'side' ? '.side-tab' : '.icon')?.focus({ preventScroll: true });
  }

  /**
   * A call seen in an event. Ringing inbound calls light the icon's badge and pulse, and a
   * new one restores the window if the integrator asked for it (auto-maximize).
   */
  track(call: UntrustedCall): void {
    const ringing = call.state === 'ringing' && call.direction === 'inbound';
    if (ringing && !this.#ringing.has(call.callId)) {
      this.#ringing.add(call.callId);
      if (this.#layout.autoMaximize) this.show('open');
    } else if (!ringing) {
      this.#ringing.delete(call.callId);
    }
    this.#host.toggleAttribute('ringing', this.#ringing.size > 0);
    this.#root.querySelector('.badge')!.textContent = this.#ringing.size ? String(this.#ringing.size) : '';
  }

  /** Re-clamps a moved phone, for example after the viewport shrank. */
  clamp(): void {
    const at = this.#position();
    if (at) this.#moveTo(at, false);
  }

  #allowed(view: View): boolean {
    switch (view) {
      case 'open':
        return true;
      case 'minimized':
        return this.#layout.minimize;
      case 'side':
        return this.#layout.hideToSide;
      case 'icon':
        return this.#layout.hideInIcon;
    }
  }

  #click(event: Event): void {
    const action = (event.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset.action;
    switch (action) {
      case 'minimize':
        this.show(this.#view === 'minimized' ? 'open' : 'minimized');
        break;
      case 'side':
        this.show('side');
        break;
      case 'icon':
        this.show('icon');
        break;
      case 'restore':
        this.show('open');
        break;
    }
  }

  #key(event: KeyboardEvent): void {
    const step = event.shiftKey ? BIG_STEP : STEP;
    const delta: Record<string, Point> = { ArrowLeft: { x: -step, y: 0 }, ArrowRight: { x: step, y: 0 }, ArrowUp: { x: 0, y: -step }, ArrowDown: { x: 0, y: step } };
    if (event.key === 'Home') {
      event.preventDefault();
      this.#host.removeAttribute('moved');
      localStorage.removeItem(STORAGE_KEY);
      return;
    }
    const move = delta[event.key];
    if (!move || !this.#layout.movable) return;
    event.preventDefault();
    const at = this.#position() ?? this.#current();
    this.#moveTo({ x: at.x + move.x, y: at.y + move.y }, true);
  }

  #dragStart(event: PointerEvent, titleBar: HTMLElement): void {
    if (!this.#layout.movable || (event.target as HTMLElement).closest('button') || event.button !== 0) return;
    titleBar.setPointerCapture(event.pointerId);
    this.#drag = { pointer: event.pointerId, start: { x: event.clientX, y: event.clientY }, origin: this.#position() ?? this.#current() };
  }

  #dragMove(event: PointerEvent): void {
    const drag = this.#drag;
    if (!drag || drag.pointer !== event.pointerId) return;
    this.#moveTo({ x: drag.origin.x + event.clientX - drag.start.x, y: drag.origin.y + event.clientY - drag.start.y }, false);
  }

  #dragEnd(event: PointerEvent, titleBar: HTMLElement): void {
    if (!this.#drag || this.#drag.pointer !== event.pointerId) return;
    this.#drag = null;
    if (titleBar.hasPointerCapture(event.pointerId)) titleBar.releasePointerCapture(event.pointerId);
    const at = this.#position();
    if (at) localStorage.setItem(STORAGE_KEY, JSON.stringify(at));
  }

  #current(): Point {
    const box = this.#host.getBoundingClientRect();
    return { x: box.left, y: box.top };
  }

  #position(): Point | null {
    if (!this.#host.hasAttribute('moved')) return null;
    return { x: parseFloat(this.#host.style.getPropertyValue('--_x')) || 0, y: parseFloat(this.#host.style.getPropertyValue('--_y')) || 0 };
  }

  /** Moves the phone to `point`, clamped so that the whole title bar stays on screen. */
  #moveTo(point: Point, save: boolean): void {
    const box = this.#host.getBoundingClientRect();
    const bar = this.#root.querySelector('.title-bar')!.getBoundingClientRect();
    // Without chrome there is no title bar: the top 40px stay on screen instead.
    const keep = bar.height > 0 ? bar.bottom - box.top : Math.min(box.height, 40);
    const screen = viewport();
    const x = Math.round(Math.min(Math.max(0, point.x), Math.max(0, screen.width - box.width)));
    const y = Math.round(Math.min(Math.max(0, point.y), Math.max(0, screen.height - keep)));
    this.#host.style.setProperty('--_x', `${x}px`);
    this.#host.style.setProperty('--_y', `${y}px`);
    this.#host.setAttribute('moved', '');
    if (save) localStorage.setItem(STORAGE_KEY, JSON.stringify({ x, y }));
  }

  #restorePosition(): void {
    let saved: unknown;
    try {
      saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    } catch {
      saved = null;
    }
    if (saved && typeof saved === 'object' && Number.isFinite((saved as Point).x) && Number.isFinite((saved as Point).y)) this.#moveTo(saved as Point, false);
  }
}
