import { css } from 'lit';

export const styles = css`
  :host { display: block; }
  section { display: grid; gap: 0.5rem; margin: 0.5rem 0.75rem; padding: 0.6rem 0.75rem; border: 2px solid var(--rs-warn); border-radius: var(--rs-radius); background: var(--rs-surface); }
  header { display: flex; align-items: baseline; gap: 0.5rem; }
  h2 { margin: 0; font-size: 1rem; }
  .who { color: var(--rs-muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .left { margin-left: auto; font-variant-numeric: tabular-nums; }
  .field { display: grid; gap: 0.15rem; }
  label { font-size: 0.85rem; }
  select, textarea { font: inherit; padding: 0.25rem 0.4rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface); color: inherit; }
  textarea { min-height: 4rem; resize: vertical; }
  .actions { display: flex; gap: 0.5rem; align-items: center; }
  button { font: inherit; padding: 0.3rem 0.9rem; border: 1px solid var(--rs-ok); border-radius: var(--rs-radius); background: var(--rs-surface-2); color: inherit; cursor: pointer; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .overdue, .problem { margin: 0; color: var(--rs-danger); font-size: 0.85rem; }
`;
