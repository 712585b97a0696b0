import { css } from 'lit';

/** Shared by the incoming and active call cards, which look alike on purpose. */
export const styles = css`
  :host { display: block; padding: 0.75rem; }
  .card { display: grid; gap: 0.35rem; text-align: center; padding: 0.75rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface); }
  .ringing { border-color: var(--rs-ok); }
  p { margin: 0; }
  .label { color: var(--rs-muted); font-size: 0.85rem; }
  .name { font-size: 1.25rem; font-weight: 600; }
  .unverified { display: inline-block; margin-left: 0.4rem; padding: 0 0.4rem; border: 1px solid var(--rs-warn); border-radius: var(--rs-radius); color: var(--rs-warn); font-size: 0.75rem; vertical-align: middle; }
  .problem { color: var(--rs-danger); font-size: 0.85rem; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .number, .timer { color: var(--rs-muted); font-variant-numeric: tabular-nums; }
  .actions { display: flex; gap: 0.5rem; justify-content: center; margin-top: 0.4rem; }
  .actions.wrap { flex-wrap: wrap; }
  button[aria-pressed='true'], button[aria-expanded='true'] { border-color: var(--rs-accent, #0969da); box-shadow: inset 0 0 0 1px var(--rs-accent, #0969da); }
  button { font: inherit; padding: 0.5rem 1rem; border-radius: var(--rs-radius); border: 1px solid var(--rs-border); background: var(--rs-surface-2); cursor: pointer; }
  button:disabled { opacity: 0.5; cursor: not-allowed; }
  .ok { background: var(--rs-ok); border-color: var(--rs-ok); color: white; }
  .danger { background: var(--rs-danger); border-color: var(--rs-danger); color: white; }
`;
