/**
 * Benchmarks of the simulated network: bulk TCP payload through one
 * connection over a lossless link (simulated payload bytes per wall second)
 * and frames simulated per wall second. Port-level, driven by runSync.
 *
 * Standalone: npx tsx bench/mock-network.ts
 */
import type { Endpoint, TcpConnection, TcpEvents, UdpSocket } from '../lib/port';
import { AF_INET, createMockNetwork, type LinkOptions, type TcpOptions } from '../ports/node-mock';

export interface BulkResult {
  name: string;
  payloadBytes: number;
  wallSeconds: number;
  /** Simulated payload bytes per wall second. */
  bytesPerSecond: number;
  /** Frames the links carried per wall second. */
  framesPerSecond: number;
  frames: number;
  virtualSeconds: number;
  settings: { tcp: Partial<TcpOptions>; link: Partial<LinkOptions> };
}

export interface MockNetworkBench {
  bulk: BulkResult[];
  /** UDP datagrams (request + reply frames) simulated per wall second. */
  udpFramesPerSecond: number;
}

const MIB = 1024 * 1024;

function wallNow(): number {
  return performance.now();
}

/** Moves `total` bytes through one TCP connection between two hosts. */
export function bulkTransfer(name: string, total: number, tcp: Partial<TcpOptions>, link: Partial<LinkOptions>): BulkResult {
  const net = createMockNetwork({ seed: 1, tcp });
  const a = net.host('sender', { ipv4: '10.0.0.2' });
  const b = net.host('receiver', { ipv4: '10.0.0.1' });
  const wire = net.link(a, b, link);
  const any = { family: AF_INET, addr: new Uint8Array(4), port: 5001 };
  let received = 0;
  let finished = false;
  let server: TcpConnection | null = null;
  const readBuffer = new Uint8Array(256 * 1024);
  const serverEvents: TcpEvents = {
    connected() {},
    readable() {
      const s = server!;
      for (let i = 0; i < 1 << 20; i++) {
        const n = s.read(readBuffer);
        if (n === 0) break;
        received += n;
      }
      if (s.finished()) finished = true;
    },
    writable() {},
    error(errno) {
      throw new Error(`receiver error ${errno}`);
    },
  };
  const listenerOrErrno = net.port(b).tcpListen(any, 1, {
    acceptable() {
      server = listener.accept(serverEvents);
    },
    error() {},
  });
  if (typeof listenerOrErrno === 'number') throw new Error(`listen failed: ${listenerOrErrno}`);
  const listener = listenerOrErrno;
  const source = new Uint8Array(256 * 1024);
  for (let i = 0; i < source.length; i++) source[i] = (i * 31) & 0xff;
  let sent = 0;
  let client: TcpConnection | null = null;
  const pump = (): void => {
    const c = client!;
    for (let i = 0; i < 1 << 20 && sent < total; i++) {
      const chunk = Math.min(source.length, total - sent);
      const n = c.write(chunk === source.length ? source : source.subarray(0, chunk));
      if (n === 0) return;
      sent += n;
    }
    if (sent === total) c.shutdownWrite();
  };
  const clientOrErrno = net.port(a).tcpConnect({ family: AF_INET, addr: new Uint8Array([10, 0, 0, 1]), port: 5001 }, null, {
    connected: () => pump(),
    readable() {},
    writable: () => pump(),
    error(errno) {
      throw new Error(`sender error ${errno}`);
    },
  });
  if (typeof clientOrErrno === 'number') throw new Error(`connect failed: ${clientOrErrno}`);
  client = clientOrErrno;
  const start = wallNow();
  const virtualStart = net.now;
  for (let round = 0; round < 1_000_000 && !finished; round++) net.runSync(1000);
  const wallSeconds = (wallNow() - start) / 1000;
  if (received !== total) throw new Error(`received ${received} of ${total}`);
  const frames = wire.stats.delivered;
  return {
    name,
    payloadBytes: total,
    wallSeconds,
    bytesPerSecond: total / wallSeconds,
    framesPerSecond: frames / wallSeconds,
    frames,
    virtualSeconds: (net.now - virtualStart) / 1000,
    settings: { tcp, link },
  };
}

