import { css } from 'lit';

export const styles = css`
  fieldset.trigger { gap: 0.5rem; }
  fieldset.conditions { gap: 0.5rem; padding: 0.5rem; }
  .trigger-row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-start; }
  .trigger-row > .field { flex: 1 1 12rem; min-width: 0; }
  .preview { display: grid; gap: 0.25rem; font-size: 0.875rem; overflow-wrap: anywhere; }
  .preview pre { margin: 0; padding: 0.4rem 0.5rem; border: 1px dashed var(--_border); border-radius: var(--_radius); white-space: pre-wrap; font-family: ui-monospace, monospace; }
`;
