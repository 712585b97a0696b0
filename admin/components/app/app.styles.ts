import { css } from 'lit';
import { shared } from '../shared.styles.js';

export const styles = [
  shared,
  css`
    :host { max-width: 72rem; margin: 0 auto; padding: 1rem; }
    header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem 1rem; border-bottom: 2px solid var(--_accent); padding-bottom: 0.5rem; margin-bottom: 1rem; }
    h1 { font-size: 1.4rem; margin: 0; flex: 1; }
    .who { margin: 0; }
    .layout { display: grid; grid-template-columns: minmax(12rem, 16rem) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
    .layout > main:only-child { grid-column: 1 / -1; max-width: 48rem; }
    @media (max-width: 48rem) { .layout { grid-template-columns: 1fr; } }
    .status { position: sticky; bottom: 0; margin: 1rem 0 0; padding: 0.5rem 0.75rem; background: var(--_surface); border-top: 1px solid var(--_border); min-height: 1.5em; }
    .status:empty { visibility: hidden; }
  `,
];
