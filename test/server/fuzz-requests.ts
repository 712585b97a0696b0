/**
 * Generated HTTP requests for the fuzz test: request lines, paths, headers and bodies that
 * an attacker or a broken client could send, from a seeded generator so a failure can be
 * replayed. Every request closes its connection and never promises more body than it sends.
 */

/** Mulberry32: small, seeded, good enough to spread cases. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const methods = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'get', 'P0ST', 'CONNECT', 'PROPFIND', 'X'.repeat(300)];
const paths = [
  '//', '/%E0%A4%A', '/%', '/%ZZ', '/%00', '/%C0%AF', '/..%2f..%2fetc/passwd', '/../../etc/passwd', '/./widget/', '/%77idget/', '/sdk/../widget/',
  '/widget', '/widget?token=', '/widget/?token=abc', '//widget/', '/api/session', '/api/tokens', '/api/logout', '/api/', '/api//session', '/api/%73ession',
  '/api/session?x=%', '/demo/token?user=%E0', '/demo/token?user=1001', '/sdk/ringside.js', '/sdk/%2e%2e/%2e%2e/package.json', '/@fs/etc/passwd',
  '/node_modules/.vite/deps/lit.js', '/index.html', '/?%', '/#frag', '/\u00e9\u4e2d', '/%F0%9F%98%80', '/a'.repeat(3000), '/%2F%2F', '/;/', '/\\..\\..\\',
  'http://evil.example/', '*', '', ' ', '/ /',
];
const contentTypes = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json\u0000'];
const bodies = [
  '', '{}', '[]', 'null', '"x"', '{"token":', '{"token":"a.b.c"}', '{"token":42}', '{"usercode":"1001","clearpassword":"guess"}', '{"renewToken":"x.y.z"}',
  '{"userId":"1001","ttlSeconds":1e309}', '{"__proto__":{"admin":true},"token":"x"}', '{"userId":"\\u0000"}', '\u0000\u0001\u0002', '\uFFFD'.repeat(50),
  `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, `{"x":"${'y'.repeat(20000)}"}`,
];
const extraHeaders = [
  'X-Forwarded-For: 1.2.3.4', 'Authorization: Bearer ', 'Authorization: Bearer \u00ff', 'X-Api-Key: ', 'Origin: null', 'Host: ', 'Host: evil.example',
  'Transfer-Encoding: chunked', 'Expect: 100-continue', 'Cookie: a=b', 'Range: bytes=0-1', 'If-None-Match: *', 'Accept-Encoding: gzip', 'Upgrade: websocket',
  `X-Long: ${'z'.repeat(8000)}`, 'Content-Length: -1', 'Content-Length: abc', 'Bad Header Name: x', ':', 'X-Null: a\u0000b',
];

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;

export function* fuzzRequests(count: number, seed = 20261129): Generator<string> {
  const next = random(seed);
  for (let i = 0; i < count; i++) {
    const method = pick(next, methods);
    let path = pick(next, paths);
    if (next() < 0.3) path += String.fromCharCode(Math.floor(next() * 0x300));
    const version = next() < 0.95 ? 'HTTP/1.1' : pick(next, ['HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'SIP/2.0', '']);
    const body = next() < 0.6 ? pick(next, bodies) : '';
    const headers = ['Host: 127.0.0.1', 'Connection: close'];
    const type = pick(next, contentTypes);
    if (type) headers.push(`Content-Type: ${type}`);
    for (let h = Math.floor(next() * 3); h > 0; h--) headers.push(pick(next, extraHeaders));
    if (headers.some((h) => h.startsWith('Transfer-Encoding'))) {
      yield `${method} ${path} ${version}\r\n${headers.join('\r\n')}\r\n\r\n${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    } else {
      const length = headers.some((h) => h.startsWith('Content-Length')) ? '' : `Content-Length: ${Buffer.byteLength(body)}\r\n`;
      yield `${method} ${path} ${version}\r\n${headers.join('\r\n')}\r\n${length}\r\n${body}`;
    }
  }
}
