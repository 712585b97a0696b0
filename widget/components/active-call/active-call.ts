import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, type TemplateResult } from 'lit';
import { formatDuration, type CallInfo } from '../../../src/protocol/index.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { linesController } from '../../controllers/core-controller.js';
import { define } from '../../define.js';
import { problemOf } from '../problem-of.js';
import { callerId } from '../caller-id.js';
import { callStateLabel, talkSeconds } from '../call-labels.js';
import { styles } from '../call-card.styles.js';
import '../keypad/keypad.js';

type Panel = 'none' | 'keypad' | 'transfer';

/**
 * @summary The line the agent is on: who, state, timer; Mute, Hold, Camera, Keypad, Transfer,
 * Conference (with two answered lines) and Hang up. The transfer dialog loads when first opened,
 * the video view with the first call that has video.
 */
export class RsActiveCall extends LitElement {
  static override styles = styles;
  static override properties = { call: { attribute: false }, panel: { state: true }, problem: { state: true } };
  declare call: CallInfo | undefined;
  declare panel: Panel;
  declare problem: string;
  readonly #lines = linesController(this);
  readonly #clock = new ClockController(this, () => this.#lines.core?.clock, () => this.call?.state === 'active');

  constructor() {
    super();
    this.panel = 'none';
    this.problem = '';
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult | null {
    const call = this.call;
    const value = this.#lines.value;
    if (!call || !value) return null;
    const active = call.state === 'active';
    const answered = value.calls.filter((c) => c.state === 'active');
    const consulting = value.consultation !== null;
    const canMerge = answered.length >= 2 && !call.conference;
    const lines = this.#lines.core?.lines;
    const phone = this.#lines.core?.phone;
    const video = phone?.video(call.callId);
    const camera = video?.local != null;
    // Video is not needed to ring or talk: its view loads with the first call that has some.
    if (call.video) void import('../video/video.js');
    return html`
      <section class="card" aria-label=${msg('Current call', { id: 'call.current' })}>
        <p class="label">${callStateLabel(call)}</p>
        ${callerId(call)}
        <p class="timer" role="timer" aria-label=${msg('Call duration', { id: 'call.duration' })}>${formatDuration(talkSeconds(call, this.#clock.now()))}</p>
        <div class="actions wrap">
          <button ?disabled=${!active} aria-pressed=${call.muted ? 'true' : 'false'} @click=${() => this.#run(() => lines?.setMuted(!call.muted, call.callId))}>${call.muted ? msg('Unmute', { id: 'call.unmute' }) : msg('Mute', { id: 'call.mute' })}</button>
          <button class="hold" ?disabled=${!active || call.conference} aria-pressed=${call.held ? 'true' : 'false'} @click=${() => this.#run(() => (call.held ? lines?.unhold(call.callId) : lines?.hold(call.callId)))}>${call.held ? msg('Resume', { id: 'lines.resume' }) : msg('Hold', { id: 'call.hold' })}</button>
          <button class="camera" ?disabled=${!active || (!camera && (call.held || (call.conference ?? false)))} aria-pressed=${camera ? 'true' : 'false'} @click=${() => this.#run(() => phone?.setVideo(call.callId, !camera))}>${msg('Camera', { id: 'video.camera' })}</button>
          <button class="keypad-toggle" ?disabled=${!active} aria-expanded=${this.panel === 'keypad' ? 'true' : 'false'} @click=${() => this.#toggle('keypad')}>${msg('Keypad', { id: 'call.keypad' })}</button>
          <button class="transfer" ?disabled=${!active || (call.conference ?? false)} aria-expanded=${this.panel === 'transfer' || consulting ? 'true' : 'false'} @click=${() => this.#toggle('transfer')}>${msg('Transfer', { id: 'call.transfer' })}</button>
          ${canMerge ? html`<button class="merge" @click=${() => this.#run(() => this.#lines.core?.phone.conference())}>${msg('Conference', { id: 'call.merge' })}</button>` : null}
          ${call.conference ? html`<button class="leave" @click=${() => this.#run(() => this.#lines.core?.phone.leaveConference())}>${msg('Leave them talking', { id: 'call.leave-conference' })}</button>` : null}
          <button class="danger hang-up" @click=${() => this.#run(() => lines?.hangUp(call.callId))}>${msg('Hang up', { id: 'call.hang-up' })}</button>
        </div>
        ${call.video ? html`<rs-video .local=${video?.local ?? null} .remote=${video?.remote ?? null}></rs-video>` : null}
        ${this.panel === 'keypad' ? html`<rs-keypad .callId=${call.callId}></rs-keypad>` : null}
        ${this.panel === 'transfer' || consulting ? html`<rs-transfer-dialog .callId=${call.callId} @close=${() => (this.panel = 'none')}></rs-transfer-dialog>` : null}
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      </section>
    `;
  }

  #toggle(panel: Panel): void {
    this.panel = this.panel === panel ? 'none' : panel;
    if (this.panel === 'transfer') void import('../transfer-dialog/transfer-dialog.js');
  }

  async #run(command: () => Promise<unknown> | undefined): Promise<void> {
    this.problem = await problemOf(command);
    // The camera is not part of the call's info: a camera turned on for a call that already
    // had video (the far end's) changes no call, so redraw for the pressed state.
    this.requestUpdate();
  }
}

define('rs-active-call', RsActiveCall);

declare global {
  interface HTMLElementTagNameMap {
    'rs-active-call': RsActiveCall;
  }
}
