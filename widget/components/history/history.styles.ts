import { css } from 'lit';

export const styles = css`
  :host { display: block; }
  section { display: grid; gap: 0.5rem; margin: 0.5rem 0.75rem; padding: 0.6rem 0.75rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface); }
  .head { display: flex; align-items: center; justify-content: space-between; gap: 0.5rem; }
  h2 { margin: 0; font-size: 1rem; }
  h2:focus { outline: none; }
  h2:focus-visible { outline: 2px solid var(--rs-ok); outline-offset: 2px; }
  button { justify-self: start; font: inherit; padding: 0.25rem 0.6rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface-2); color: inherit; cursor: pointer; }
  button:disabled { opacity: 0.6; cursor: not-allowed; }
  .calls { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.35rem; max-height: 22rem; overflow-y: auto; }
  .call { display: grid; grid-template-columns: 1.2rem 1fr auto; gap: 0.1rem 0.4rem; align-items: center; padding: 0.35rem 0.4rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); }
  .arrow { grid-row: span 2; font-size: 1rem; color: var(--rs-muted); }
  .call[data-result='missed'] .arrow, .call[data-result='missed'] .result { color: var(--rs-danger); }
  .who { display: flex; gap: 0.4rem; align-items: baseline; min-width: 0; overflow: hidden; }
  .number { font-weight: 600; }
  .name, .meta, .disposition { color: var(--rs-muted); font-size: 0.8rem; }
  .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .unverified { flex: none; padding: 0 0.3rem; border: 1px solid var(--rs-warn); border-radius: var(--rs-radius); color: var(--rs-warn); font-size: 0.7rem; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .meta { grid-column: 2; display: flex; flex-wrap: wrap; gap: 0 0.5rem; }
  .disposition, .notes { grid-column: 2 / 4; }
  .notes { margin: 0; font-size: 0.8rem; white-space: pre-wrap; overflow-wrap: anywhere; }
  .redial { grid-column: 3; grid-row: 1 / 3; }
  .note, .confirm p { margin: 0; color: var(--rs-muted); font-size: 0.85rem; }
  .confirm { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
  .confirm p { flex-basis: 100%; color: inherit; }
  .clear-yes { border-color: var(--rs-danger); color: var(--rs-danger); }
  .problem { margin: 0; color: var(--rs-danger); font-size: 0.85rem; }
`;
