import { css } from 'lit';

export const styles = css`
  :host { display: block; }
  section { display: grid; gap: 0.6rem; margin: 0.5rem 0.75rem; padding: 0.6rem 0.75rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface); }
  h2 { margin: 0; font-size: 1rem; }
  h2:focus { outline: none; }
  h2:focus-visible { outline: 2px solid var(--rs-ok); outline-offset: 2px; }
  fieldset { display: grid; gap: 0.4rem; margin: 0; padding: 0.4rem 0.6rem 0.6rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); }
  legend { padding: 0 0.25rem; font-weight: 600; font-size: 0.9rem; }
  .field { display: grid; gap: 0.15rem; }
  label { font-size: 0.85rem; }
  .check { display: flex; gap: 0.4rem; align-items: center; }
  select, input[type='number'] { font: inherit; padding: 0.25rem 0.4rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface); color: inherit; }
  input[type='number'] { width: 5rem; }
  select:disabled, input:disabled { opacity: 0.6; cursor: not-allowed; }
  button { justify-self: start; font: inherit; padding: 0.3rem 0.7rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface-2); color: inherit; cursor: pointer; }
  button[aria-pressed='true'] { border-color: var(--rs-warn); }
  .note { margin: 0; color: var(--rs-muted); font-size: 0.8rem; }
  .keys { display: grid; grid-template-columns: auto 1fr; gap: 0.15rem 0.6rem; margin: 0; font-size: 0.85rem; }
  .keys dd { margin: 0; }
  kbd { font: 0.8rem ui-monospace, monospace; padding: 0 0.3rem; border: 1px solid var(--rs-border); border-radius: 3px; background: var(--rs-surface-2); }
`;
