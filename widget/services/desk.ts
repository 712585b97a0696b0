import { AgentSettings } from './agent-settings.js';
import { AutoAnswer, type Timers } from './auto-answer.js';
import { agentKey, localStorageOf, type DeskCore } from './desk-core.js';
import { Devices } from './devices.js';
import type { Logger } from './logger.js';
import { Tones } from './media/tones.js';
import { Ringer, type ToneOutput } from './ringer.js';
import { Shortcuts } from './shortcuts.js';

export interface DeskOptions {
  /** The widget's window: its localStorage keeps each agent's choices, its document takes the shortcuts. */
  win: Window;
  log: (category: string) => Logger;
  /** Tests pass their own; otherwise `navigator.mediaDevices`, Web Audio tones and `setTimeout`. */
  mediaDevices?: MediaDevices;
  tones?: ToneOutput;
  timers?: Timers;
}

/**
 * The agent's desk around the phone: devices, ringer, auto-answer, keyboard shortcuts and the
 * agent's own settings for them. Built and started once by `<rs-app>` beside the core, and
 * handed to `<rs-settings>`. Follows the logged-in agent, so each agent sharing a browser
 * gets their own devices and settings back.
 */
export class Desk {
  readonly settings: AgentSettings;
  readonly devices: Devices;
  readonly ringer: Ringer;
  readonly autoAnswer: AutoAnswer;
  readonly shortcuts: Shortcuts;
  readonly #core: DeskCore;
  #userId: string | null = null;
  #unsubscribe: (() => void)[] = [];

  constructor(core: DeskCore, options: DeskOptions) {
    this.#core = core;
    const storage = localStorageOf(options.win);
    this.settings = new AgentSettings(storage);
    this.devices = new Devices(core, { storage, ...(options.mediaDevices ? { mediaDevices: options.mediaDevices } : {}) });
    const log = options.log('desk');
    const tones =
      options.tones ??
      new Tones({
        onFallback: ({ sinkId, reason }) => {
          log.warn(`ringer output ${sinkId} not used: ${reason}`);
          this.devices.ringerFellBack(sinkId);
        },
        onBlocked: (reason) => log.warn(`ringtone blocked until the agent clicks in the phone: ${reason}`),
      });
    this.ringer = new Ringer(core, { tones, ringerDevice: () => this.devices.choices.ringer, speakerDevice: () => this.devices.choices.speaker });
    this.autoAnswer = new AutoAnswer(core, this.settings, { log, ...(options.timers ? { timers: options.timers } : {}) });
    this.shortcuts = new Shortcuts(core, this.settings, { target: options.win.document, log });
  }

  /** True while an agent is logged in: the settings are theirs, so there are none before. */
  get loggedIn(): boolean {
    return this.#userId !== null;
  }

  start(): void {
    if (this.#unsubscribe.length) return;
    this.#unsubscribe = [this.#core.subscribe(() => this.#followAgent()), this.devices.subscribe(() => this.ringer.refresh())];
    this.#followAgent();
    this.ringer.start();
    this.autoAnswer.start();
    this.shortcuts.start();
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.autoAnswer.stop();
    this.shortcuts.stop();
    this.#userId = null;
    this.settings.use(null);
    this.devices.use(null);
    await this.ringer.stop();
  }

  /**
   * Told when anything the settings panel shows may have changed: the core (host preferences,
   * tenant settings, the agent), the devices, the agent's settings, the ringer test.
   */
  subscribe(listener: () => void): () => void {
    const unsubscribe = [this.#core.subscribe(listener), this.devices.subscribe(listener), this.settings.subscribe(listener), this.ringer.subscribe(listener)];
    return () => unsubscribe.forEach((stop) => stop());
  }

  /** A login, logout or switch of agent: that agent's devices and settings (the tenant too, once the core says which). */
  #followAgent(): void {
    const userId = this.#core.snapshot().agent?.userId ?? null;
    if (userId === this.#userId) return;
    this.#userId = userId;
    const tenantId = this.#core.tenantId;
    this.settings.use(userId ? agentKey('settings', userId, tenantId) : null);
    this.devices.use(userId ? agentKey('devices', userId, tenantId) : null);
  }
}
