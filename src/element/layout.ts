import type { UntrustedCall } from './notifier.js';
import type { Mover } from './mover.js';
import type { Layout } from './options.js';
import { warnOnce } from './warn.js';

/** Where the phone window is: open, collapsed to its title bar, slid off an edge, or an icon. */
export type View = 'open' | 'minimized' | 'side' | 'icon';

/**
 * The layout of `<ringside-phone>`: which view it shows and the buttons that are enabled.
 * A movable phone's moving is mover.ts, loaded the first time the layout is movable.
 */
export class LayoutController {
  readonly #host: HTMLElement;
  readonly #root: ShadowRoot;
  readonly #onChange: (view: View) => void;
  #layout: Layout;
  #view: View = 'open';
  #mover: Mover | null = null;
  #moverLoad: Promise<Mover | null> | null = null;
  readonly #ringing = new Set<string>();

  constructor(host: HTMLElement, root: ShadowRoot, layout: Layout, onChange: (view: View) => void) {
    this.#host = host;
    this.#root = root;
    this.#layout = layout;
    this.#onChange = onChange;
    root.addEventListener('click', (event) => this.#click(event));
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
    if (layout.movable) void this.mover().then((mover) => mover?.restore());
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
    this.#mover?.clamp();
  }

  /** The mover, loaded once (it waits for the load); null if it could not load: the phone then stays where it is. */
  mover(): Promise<Mover | null> {
    this.#moverLoad ??= import('./mover.js').then(
      ({ Mover }) => (this.#mover = new Mover(this.#host, this.#root, () => this.#layout.movable)),
      () => {
        this.#moverLoad = null;
        warnOnce('ringside-mover.js (beside the SDK) did not load: the phone cannot be moved');
        return null;
      },
    );
    return this.#moverLoad;
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
}
