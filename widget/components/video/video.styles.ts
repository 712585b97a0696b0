import { css } from 'lit';

/** The far end fills the card's width; the agent's own camera sits small in a corner, mirrored as in a mirror. */
export const styles = css`
  :host { display: block; margin-top: 0.5rem; }
  .stage { position: relative; margin: 0; border-radius: var(--rs-radius); overflow: hidden; background: #000; aspect-ratio: 16 / 9; }
  video { display: block; object-fit: cover; background: #000; }
  .remote { width: 100%; height: 100%; }
  .local { position: absolute; right: 0.4rem; bottom: 0.4rem; width: 30%; max-width: 9rem; aspect-ratio: 16 / 9; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); transform: scaleX(-1); }
`;
