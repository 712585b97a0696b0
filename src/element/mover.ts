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
 * Moves a movable `<ringside-phone>`: by its title bar (pointer) or its move button (arrow
 * keys; Home puts it back in its corner). The position is clamped to the viewport, so the
 * whole title bar stays on screen, and remembered per CRM origin (storage is per origin).
 * Loaded by the layout only when the phone is movable: the SDK ships it as a file of its own
 * (`ringside-mover.js`, beside the SDK).
 */
export class Mover {
  readonly #host: HTMLElement;
  readonly #root: ShadowRoot;
  readonly #movable: () => boolean;
  #drag: { pointer: number; start: Point; origin: Point } | null = null;

  constructor(host: HTMLElement, root: ShadowRoot, movable: () => boolean) {
    this.#host = host;
    this.#root = root;
    this.#movable = movable;
    const titleBar = root.querySelector<HTMLElement>('.title-bar')!;
    titleBar.addEventListener('pointerdown', (event) => this.#dragStart(event, titleBar));
    titleBar.addEventListener('pointermove', (event) => this.#dragMove(event));
    titleBar.addEventListener('pointerup', (event) => this.#dragEnd(event, titleBar));
    const button = root.querySelector<HTMLElement>('[data-action="move"]')!;
    button.addEventListener('keydown', (event) => this.#key(event as KeyboardEvent));
    // Said to assistive technology once the keys work (and what tests wait for).
    button.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight ArrowUp ArrowDown Home');
  }

  /** Re-clamps a moved phone, for example after the viewport shrank. */
  clamp(): void {
    const at = this.#position();
    if (at) this.#moveTo(at, false);
  }

  /** Puts the phone where the agent last left it on this CRM origin, if anywhere. */
  restore(): void {
    let saved: unknown;
    try {
      saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    } catch {
      saved = null;
    }
    if (saved && typeof saved === 'object' && Number.isFinite((saved as Point).x) && Number.isFinite((saved as Point).y)) this.#moveTo(saved as Point, false);
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
    if (!move || !this.#movable()) return;
    event.preventDefault();
    const at = this.#position() ?? this.#current();
    this.#moveTo({ x: at.x + move.x, y: at.y + move.y }, true);
  }

  #dragStart(event: PointerEvent, titleBar: HTMLElement): void {
    if (!this.#movable() || (event.target as HTMLElement).closest('button') || event.button !== 0) return;
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
}
