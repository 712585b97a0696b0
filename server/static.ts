import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { parseTarget } from './http/request-path.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Serves files under `root` at URL prefix `mount` (directories give their index.html).
 * Paths are resolved and checked to stay inside `root`. For the built app only; production
 * deployments put any static host or CDN in front of dist/.
 */
export function staticFiles(mount: string, root: string) {
  const base = resolve(root);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const pathname = parseTarget(req.url)?.path;
    if (!pathname || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    // `/widget` names the same page as `/widget/`.
    const inMount = pathname.startsWith(mount) ? pathname : `${pathname}/` === mount ? mount : undefined;
    if (!inMount) return false;
    let file = resolve(join(base, inMount.slice(mount.length)));
    if (file !== base && !file.startsWith(base + sep)) return false;
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const info = await stat(file);
      if (!info.isFile()) return false;
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'content-length': info.size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).on('error', () => res.destroy()).pipe(res);
      return true;
    } catch {
      return false;
    }
  };
}
