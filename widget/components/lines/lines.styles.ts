import { css } from 'lit';

export const styles = css`
  :host { display: block; padding: 0.5rem 0.75rem 0; }
  ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.25rem; }
  .line { display: grid; grid-template-columns: auto 1fr auto; grid-template-areas: 'index who timer' 'state state buttons'; gap: 0.1rem 0.5rem; align-items: center; padding: 0.35rem 0.5rem; border: 1px solid var(--rs-border); border-left-width: 4px; border-radius: var(--rs-radius); }
  .line[aria-current='true'] { border-left-color: var(--rs-ok); background: var(--rs-surface-2); }
  .line[data-held='true'] { border-left-color: var(--rs-warn); }
  .line[data-state='ringing'] { border-left-color: var(--rs-accent, #0969da); }
  .index { grid-area: index; color: var(--rs-muted); font-size: 0.8rem; }
  .who { grid-area: who; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .state { grid-area: state; color: var(--rs-muted); font-size: 0.85rem; }
  .timer { grid-area: timer; color: var(--rs-muted); font-variant-numeric: tabular-nums; }
  .buttons { grid-area: buttons; display: flex; gap: 0.25rem; }
  button { font: inherit; font-size: 0.85rem; padding: 0.2rem 0.6rem; border-radius: var(--rs-radius); border: 1px solid var(--rs-border); background: var(--rs-surface-2); color: inherit; cursor: pointer; }
  .danger { background: var(--rs-danger); border-color: var(--rs-danger); color: white; }
  .problem { margin: 0.25rem 0 0; color: var(--rs-danger); font-size: 0.85rem; }
`;
