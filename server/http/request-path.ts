/**
 * One reading of a request target for every handler, so no two of them can disagree about
 * which resource a spelling names (`/%77idget/`, `/sdk/../widget/`, `//widget`), and no
 * spelling can throw. Returns the decoded, dot-segment-resolved, slash-collapsed path and the
 * query, or undefined for a target that is not a path (absolute-form, `*`, bad escapes, NUL).
 */
export interface RequestTarget {
  path: string;
  search: URLSearchParams;
  /** The query as sent, with its `?` (or ''), for handlers that read it themselves. */
  rawQuery: string;
  /** `path` encoded again, plus `rawQuery`: what `req.url` becomes. */
  url: string;
}

export function parseTarget(raw: string | undefined): RequestTarget | undefined {
  if (!raw || !raw.startsWith('/')) return undefined;
  const queryAt = raw.indexOf('?');
  const rawPath = queryAt < 0 ? raw : raw.slice(0, queryAt);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return undefined;
  const segments: string[] = [];
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = decoded.endsWith('/') || decoded.endsWith('/.') || decoded.endsWith('/..');
  const path = `/${segments.join('/')}${trailing && segments.length ? '/' : ''}`;
  let search: URLSearchParams;
  try {
    search = new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1));
  } catch {
    return undefined;
  }
  const rawQuery = queryAt < 0 ? '' : raw.slice(queryAt);
  return { path, search, rawQuery, url: encodeURI(path).replace(/[?#]/g, encodeURIComponent) + rawQuery };
}
