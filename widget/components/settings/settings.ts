import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { define } from '../../define.js';
import { clampDelay } from '../../services/agent-settings.js';
import type { Desk } from '../../services/desk.js';
import { supportsOutputSelection, type DeviceKind, type DeviceLists, type DeviceOption } from '../../services/media/device-choices.js';
import { shortcutList } from '../../services/shortcuts.js';
import { FollowController } from './follow-controller.js';
import './triggers-settings.js';
import './trigger-log.js';
import { styles } from './settings.styles.js';

/** The agent closed the settings panel (Close or Escape). */
export class RsSettingsCloseEvent extends Event {
  static readonly eventName = 'rs-settings-close';
  constructor() {
    super(RsSettingsCloseEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * @summary The agent's phone settings: microphone, speaker and ringer output with a ringer
 * test, keyboard shortcuts, and auto-answer with its delay, each kept per agent. Loaded the
 * first time the agent opens it; focus moves to its heading, and Escape or Close closes it.
 *
 * @fires rs-settings-close - The agent closed the panel.
 */
export class RsSettings extends LitElement {
  static override styles = styles;
  static override properties = { desk: { attribute: false }, lists: { state: true } };
  declare desk: Desk | undefined;
  declare lists: DeviceLists;

  constructor() {
    super();
    this.lists = { microphones: [], speakers: [] };
    new FollowController(this, () => this.desk);
    // Devices come and go (and get labels after permission): list them again on each change.
    new FollowController(this, () => this.desk?.devices, () => void this.#list());
    updateWhenLocaleChanges(this);
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.desk?.ringer.test(false);
  }

  override render(): TemplateResult | typeof nothing {
    const desk = this.desk;
    if (!desk) return nothing;
    const outputs = supportsOutputSelection();
    const { microphone, speaker, ringer } = desk.devices.choices;
    const testing = desk.ringer.testing;
    return html`
      <section aria-labelledby="settings-title" @keydown=${this.#onKeyDown}>
        <h2 id="settings-title" tabindex="-1">${msg('Phone settings', { id: 'settings.title' })}</h2>
        <fieldset>
          <legend>${msg('Audio devices', { id: 'settings.devices' })}</legend>
          ${this.#select('microphone', msg('Microphone', { id: 'settings.microphone' }), this.lists.microphones, microphone, true)}
          ${this.#select('speaker', msg('Speaker for calls', { id: 'settings.speaker' }), this.lists.speakers, speaker, outputs)}
          ${this.#select('ringer', msg('Ringer', { id: 'settings.ringer' }), this.lists.speakers, ringer, outputs)}
          ${outputs ? nothing : html`<p id="no-outputs" class="note">${msg('This browser cannot choose where sound plays: calls and the ringer use the system’s default output.', { id: 'settings.no-output-selection' })}</p>`}
          <button class="test" aria-pressed=${testing ? 'true' : 'false'} @click=${() => desk.ringer.test(!testing)}>
            ${testing ? msg('Stop ringer test', { id: 'settings.test-stop' }) : msg('Test ringer', { id: 'settings.test' })}
          </button>
        </fieldset>
        ${this.#shortcuts(desk)} ${this.#autoAnswer(desk)}
        <rs-triggers-settings .desk=${desk}></rs-triggers-settings>
        <rs-trigger-log .source=${desk.core.triggers}></rs-trigger-log>
        <button class="close" @click=${() => this.#close()}>${msg('Close', { id: 'settings.close' })}</button>
      </section>
    `;
  }

  #select(kind: DeviceKind, label: string, options: DeviceOption[], chosen: string, enabled: boolean): TemplateResult {
    return html`
      <div class="field">
        <label for=${kind}>${label}</label>
        <select id=${kind} ?disabled=${!enabled} aria-describedby=${enabled ? nothing : 'no-outputs'} @change=${(event: Event) => this.desk?.devices.choose(kind, (event.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${chosen === ''}>${msg('System default', { id: 'settings.default-device' })}</option>
          ${options.map((option) => html`<option value=${option.deviceId} ?selected=${option.deviceId === chosen}>${option.label}</option>`)}
        </select>
      </div>
    `;
  }

  #shortcuts(desk: Desk): TemplateResult {
    const allowed = desk.shortcuts.hostAllows;
    return html`
      <fieldset>
        <legend>${msg('Keyboard shortcuts', { id: 'settings.shortcuts' })}</legend>
        <label class="check">
          <input type="checkbox" class="shortcuts" .checked=${live(desk.shortcuts.enabled)} ?disabled=${!allowed} aria-describedby=${allowed ? 'shortcuts-note' : 'shortcuts-off'} @change=${(event: Event) => desk.settings.update({ shortcuts: (event.target as HTMLInputElement).checked })} />
          ${msg('Use keyboard shortcuts', { id: 'settings.shortcuts-on' })}
        </label>
        ${allowed ? nothing : html`<p id="shortcuts-off" class="note">${msg('The page the phone is in has turned keyboard shortcuts off.', { id: 'settings.shortcuts-host-off' })}</p>`}
        <dl class="keys">${shortcutList().map((shortcut) => html`<dt><kbd>${shortcut.keys}</kbd></dt><dd>${shortcut.label}</dd>`)}</dl>
        <p id="shortcuts-note" class="note">${msg('They work while the phone has focus, except while typing in a text field. On a Mac, Alt is the Option key.', { id: 'settings.shortcuts-note' })}</p>
      </fieldset>
    `;
  }

  #autoAnswer(desk: Desk): TemplateResult {
    const policy = desk.autoAnswer.policy;
    const note = !policy.allowed
      ? msg('Your organisation does not allow calls to be answered automatically.', { id: 'settings.auto-answer-not-allowed' })
      : policy.source === 'host'
        ? msg('Set by the page the phone is in until you change it here.', { id: 'settings.auto-answer-from-host' })
        : msg('Only a call that rings while you are ready and on no other call is answered.', { id: 'settings.auto-answer-note' });
    // Read at the event, not at render: two changes can come before the next render.
    const update = (patch: { enabled?: boolean; delaySeconds?: number }) => {
      const { enabled, delaySeconds } = { ...desk.autoAnswer.policy, ...patch };
      desk.settings.update({ autoAnswer: { enabled, delaySeconds: clampDelay(delaySeconds) } });
    };
    return html`
      <fieldset>
        <legend>${msg('Auto-answer', { id: 'settings.auto-answer' })}</legend>
        <label class="check">
          <input type="checkbox" class="auto-answer" .checked=${live(policy.enabled)} ?disabled=${!policy.allowed} aria-describedby="auto-answer-note" @change=${(event: Event) => update({ enabled: (event.target as HTMLInputElement).checked })} />
          ${msg('Answer calls automatically', { id: 'settings.auto-answer-on' })}
        </label>
        <div class="field">
          <label for="delay">${msg('After (seconds, 0–60)', { id: 'settings.auto-answer-delay' })}</label>
          <input id="delay" type="number" min="0" max="60" step="1" inputmode="numeric" .value=${live(String(policy.delaySeconds))} ?disabled=${!policy.allowed} aria-describedby="auto-answer-note" @change=${(event: Event) => update({ delaySeconds: Number((event.target as HTMLInputElement).value) })} />
        </div>
        <p id="auto-answer-note" class="note">${note}</p>
      </fieldset>
    `;
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.#close();
  };

  async #list(): Promise<void> {
    const devices = this.desk?.devices;
    if (!devices) return;
    const lists = await devices.list();
    if (this.desk?.devices === devices) this.lists = lists;
  }

  #close(): void {
    this.desk?.ringer.test(false);
    this.dispatchEvent(new RsSettingsCloseEvent());
  }
}

define('rs-settings', RsSettings);

declare global {
  interface HTMLElementTagNameMap {
    'rs-settings': RsSettings;
  }
  interface HTMLElementEventMap {
    'rs-settings-close': RsSettingsCloseEvent;
  }
}
