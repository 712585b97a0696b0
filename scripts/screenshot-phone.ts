import type { Browser, ElementHandle, Page } from 'puppeteer-core';

/**
 * One phone (the widget page at `/widget/?token=…`) in a browser tab, driven the way its user
 * would: through its own buttons and fields, found by paths of selectors that enter each
 * component's shadow root. Every step waits for the DOM to show the state it needs; none sleeps.
 */
export class PhonePage {
  static readonly timeoutMs = 20000;

  private constructor(
    readonly page: Page,
    readonly userId: string,
  ) {}

  /** Opens `userId`'s phone and waits until it is registered and shows the dial pad. */
  static async open(browser: Browser, url: string, userId: string, viewport = { width: 360, height: 560, deviceScaleFactor: 1 }): Promise<PhonePage> {
    const page = await browser.newPage();
    await page.setViewport(viewport);
    await page.emulateMediaFeatures([
      { name: 'prefers-color-scheme', value: 'light' },
      { name: 'prefers-reduced-motion', value: 'reduce' },
    ]);
    // The phone's own errors, so a failed step says why (a chunk that did not load, say).
    const report = (line: string) => process.stderr.write(`[${userId}] ${line.replace(/token=[^&\s]+/g, 'token=…')}\n`);
    page.on('pageerror', (error) => report(error instanceof Error ? error.message : String(error)));
    page.on('console', (message) => {
      const text = message.text();
      // Lit's dev-mode notice is expected from Vite; failed loads are reported with their URL below.
      if ((message.type() === 'error' || message.type() === 'warn') && !text.includes('Lit is in dev mode') && !text.startsWith('Failed to load resource')) report(`${message.type()}: ${text}`);
    });
    page.on('requestfailed', (request) => report(`${request.failure()?.errorText ?? 'failed'} ${request.url()}`));
    page.on('response', (response) => {
      // The browser asks for a favicon on its own; the widget has none.
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) report(`${response.status()} ${response.url()}`);
    });
    await page.goto(url);
    const phone = new PhonePage(page, userId);
    await phone.find(['rs-status-bar', '.bar[data-state="registered"]']);
    await phone.find(['rs-dial-pad', 'button.call']);
    return phone;
  }

  /**
   * The element at the end of `path` (each selector looked up inside the previous element's
   * shadow root, or inside the element when it has none), polled rather than observed:
   * Puppeteer's `waitForSelector` watches the document's mutations, and a change inside a
   * shadow root (a lazily loaded dialog rendering) is not one, so it could wait forever.
   */
  async find(path: readonly string[]): Promise<ElementHandle<Element>> {
    const handle = await this.page
      .waitForFunction(probe, { polling: 50, timeout: PhonePage.timeoutMs }, path, 'present' as const)
      .catch((error: Error) => Promise.reject(new Error(`${this.userId}: never found ${path.join(' › ')} (${error.message})`)));
    const element = handle.asElement();
    if (!element) throw new Error(`${this.userId}: ${path.join(' › ')} is not an element`);
    return element as ElementHandle<Element>;
  }

  async gone(path: readonly string[]): Promise<void> {
    await this.page
      .waitForFunction(probe, { polling: 50, timeout: PhonePage.timeoutMs }, path, 'gone' as const)
      .catch((error: Error) => Promise.reject(new Error(`${this.userId}: ${path.join(' › ')} never went away (${error.message})`)));
  }

  /**
   * Clicks the element at `path` once it is there and enabled. A DOM click, not a mouse one:
   * no pointer is left hovering over a button in the next screenshot.
   */
  async click(path: readonly string[]): Promise<void> {
    const last = path.length - 1;
    const enabled = [...path.slice(0, last), `${path[last]}:not([disabled])`];
    const target = await this.find(enabled);
    await target.evaluate((element) => (element as HTMLElement).click());
  }

  /** Waits until the element at `path` reads `text`. */
  async hasText(path: readonly string[], text: string): Promise<void> {
    const element = await this.find(path);
    await this.page.waitForFunction((node, expected) => node.textContent?.trim() === expected, { polling: 50, timeout: PhonePage.timeoutMs }, element, text);
  }

  /** Types into the field at `path`, then leaves it, so no blinking caret is photographed. */
  async type(path: readonly string[], text: string): Promise<void> {
    const field = await this.find(path);
    await field.type(text);
    await field.evaluate((element) => (element as HTMLElement).blur());
  }

  async dial(number: string): Promise<void> {
    await this.type(['rs-dial-pad', 'input[name="number"]'], number);
    await this.click(['rs-dial-pad', 'button.call']);
  }

  /** Scrolls the phone so the element at `path` ends at the bottom of the view, as an agent would to reach it. */
  async reveal(path: readonly string[]): Promise<void> {
    const element = await this.find(path);
    await element.evaluate((node) => node.scrollIntoView({ block: 'end' }));
  }

  async scrollToTop(): Promise<void> {
    await this.page.evaluate(() => window.scrollTo(0, 0));
  }

  /** Writes what the phone shows now, after the current frame has been painted. */
  async shot(path: string): Promise<void> {
    await this.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await this.page.screenshot({ path: path as `${string}.png`, type: 'png' });
  }
}

/**
 * Runs in the page (Puppeteer sends its source, so it must be self-contained): walks `path`
 * from `<rs-app>`'s shadow root. Truthy when the wait is over: the element while waiting for
 * it to be `present`, `true` once it is `gone`.
 */
function probe(path: readonly string[], until: 'present' | 'gone'): Element | boolean {
  let scope: ParentNode | null | undefined = document.querySelector('rs-app')?.shadowRoot;
  let found: Element | null = null;
  for (const selector of path) {
    found = scope?.querySelector(selector) ?? null;
    if (!found) break;
    scope = found.shadowRoot ?? found;
  }
  return until === 'present' ? (found ?? false) : !found;
}
