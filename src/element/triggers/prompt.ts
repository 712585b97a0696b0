/**
 * The one-click "Open …" prompt in the phone's chrome for a trigger window the browser blocked:
 * a ringing call is not a user gesture, a click on this button is. One prompt per trigger (a
 * newer firing replaces it), three at most; each can be dismissed.
 */
const STYLE = `
.trigger-prompts { display: flex; flex-direction: column; gap: 4px; padding: 4px; background: #fff8c5; border-bottom: 1px solid #d4a72c; }
.trigger-prompts:empty { display: none; }
.trigger-prompt { display: flex; align-items: center; gap: 4px; }
.trigger-prompt button { font: inherit; border-radius: 4px; cursor: pointer; }
.trigger-open { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; text-align: left; padding: 4px 8px; border: 1px solid #0969da; background: #0969da; color: #fff; }
.trigger-dismiss { border: 0; background: transparent; min-width: 24px; height: 24px; }
`;

const MAX_PROMPTS = 3;

export class BlockedPrompts {
  readonly #root: ShadowRoot;
  #list: HTMLElement | null = null;

  constructor(root: ShadowRoot) {
    this.#root = root;
  }

  /** Shows (or replaces) the prompt of `trigger`; `open` runs in the click, and says whether a window opened. */
  show(trigger: string, label: string, open: () => boolean): void {
    const list = this.#container();
    for (const old of list.querySelectorAll<HTMLElement>('.trigger-prompt')) if (old.dataset.trigger === trigger) old.remove();
    while (list.children.length >= MAX_PROMPTS) list.firstElementChild?.remove();
    const row = document.createElement('div');
    row.className = 'trigger-prompt';
    row.setAttribute('part', 'trigger-prompt');
    row.setAttribute('role', 'alert');
    row.dataset.trigger = trigger;
    const button = document.createElement('button');
    button.className = 'trigger-open';
    button.setAttribute('part', 'trigger-open-button');
    button.textContent = `Open ${label}`;
    button.title = 'The browser blocked this window; click to open it';
    button.addEventListener('click', () => {
      if (open()) row.remove();
    });
    const dismiss = document.createElement('button');
    dismiss.className = 'trigger-dismiss';
    dismiss.setAttribute('aria-label', `Dismiss: open ${label}`);
    dismiss.textContent = '×';
    dismiss.addEventListener('click', () => row.remove());
    row.append(button, dismiss);
    list.append(row);
  }

  dispose(): void {
    this.#list?.remove();
    this.#list = null;
  }

  #container(): HTMLElement {
    if (this.#list?.isConnected) return this.#list;
    const list = document.createElement('div');
    list.className = 'trigger-prompts';
    list.setAttribute('part', 'trigger-prompts');
    const style = document.createElement('style');
    style.textContent = STYLE;
    // Between the title bar and the phone: in view while the phone is open or minimized.
    const body = this.#root.querySelector('.body');
    if (body) body.before(style, list);
    else this.#root.append(style, list);
    this.#list = list;
    return list;
  }
}
