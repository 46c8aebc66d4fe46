/**
 * The paired figures against real sockets: zsockjs on the Node port
 * against raw Node net/dgram (both ends in this process, loopback), and
 * zsock_poll against C's poll(2). Sizes come from the caller (full or
 * quick run).
 *
 *   npx tsx bench/node-port.ts [--quick]   # prints the figures (npm run bench is the reference)
 */

import { inet_tcp, inet_udp, zsock_init } from '../lib/index';
import { createNodePort } from '../ports/node/index';
import { cPoll, descriptorLimit, zsockPoll } from './node-poll';
import { rawBulk, rawPing, zsockBulk, zsockPing, type Session } from './node-tcp';
import { rawUdpEcho, rawUdpStream, zsockUdpEcho, zsockUdpStream, type Loss } from './node-udp';
import { measurePairs, pairedTable, type Goal, type PairedFigure } from './pairs';

export interface NodeSizes {
  pairs: number;
  bulkRoundBytes: number;
  pingTrips: number;
  udpStreamCount: number;
  udpEchoTrips: number;
  pollCalls: number;
}

export const BULK_WRITE = 64 * 1024;
export const PING_BYTES = 64;
export const UDP_BYTES = 512;
export const UDP_WINDOW = 32;
export const POLL_COUNT = 1024;
/** A round that takes longer than this has hung: the benchmark fails instead of waiting. */
const ROUND_LIMIT_MS = 30_000;

function bounded<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result after ${ROUND_LIMIT_MS} ms`)), ROUND_LIMIT_MS);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** Opens both sessions, runs `pairs` pairs of rounds, closes both. */
async function paired(
  name: string,
  pairs: number,
  open: { zsock: () => Promise<Session>; anchor: () => Promise<Session> },
  figure: Omit<PairedFigure, 'zsock' | 'anchor' | 'ratios' | 'name'>,
  ratio?: (z: number, a: number) => number,
): Promise<PairedFigure> {
  const z = await bounded(open.zsock(), `${name}: open zsock`);
  const a = await bounded(open.anchor(), `${name}: open anchor`);
  try {
    const r = await measurePairs(pairs, () => bounded(z.round(), `${name} (zsock)`), () => bounded(a.round(), `${name} (anchor)`), ratio);
    return { name, ...r, ...figure };
  } finally {
    await z.close();
    await a.close();
  }
}

const atLeast = (target: number): Goal => ({ target, better: 'higher' });

export async function node_benchmarks(s: NodeSizes): Promise<PairedFigure[]> {
  zsock_init(createNodePort(), [inet_tcp, inet_udp], { maxDescriptors: POLL_COUNT + 76 });
  const figures: PairedFigure[] = [];
  const mib = (s.bulkRoundBytes * (s.pairs + 1)) / 2 ** 20;
  figures.push(
    await paired(
      'bulk TCP, 64 KiB writes (Node port)',
      s.pairs,
      { zsock: () => zsockBulk(s.bulkRoundBytes, BULK_WRITE), anchor: () => rawBulk(s.bulkRoundBytes, BULK_WRITE) },
      {
        unit: 'MB/s',
        anchorName: 'raw net',
        ratioName: 'zsock / raw',
        goal: atLeast(0.95),
        extra: `${s.bulkRoundBytes / 2 ** 20} MiB per round on one connection per side, ${mib} MiB per side in all (warm-up included).`,
      },
    ),
  );
  figures.push(
    await paired(
      '64-byte TCP ping-pong (Node port)',
      s.pairs,
      { zsock: () => zsockPing(s.pingTrips, PING_BYTES), anchor: () => rawPing(s.pingTrips, PING_BYTES) },
      { unit: 'round trips/s', anchorName: 'raw net', ratioName: 'zsock / raw', goal: atLeast(0.9), extra: `${s.pingTrips} round trips per round, TCP_NODELAY on all four sockets.` },
    ),
  );
  const zLoss: Loss = { sent: 0, sendFailed: 0, lost: 0 };
  const rLoss: Loss = { sent: 0, sendFailed: 0, lost: 0 };
  const stream = await paired(
    `512-byte UDP datagrams, window ${UDP_WINDOW} (Node port)`,
    s.pairs,
    {
      zsock: () => zsockUdpStream(s.udpStreamCount, UDP_WINDOW, UDP_BYTES, zLoss),
      anchor: () => rawUdpStream(s.udpStreamCount, UDP_WINDOW, UDP_BYTES, rLoss),
    },
    { unit: 'datagrams/s', anchorName: 'raw dgram', ratioName: 'zsock / raw', goal: atLeast(0.9) },
  );
  const lossText = (l: Loss): string => `${l.sent} sent, ${l.sendFailed} send calls failed, ${l.lost} lost`;
  stream.extra =
    `${s.udpStreamCount} datagrams per round, the sender at most ${UDP_WINDOW} ahead of the receiver's count; ` +
    `loss (all rounds, warm-up included) zsock: ${lossText(zLoss)}; raw: ${lossText(rLoss)}.`;
  stream.alsoRequired = { holds: zLoss.lost + zLoss.sendFailed <= rLoss.lost + rLoss.sendFailed, what: 'more loss than raw' };
  figures.push(stream);
  figures.push(
    await paired(
      '512-byte UDP request/response (Node port)',
      s.pairs,
      { zsock: () => zsockUdpEcho(s.udpEchoTrips, UDP_BYTES), anchor: () => rawUdpEcho(s.udpEchoTrips, UDP_BYTES) },
      { unit: 'round trips/s', anchorName: 'raw dgram', ratioName: 'zsock / raw', goal: atLeast(0.9), extra: `${s.udpEchoTrips} request/response pairs per round; a 200 ms watchdog re-sends a lost request.` },
    ),
  );
  const limit = descriptorLimit();
  if (limit >= POLL_COUNT + 64) {
    figures.push(
      await paired(
        `zsock_poll, ${POLL_COUNT} socketpair descriptors, one ready, timeout 0`,
        s.pairs,
        { zsock: () => zsockPoll(POLL_COUNT, s.pollCalls), anchor: () => cPoll(POLL_COUNT, s.pollCalls) },
        {
          unit: 'ns/call',
          anchorName: 'C poll(2)',
          ratioName: 'zsock ns / C ns',
          goal: { target: 0.1, better: 'lower' },
          extra: `${s.pollCalls} calls per round; C: bench/poll.c (cc -O2) over ${POLL_COUNT / 2} Unix socketpairs, kept running and told each round on stdin.`,
        },
        (z, a) => z / a,
      ),
    );
  }
  zsock_init(createNodePort(), []);
  return figures;
}

if (/bench\/node-port\.ts$/.test(process.argv[1] ?? '')) {
  const quick = process.argv.includes('--quick');
  node_benchmarks({ pairs: quick ? 5 : 15, bulkRoundBytes: 32 * 2 ** 20, pingTrips: 2000, udpStreamCount: 4000, udpEchoTrips: 2000, pollCalls: 2000 }).then(
    (figures) => {
      console.log(pairedTable(figures).join('\n'));
      process.exit(0);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
