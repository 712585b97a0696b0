import { css } from 'lit';

export const styles = css`
  :host { display: block; padding: 0.75rem; }
  form { display: grid; gap: 0.5rem; }
  input { font: inherit; font-size: 1.3rem; padding: 0.4rem 0.6rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); text-align: center; }
  .keys { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.4rem; }
  .keys button { font: inherit; font-size: 1.1rem; padding: 0.55rem 0; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface); cursor: pointer; }
  .call { font: inherit; padding: 0.6rem; border: 0; border-radius: var(--rs-radius); background: var(--rs-ok); color: white; cursor: pointer; }
  .call:disabled { opacity: 0.5; cursor: not-allowed; }
  .problem { margin: 0; color: var(--rs-danger); font-size: 0.85rem; }
`;
