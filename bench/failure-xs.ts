/**
 * The price of a failure inside XS: bundled by bench/failure.ts and run in
 * an xsnap worker through test/xs/run-in-xs.mjs. Prints one JSON line with
 * the rounds. XS has no performance.now: Date.now (ms), so rounds are sized
 * to last tens of milliseconds.
 */

import { inet_tcp, inet_udp, zsock_init } from '../lib/index';
import { createMockNetwork } from '../ports/node-mock/index';
import { emptyTcpPair, emptyUdpSocket, failureRounds } from './failure-core';

declare const print: (line: string) => void;
declare const __failureBench: { rounds: number; calls: number; awaits: number };

const net = createMockNetwork({ seed: 5 });
const device = net.host('device', { ipv4: '192.0.2.1' });
zsock_init(net.port(device), [inet_tcp, inet_udp]);
const { rounds, calls, awaits } = __failureBench;
const now = (): number => Date.now();
const drive = <T>(p: Promise<T>): Promise<T> => net.runUntil(p, { timeout: 1e12 });
(async () => {
  const udp = await failureRounds(emptyUdpSocket(), rounds, calls, awaits, now, drive);
  const [client] = await emptyTcpPair(drive);
  const tcp = await failureRounds(client!, rounds, calls, awaits, now, drive);
  return { udp, tcp };
})().then(
  (result) => print(JSON.stringify({ ok: true, ...result })),
  (e: unknown) => print(JSON.stringify({ ok: false, error: String(e) })),
);
