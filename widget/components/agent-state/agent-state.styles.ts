import { css } from 'lit';

export const styles = css`
  :host { display: block; }
  .state { display: flex; align-items: center; gap: 0.5rem; padding: 0.4rem 0.75rem; border-bottom: 1px solid var(--rs-border); }
  .state[data-ready='true'] select { border-color: var(--rs-ok); }
  .state[data-ready='false'] select { border-color: var(--rs-warn); }
  select { font: inherit; padding: 0.25rem 0.4rem; border: 2px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface); color: inherit; }
  .since { margin-left: auto; color: var(--rs-muted); font-variant-numeric: tabular-nums; }
  .problem { margin: 0; padding: 0 0.75rem 0.4rem; color: var(--rs-danger); font-size: 0.85rem; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
