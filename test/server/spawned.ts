import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';

/** A server entry point run as users run it, in its own process, so a crash is visible as an exit. */
export interface Spawned {
  child: ChildProcess;
  output(): string;
  /** The exit code once the process has ended, else undefined. */
  exitCode(): number | null | undefined;
  stop(): Promise<void>;
}

export async function spawnServer(entry: string, env: Record<string, string>, ready: RegExp): Promise<Spawned> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  let exit: number | null | undefined;
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = once(child, 'exit').then(([code]) => {
    exit = code as number | null;
  });
  for (let i = 0; i < 600 && !ready.test(out) && exit === undefined; i++) await Promise.race([exited, new Promise((r) => setTimeout(r, 50))]);
  return {
    child,
    output: () => out,
    exitCode: () => exit,
    async stop() {
      if (exit !== undefined) return;
      // The whole process group: `npm start` runs Vite's workers beside the server.
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

/**
 * Sends `raw` bytes on a fresh connection and resolves with everything the server answered
 * before it closed (or `timeoutMs` passed). Unlike fetch, nothing is normalised.
 */
export function rawRequest(port: number, raw: string | Buffer, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (d) => {
      chunks.push(d);
      // One response is all we wait for: stop once its head and declared body are in.
      const text = Buffer.concat(chunks).toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, head));
      if (head >= 0 && length && text.length - head - 4 >= Number(length[1])) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(raw);
  });
}

/** The status and lower-cased headers of a raw HTTP response. */
export function parseResponse(text: string): { status: number; headers: Record<string, string> } {
  const [statusLine = '', ...lines] = text.slice(0, Math.max(0, text.indexOf('\r\n\r\n'))).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers };
}
