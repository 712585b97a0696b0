import { createSocket } from 'node:dgram';

/**
 * Just enough of rtpengine's ng control protocol (bencode over UDP) for tests to ask it how
 * many packets each side of a call sent through it.
 */
type Bencoded = number | string | Bencoded[] | { [key: string]: Bencoded };

export function bencode(value: Bencoded): string {
  if (typeof value === 'number') return `i${Math.trunc(value)}e`;
  if (typeof value === 'string') return `${Buffer.byteLength(value)}:${value}`;
  if (Array.isArray(value)) return `l${value.map(bencode).join('')}e`;
  return `d${Object.keys(value).sort().map((k) => bencode(k) + bencode(value[k]!)).join('')}e`;
}

export function bdecode(input: Buffer): Bencoded {
  let i = 0;
  const read = (): Bencoded => {
    const c = String.fromCharCode(input[i]!);
    if (c === 'i') {
      const end = input.indexOf(0x65, i);
      const n = Number(input.subarray(i + 1, end).toString());
      i = end + 1;
      return n;
    }
    if (c === 'l') {
      i += 1;
      const list: Bencoded[] = [];
      while (input[i] !== 0x65) list.push(read());
      i += 1;
      return list;
    }
    if (c === 'd') {
      i += 1;
      const dict: Record<string, Bencoded> = {};
      while (input[i] !== 0x65) {
        const key = read() as string;
        dict[key] = read();
      }
      i += 1;
      return dict;
    }
    const colon = input.indexOf(0x3a, i);
    const length = Number(input.subarray(i, colon).toString());
    const text = input.subarray(colon + 1, colon + 1 + length).toString();
    i = colon + 1 + length;
    return text;
  };
  return read();
}

export async function ng(port: number, command: Record<string, Bencoded>): Promise<Record<string, Bencoded>> {
  const socket = createSocket('udp4');
  const cookie = Math.random().toString(36).slice(2, 10);
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('rtpengine did not answer')), 3000);
      socket.on('message', (data) => {
        const space = data.indexOf(0x20);
        if (data.subarray(0, space).toString() !== cookie) return;
        clearTimeout(timer);
        resolve(bdecode(data.subarray(space + 1)) as Record<string, Bencoded>);
      });
      socket.send(`${cookie} ${bencode(command)}`, port, '127.0.0.1');
    });
  } finally {
    socket.close();
  }
}

/** Packets rtpengine received from each party (by SIP tag) of every call it relays now. */
export async function relayedPackets(port: number): Promise<{ callId: string; packetsByTag: Record<string, number> }[]> {
  const list = await ng(port, { command: 'list', limit: 100 });
  const calls = (list.calls as string[] | undefined) ?? [];
  const out = [];
  for (const callId of calls) {
    const query = await ng(port, { command: 'query', 'call-id': callId });
    const tags = (query.tags ?? {}) as Record<string, { medias?: { streams?: { stats?: { packets?: number } }[] }[] }>;
    const packetsByTag: Record<string, number> = {};
    for (const [tag, info] of Object.entries(tags)) {
      packetsByTag[tag] = (info.medias ?? []).flatMap((m) => m.streams ?? []).reduce((sum, s) => sum + (s.stats?.packets ?? 0), 0);
    }
    out.push({ callId, packetsByTag });
  }
  return out;
}
