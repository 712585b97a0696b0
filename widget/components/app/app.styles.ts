import { css } from 'lit';

export const styles = css`
  :host {
    --rs-ok: #15803d;
    --rs-danger: #b91c1c;
    --rs-danger-bg: #fef2f2;
    --rs-warn: #b45309;
    --rs-muted: #57606a;
    --rs-border: #d0d7de;
    --rs-surface: #ffffff;
    --rs-surface-2: #f6f8fa;
    --rs-radius: 6px;
    display: flex;
    flex-direction: column;
    min-height: 100%;
    font: 14px/1.4 var(--rs-font, system-ui, -apple-system, 'Segoe UI', sans-serif);
    color: var(--rs-text, #1f2328);
    background: var(--rs-surface);
  }
  main { flex: 1; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
