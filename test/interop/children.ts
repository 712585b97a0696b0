import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * Every process the interop suite starts (Kamailio, rtpengine, sipp) is registered here and
 * killed when the Node process exits or is interrupted, so a failed or aborted run leaves
 * nothing behind holding a port.
 */
const running = new Set<ChildProcess>();

/** Signals the child's whole process group: Kamailio forks workers that hold its sockets. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function killAll(): void {
  for (const child of running) signalGroup(child, 'SIGKILL');
}
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

export function spawnTracked(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
export async function stopChild(child: ChildProcess | null, graceMs = 5000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export function stopAllTracked(): Promise<void> {
  return Promise.all([...running].map((child) => stopChild(child, 1000))).then(() => undefined);
}
