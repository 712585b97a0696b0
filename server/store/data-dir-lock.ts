import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A lock file in the embedded store's data directory: `{pid, owner}`. A lock whose process
 * is gone is stale and taken over; a live one is refused with a message that says who holds
 * it and what to do instead.
 */
export class StoreLockedError extends Error {
  constructor(dir: string, holder: { pid: number; owner: string }) {
    super(`the embedded store in ${dir} is in use by ${holder.owner} (process ${holder.pid}); stop it first, use the admin API, or use PostgreSQL (RINGSIDE_DATABASE_URL)`);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirLock {
  private constructor(private readonly file: string) {}

  static take(dir: string, owner: string): DataDirLock {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'ringside.lock');
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, owner }), { flag: 'wx' });
    } catch {
      let holder: { pid: number; owner: string } = { pid: 0, owner: 'unknown' };
      try {
        holder = JSON.parse(readFileSync(file, 'utf8')) as typeof holder;
      } catch {
        // An unreadable lock is treated as stale below.
      }
      if (holder.pid && holder.pid !== process.pid && alive(holder.pid)) throw new StoreLockedError(dir, holder);
      writeFileSync(file, JSON.stringify({ pid: process.pid, owner }));
    }
    return new DataDirLock(file);
  }

  release(): void {
    rmSync(this.file, { force: true });
  }
}
