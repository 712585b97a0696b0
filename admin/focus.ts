import type { ReactiveElement } from 'lit';

const isReactive = (node: Element): node is ReactiveElement => 'updateComplete' in node;

/** Resolves when `host` and every Lit element in its shadow tree have rendered. */
export async function settled(host: ReactiveElement): Promise<void> {
  await host.updateComplete;
  const inner = [...(host.renderRoot.querySelectorAll?.('*') ?? [])].filter(isReactive);
  await Promise.all(inner.map(settled));
}

/** The first element matching `selector` in document order, looking into open shadow roots. */
export function deepFind(root: ParentNode, selector: string): HTMLElement | null {
  for (const element of root.querySelectorAll('*')) {
    if (element.matches(selector)) return element as HTMLElement;
    if (element.shadowRoot) {
      const inside = deepFind(element.shadowRoot, selector);
      if (inside) return inside;
    }
  }
  return null;
}

/**
 * After a refused save: waits for the error messages to render, then moves focus to the first
 * field marked invalid (its message is read out through aria-describedby). False when no
 * field is marked, so the caller can focus the form's own message instead.
 */
export async function focusFirstInvalid(host: ReactiveElement): Promise<boolean> {
  await settled(host);
  const field = deepFind(host.renderRoot as ParentNode, '[aria-invalid="true"]');
  field?.focus();
  return field !== null;
}
