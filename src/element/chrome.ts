/**
 * The frame chrome of `<ringside-phone>`: title bar with the enabled buttons, the iframe,
 * a tab to pull a phone hidden to the side back, and a floating icon. Public
 * `--ringside-*` custom properties map onto private `--_*` ones.
 *
 * Whatever the sizes asked (Tegsoft's own default is 100vh × 100vw), the phone stays on
 * screen with its title bar in reach (issue 11). The host is a column capped at the screen,
 * so its body gives way first and the iframe fills what is left. Floating, the gap to the
 * docked corner shrinks to nothing for a phone as big as the screen (`--_dock-x`/`-y`; `%`
 * there is of the viewport, the fixed box's containing block); moved, the layout controller
 * keeps the title bar on screen. Padding never squeezes the title bar off a narrow phone nor
 * past a short screen, and a phone with buttons is never too narrow for them. The comments
 * live here, not in the CSS, which ships as it is written.
 */
export const chromeTemplate = `
<style>
  :host {
    --_width: var(--ringside-width, 360px);
    --_height: var(--ringside-height, 560px);
    --_padding: var(--ringside-padding, 0px);
    --_radius: var(--ringside-border-radius, 8px);
    --_accent: var(--ringside-accent, #24292f);
    --_on-accent: var(--ringside-on-accent, #ffffff);
    --_border: var(--ringside-border, 1px solid #d0d7de);
    --_z: var(--ringside-z-index, 2147483000);
    --_gap: 16px;
    display: flex;
    flex-flow: column;
    width: var(--_width);
    max-width: 100%;
    max-height: 100dvh;
    box-sizing: border-box;
    font: 13px/1.3 var(--ringside-font, system-ui, sans-serif);
  }
  :host([hidden]) { display: none; }
  :host([chrome]) { min-width: min(160px, 100%); }
  :host([floating]) {
    --_dock-x: max(0px, min(var(--_gap), calc(100% - var(--_width))));
    --_dock-y: max(0px, min(var(--_gap), calc(100% - var(--_height))));
    position: fixed;
    z-index: var(--_z);
    bottom: var(--_dock-y);
    right: var(--_dock-x);
    max-width: calc(100% - var(--_dock-x));
    max-height: calc(100% - var(--_dock-y));
  }
  :host([floating][position='left']) { right: auto; left: var(--_dock-x); }
  :host([floating][moved]) { --_dock-x: 0px; --_dock-y: 0px; bottom: auto; right: auto; left: var(--_x); top: var(--_y); }
  .window { min-height: 0; display: flex; flex-direction: column; padding: max(0px, min(var(--_padding), calc(50% - 80px), 25vh)); border: var(--_border); border-radius: var(--_radius); background: #fff; overflow: hidden; box-sizing: border-box; transition: transform 0.2s ease; }
  :host([floating]) .window { box-shadow: 0 8px 24px rgba(0, 0, 0, 0.18); }
  .title-bar { display: none; align-items: center; gap: 4px; padding: 4px 6px 4px 10px; background: var(--_accent); color: var(--_on-accent); user-select: none; }
  :host([chrome]) .title-bar { display: flex; }
  :host([movable]) .title-bar { cursor: move; touch-action: none; }
  .title { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 600; }
  button { font: inherit; color: inherit; background: transparent; border: 0; border-radius: 4px; min-width: 26px; height: 24px; cursor: pointer; }
  button:focus-visible { outline: 2px solid #0969da; outline-offset: 1px; }
  .title-bar button:hover { background: rgba(255, 255, 255, 0.15); }
  .body { min-height: 0; height: var(--_height); position: relative; }
  iframe { position: absolute; width: 100%; height: 100%; border: 0; }
  :host([view='minimized']) .body { height: 0; visibility: hidden; }
  :host([view='side']) .window { transform: translateX(calc(100% + var(--_gap))); }
  :host([view='side'][position='left']) .window { transform: translateX(calc(-100% - var(--_gap))); }
  :host([view='icon']) .window { visibility: hidden; pointer-events: none; height: 0; }
  .side-tab, .icon { display: none; position: fixed; z-index: var(--_z); background: var(--_accent); color: var(--_on-accent); }
  .side-tab { bottom: calc(var(--_gap) + 40px); right: 0; width: 22px; height: 64px; border-radius: 6px 0 0 6px; }
  :host([position='left']) .side-tab { right: auto; left: 0; border-radius: 0 6px 6px 0; }
  :host([view='side']) .side-tab { display: block; }
  .icon { bottom: var(--_gap); right: var(--_gap); width: 52px; height: 52px; border-radius: 50%; font-size: 22px; box-shadow: 0 4px 12px rgba(0, 0, 0, 0.25); }
  :host([position='left']) .icon { right: auto; left: var(--_gap); }
  :host([view='icon']) .icon { display: block; }
  .badge { position: absolute; top: -4px; right: -4px; min-width: 18px; height: 18px; padding: 0 4px; border-radius: 9px; background: #cf222e; color: #fff; font-size: 11px; line-height: 18px; box-sizing: border-box; }
  .badge:empty { display: none; }
  :host([ringing]) .icon { animation: ringside-pulse 1s ease-in-out infinite; }
  @keyframes ringside-pulse { 50% { transform: scale(1.12); box-shadow: 0 0 0 8px rgba(207, 34, 46, 0.25); } }
  @media (prefers-reduced-motion: reduce) { .window { transition: none; } :host([ringing]) .icon { animation: none; outline: 3px solid #cf222e; } }
</style>
<div part="window" class="window">
  <div part="title-bar" class="title-bar">
    <span part="title" class="title">Phone</span>
    <button part="button minimize-button" data-action="minimize" aria-label="Minimize phone" title="Minimize" hidden>–</button>
    <button part="button side-button" data-action="side" aria-label="Hide phone to the side" title="Hide to the side" hidden>»</button>
    <button part="button icon-button" data-action="icon" aria-label="Hide phone in an icon" title="Hide in an icon" hidden>⧉</button>
    <button part="button move-button" data-action="move" aria-label="Move phone: drag the title bar, or use the arrow keys here" title="Move" hidden>⋮</button>
  </div>
  <div part="body" class="body">
    <iframe part="frame" title="Ringside phone" allow="microphone; camera; autoplay" referrerpolicy="no-referrer"></iframe>
  </div>
</div>
<button part="side-tab" class="side-tab" data-action="restore" aria-label="Show phone">«</button>
<button part="icon" class="icon" data-action="restore" aria-label="Show phone"><span aria-hidden="true">☎</span><span part="badge" class="badge"></span></button>
`;
