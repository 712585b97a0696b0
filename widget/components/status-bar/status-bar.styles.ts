import { css } from 'lit';

export const styles = css`
  :host { display: block; }
  .bar { display: flex; align-items: center; gap: 0.5rem; padding: 0.5rem 0.75rem; background: var(--rs-surface-2); font-size: 0.85rem; }
  .dot { width: 0.6rem; height: 0.6rem; border-radius: 50%; background: var(--rs-muted); }
  [data-state='registered'] .dot { background: var(--rs-ok); }
  [data-state='failed'] .dot { background: var(--rs-danger); }
  [data-state='reconnecting'] .dot, [data-state='registering'] .dot, [data-state='logging_in'] .dot { background: var(--rs-warn); }
  .agent { margin-left: auto; color: var(--rs-muted); }
  .error { margin: 0; padding: 0.5rem 0.75rem; background: var(--rs-danger-bg); color: var(--rs-danger); font-size: 0.85rem; }
`;