/** UDP request/reply between two hosts: frames per wall second. */
export function udpPingPong(count: number): number {
  const net = createMockNetwork({ seed: 1 });
  const a = net.host('a', { ipv4: '10.0.0.2' });
  const b = net.host('b', { ipv4: '10.0.0.1' });
  const wire = net.link(a, b, { latency: 0.1 });
  const from: Endpoint = { family: 0, addr: new Uint8Array(0), port: 0 };
  const buffer = new Uint8Array(2048);
  const payload = new Uint8Array(64);
  const to: Endpoint = { family: AF_INET, addr: new Uint8Array([10, 0, 0, 1]), port: 7 };
  let server: UdpSocket | null = null;
  let client: UdpSocket | null = null;
  let replies = 0;
  const echo = (): void => {
    for (let i = 0; i < 1000; i++) {
      const n = server!.receive(buffer, from, false);
      if (n < 0) break;
      server!.send(buffer.subarray(0, n), from);
    }
  };
  const answer = (): void => {
    for (let i = 0; i < 1000; i++) {
      if (client!.receive(buffer, null, false) < 0) break;
      replies++;
      if (replies < count) client!.send(payload, to);
    }
  };
  const serverOrErrno = net.port(b).udpOpen({ family: AF_INET, addr: new Uint8Array(4), port: 7 }, { readable: echo, writable() {}, error() {} });
  const clientOrErrno = net.port(a).udpOpen({ family: AF_INET, addr: new Uint8Array(4), port: 0 }, { readable: answer, writable() {}, error() {} });
  if (typeof serverOrErrno === 'number' || typeof clientOrErrno === 'number') throw new Error('udp open failed');
  server = serverOrErrno;
  client = clientOrErrno;
  const start = wallNow();
  client.send(payload, to);
  net.runSync();
  const wallSeconds = (wallNow() - start) / 1000;
  if (replies !== count) throw new Error(`udp: ${replies} of ${count} replies`);
  return wire.stats.delivered / wallSeconds;
}

/** The median of `repeats` runs of `run`, by payload rate. */
function median<T extends { bytesPerSecond: number }>(repeats: number, run: () => T): T {
  const results: T[] = [];
  for (let i = 0; i < repeats; i++) results.push(run());
  results.sort((a, b) => a.bytesPerSecond - b.bytesPerSecond);
  return results[results.length >> 1]!;
}

export function runMockNetworkBench(total = 64 * MIB, repeats = 3): MockNetworkBench {
  // Warm the JIT so the figures measure the simulation, not compilation.
  bulkTransfer('warm-up', total, {}, {});
  bulkTransfer('warm-up', total, { mss: 65495, sndbuf: MIB, rcvbuf: MIB }, { mtu: 65535 });
  udpPingPong(50_000);
  const bulk = [
    median(repeats, () => bulkTransfer('tcp bulk, defaults (MSS 1460, windows 5840, 1 ms link)', total, {}, {})),
    median(repeats, () => bulkTransfer('tcp bulk, MSS 1460, 64 KiB windows, 1 ms link', total, { sndbuf: 65535, rcvbuf: 65535 }, {})),
    median(repeats, () =>
      bulkTransfer('tcp bulk, jumbo link (MTU 65535, MSS 65495, 1 MiB windows, 1 ms link)', total, { mss: 65495, sndbuf: MIB, rcvbuf: MIB }, { mtu: 65535 }),
    ),
  ];
  const udp = median(repeats, () => ({ bytesPerSecond: udpPingPong(200_000) }));
  return { bulk, udpFramesPerSecond: udp.bytesPerSecond };
}

function format(result: MockNetworkBench): string {
  const lines = result.bulk.map(
    (r) =>
      `${r.name}: ${(r.bytesPerSecond / 1e9).toFixed(3)} GB/s of payload ` +
      `(${(r.payloadBytes / MIB).toFixed(0)} MiB in ${r.wallSeconds.toFixed(3)} s wall, ${r.virtualSeconds.toFixed(1)} s virtual), ` +
      `${Math.round(r.framesPerSecond).toLocaleString('en')} frames/s`,
  );
  lines.push(`udp request/reply: ${Math.round(result.udpFramesPerSecond).toLocaleString('en')} frames/s`);
  return lines.join('\n');
}

export { format as formatMockNetworkBench };

if (/bench\/mock\-network\.ts$/.test(process.argv[1] ?? '')) {
  console.log(format(runMockNetworkBench()));
}
