import { css } from 'lit';

/**
 * What every admin view shares: form fields, buttons, tables, messages, and a focus ring that
 * is always visible. Public `--rs-admin-*` properties feed private `--_*` ones.
 */
export const shared = css`
  :host {
    --_accent: var(--rs-admin-accent, #1d4ed8);
    --_danger: var(--rs-admin-danger, #b91c1c);
    --_muted: var(--rs-admin-muted, #4b5563);
    --_border: var(--rs-admin-border, #9ca3af);
    --_surface: var(--rs-admin-surface, #ffffff);
    --_radius: var(--rs-admin-radius, 6px);
    display: block;
    font: inherit;
    color: inherit;
  }
  h2, h3, h4 { margin: 0 0 0.5rem; line-height: 1.25; }
  form, fieldset { display: grid; gap: 0.75rem; }
  fieldset { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0.75rem; margin: 0; }
  legend { font-weight: 600; padding: 0 0.25rem; }
  .field { display: grid; gap: 0.25rem; }
  .field.check { grid-template-columns: auto 1fr; align-items: center; column-gap: 0.5rem; }
  .field.check .hint, .field.check .error { grid-column: 2; }
  label { font-weight: 600; }
  .check label { font-weight: normal; }
  textarea { font-family: ui-monospace, monospace; font-size: 0.875rem; padding: 0.4rem 0.5rem; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); color: inherit; resize: vertical; }
  input:not([type='checkbox']), select { font: inherit; padding: 0.4rem 0.5rem; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_surface); color: inherit; min-width: 0; }
  input[aria-invalid='true'], select[aria-invalid='true'], textarea[aria-invalid='true'] { border-color: var(--_danger); border-width: 2px; }
  .hint { margin: 0; color: var(--_muted); font-size: 0.875rem; }
  .error, .problem { margin: 0; color: var(--_danger); font-size: 0.875rem; }
  .error::before { content: '⚠ '; }
  .problem { font-weight: 600; }
  button { font: inherit; padding: 0.4rem 0.8rem; border: 1px solid var(--_accent); border-radius: var(--_radius); background: var(--_surface); color: var(--_accent); cursor: pointer; }
  button.primary { background: var(--_accent); color: white; }
  button.danger { border-color: var(--_danger); color: var(--_danger); }
  button.link { border: 0; padding: 0; text-decoration: underline; background: none; }
  :focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
  .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--_border); vertical-align: top; }
  section { display: grid; gap: 0.75rem; padding: 1rem 0; border-top: 1px solid var(--_border); }
  code { font-family: ui-monospace, monospace; }
  .visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;
