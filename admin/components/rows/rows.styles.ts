import { css } from 'lit';

export const styles = css`
  .row { display: flex; gap: 0.5rem; align-items: flex-start; }
  .row > .field { flex: 1 1 0; min-width: 0; }
  .row > button { flex: none; min-width: 6rem; }
  .row.heading { font-weight: 600; font-size: 0.875rem; }
  .row.heading > span { flex: 1 1 0; }
  .row.heading > span:last-child { flex: none; min-width: 6rem; }
`;
