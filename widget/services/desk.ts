import { AgentSettings } from './agent-settings.js';
import type { AutoAnswer, Timers } from './auto-answer.js';
import { agentKey, localStorageOf, type DeskCore } from './desk-core.js';
import { autoAnswerPolicy, shortcutsPolicy, type AutoAnswerPolicy, type ShortcutsPolicy } from './desk-policy.js';
import { Devices } from './devices.js';
import type { Logger } from './logger.js';
import { Tones } from './media/tones.js';
import { Ringer, type ToneOutput } from './ringer.js';
import type { Shortcuts } from './shortcuts.js';

/** The classes behind auto-answer and the keyboard shortcuts, loaded by `Desk.start()`. */
export interface DeskHelpers {
  AutoAnswer: typeof AutoAnswer;
  Shortcuts: typeof Shortcuts;
}

/** Neither is needed to show the phone, log in or ring: they load after the phone's first load. */
const loadHelpers = (): Promise<DeskHelpers> =>
  Promise.all([import('./auto-answer.js'), import('./shortcuts.js')]).then(([{ AutoAnswer }, { Shortcuts }]) => ({ AutoAnswer, Shortcuts }));

export interface DeskOptions {
  /** The widget's window: its localStorage keeps each agent's choices, its document takes the shortcuts. */
  win: Window;
  log: (category: string) => Logger;
  /** Tests pass their own; otherwise `navigator.mediaDevices`, Web Audio tones and `setTimeout`. */
  mediaDevices?: MediaDevices;
  tones?: ToneOutput;
  timers?: Timers;
  /** Tests pass their own to hold the load of auto-answer and the shortcuts back. */
  loadHelpers?: () => Promise<DeskHelpers>;
}

/**
 * The agent's desk around the phone: devices, ringer, auto-answer, keyboard shortcuts and the
 * agent's own settings for them. Built and started once by `<rs-app>` beside the core, and
 * handed to `<rs-settings>`. Follows the logged-in agent, so each agent sharing a browser
 * gets their own devices and settings back.
 *
 * Auto-answer and the shortcuts load at `start()` without waiting for anything (no call can
 * ring before a login, which takes longer): their policies (`autoAnswer.policy`,
 * `shortcuts.enabled`) are known at once, and auto-answer looks at the calls as soon as it
 * runs, so a call already ringing then is answered after its delay like any other.
 */
export class Desk {
  readonly settings: AgentSettings;
  readonly devices: Devices;
  readonly ringer: Ringer;
  /** Whether and when calls are answered by themselves, before and after auto-answer's code has loaded. */
  readonly autoAnswer: { readonly policy: AutoAnswerPolicy };
  /** Whether the keyboard shortcuts work, before and after their code has loaded. */
  readonly shortcuts: ShortcutsPolicy;
  readonly #core: DeskCore;
  readonly #options: DeskOptions;
  readonly #log: Logger;
  #userId: string | null = null;
  #unsubscribe: (() => void)[] = [];
  #loading: Promise<void> | null = null;
  #running: { autoAnswer: AutoAnswer; shortcuts: Shortcuts } | null = null;

  constructor(core: DeskCore, options: DeskOptions) {
    this.#core = core;
    this.#options = options;
    const storage = localStorageOf(options.win);
    const settings = new AgentSettings(storage);
    this.settings = settings;
    this.devices = new Devices(core, { storage, ...(options.mediaDevices ? { mediaDevices: options.mediaDevices } : {}) });
    const log = options.log('desk');
    this.#log = log;
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
    this.autoAnswer = {
      get policy() {
        return autoAnswerPolicy(core.settings.allowAutoAnswer, core.prefs.autoAnswer, settings.value.autoAnswer);
      },
    };
    this.shortcuts = {
      get hostAllows() {
        return shortcutsPolicy(core.prefs.shortcuts, settings.value.shortcuts).hostAllows;
      },
      get enabled() {
        return shortcutsPolicy(core.prefs.shortcuts, settings.value.shortcuts).enabled;
      },
    };
  }

  /** True while an agent is logged in: the settings are theirs, so there are none before. */
  get loggedIn(): boolean {
    return this.#userId !== null;
  }

  /** The core, for the settings panel's lazily loaded parts (the agent's URL triggers). */
  get core(): DeskCore {
    return this.#core;
  }

  start(): void {
    if (this.#unsubscribe.length) return;
    this.#unsubscribe = [this.#core.subscribe(() => this.#followAgent()), this.devices.subscribe(() => this.ringer.refresh())];
    this.#followAgent();
    this.ringer.start();
    void this.#startHelpers();
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    this.#running?.autoAnswer.stop();
    this.#running?.shortcuts.stop();
    this.#userId = null;
    this.settings.use(null);
    this.devices.use(null);
    await this.ringer.stop();
  }

  /**
   * Resolves true once auto-answer and the shortcuts run (at once if they already do); false
   * while the desk is stopped, or if their code could not load (offline, a failed deploy):
   * the next login tries again.
   */
  helpersRunning(): Promise<boolean> {
    return this.#startHelpers();
  }

  async #startHelpers(): Promise<boolean> {
    if (!this.#running) {
      this.#loading ??= this.#load().finally(() => (this.#loading = null));
      await this.#loading;
    }
    // Stopped while the code loaded: it starts with the next `start()`.
    if (!this.#running || !this.#unsubscribe.length) return false;
    this.#running.autoAnswer.start();
    this.#running.shortcuts.start();
    return true;
  }

  async #load(): Promise<void> {
    try {
      const { AutoAnswer, Shortcuts } = await (this.#options.loadHelpers ?? loadHelpers)();
      const log = this.#log;
      this.#running ??= {
        autoAnswer: new AutoAnswer(this.#core, this.settings, { log, ...(this.#options.timers ? { timers: this.#options.timers } : {}) }),
        shortcuts: new Shortcuts(this.#core, this.settings, { target: this.#options.win.document, log }),
      };
    } catch (error) {
      this.#log.warn(`auto-answer and keyboard shortcuts not loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
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
    // Their code failed to load at start: a login is a good moment to try again.
    if (userId && !this.#running) void this.#startHelpers();
    const tenantId = this.#core.tenantId;
    this.settings.use(userId ? agentKey('settings', userId, tenantId) : null);
    this.devices.use(userId ? agentKey('devices', userId, tenantId) : null);
  }
}
