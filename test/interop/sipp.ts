import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { spawnTracked } from './children.js';
import { INTEROP_DOMAIN, interopPorts } from './stack.js';

const scenarios = fileURLToPath(new URL('./scenarios/', import.meta.url));

export interface SippResult {
  exitCode: number | null;
  /** Every SIP message sipp sent or received, from its message trace. */
  trace: string;
  output: string;
}

export interface SippRun {
  scenario: 'uac-call' | 'uac-cancel' | 'uac-hold' | 'uas-pbx';
  /** For UAC scenarios: the user to call. */
  service?: string;
  /** `-key name value` pairs used as [name] in the scenario. */
  keys?: Record<string, string>;
  localPort: number;
  mediaPort: number;
  /** Length of the scenario's `<pause/>` (ringing before CANCEL, talking before BYE). */
  pauseMs?: number;
  timeoutSeconds?: number;
}

/** Runs one sipp scenario against Kamailio on loopback; resolves when sipp exits. */
export function runSipp(run: SippRun): Promise<SippResult> {
  const { sip } = interopPorts;
  const trace = join(scenarios, '..', `.sipp-${run.localPort}-${Date.now()}.log`);
  const args = [
    `127.0.0.1:${sip}`,
    '-sf', join(scenarios, `${run.scenario}.xml`),
    '-i', '127.0.0.1',
    '-p', String(run.localPort),
    '-mi', '127.0.0.1',
    '-mp', String(run.mediaPort),
    '-m', '1',
    '-timeout', `${run.timeoutSeconds ?? 40}s`,
    '-timeout_error',
    '-trace_msg', '-message_file', trace,
    '-key', 'domain', INTEROP_DOMAIN,
    '-nostdin',
  ];
  if (run.service) args.push('-s', run.service);
  if (run.pauseMs !== undefined) args.push('-d', String(run.pauseMs));
  for (const [name, value] of Object.entries(run.keys ?? {})) args.push('-key', name, value);
  return new Promise((resolve) => {
    const child = spawnTracked('sipp', args);
    let output = '';
    child.stdout?.on('data', (d) => (output = (output + d).slice(-20000)));
    child.stderr?.on('data', (d) => (output = (output + d).slice(-20000)));
    child.on('exit', async (code) => {
      const { readFile, rm } = await import('node:fs/promises');
      const text = await readFile(trace, 'utf8').catch(() => '');
      await rm(trace, { force: true });
      resolve({ exitCode: code, trace: text, output });
    });
  });
}
