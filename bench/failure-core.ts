/**
 * The price of a failure, portable (runs in Node and inside XS): rounds of
 * non-blocking receives on an empty UDP socket, each answering -1 with
 * errno EAGAIN, paired with rounds of awaits of an already-settled promise.
 * Only ECMAScript globals: the caller gives the clock (ms) and the driver
 * that runs the port's event loop while a round awaits.
 */

import { AF_INET, EAGAIN, errno, htons, SOCK_DGRAM, sockaddr, SOCKADDR_IN_SIZE, ZSOCK_MSG_DONTWAIT, zsock_bind, zsock_recv, zsock_socket } from '../lib/index';

export interface FailureRounds {
  /** Failed receives answered per second, one value per round. */
  zsock: number[];
  /** Awaits of a settled promise per second, one value per round. */
  anchor: number[];
}

/** An empty UDP socket bound on 127.0.0.1 of the current zsock_init port. */
export function emptyUdpSocket(): number {
  const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
  const a = new sockaddr();
  a.sin_family = AF_INET;
  a.sin_port = htons(0);
  a.sin_addr.s4_addr.set([127, 0, 0, 1]);
  if (fd < 0 || zsock_bind(fd, a, SOCKADDR_IN_SIZE) < 0) throw new Error(`udp socket: errno ${errno}`);
  return fd;
}

/** `calls` MSG_DONTWAIT receives on `fd`; answers per second. */
export async function failedRecvs(fd: number, calls: number, now: () => number): Promise<number> {
  const buf = new Uint8Array(64);
  const start = now();
  for (let i = 0; i < calls; i++) {
    const n = await zsock_recv(fd, buf, 64, ZSOCK_MSG_DONTWAIT);
    // The errno rule: this task reads its own errno right after its own await.
    if (n !== -1 || errno !== EAGAIN) throw new Error(`recv on an empty socket: ${n}, errno ${errno}`);
  }
  return (calls * 1000) / (now() - start);
}

/** `count` awaits of one already-settled promise; awaits per second. */
export async function settledAwaits(count: number, now: () => number): Promise<number> {
  const settled = Promise.resolve(-1);
  let sum = 0;
  const start = now();
  for (let i = 0; i < count; i++) sum += await settled;
  if (sum !== -count) throw new Error('settled awaits: wrong sum');
  return (count * 1000) / (now() - start);
}

/**
 * `rounds` pairs after one warm-up of each, alternating which goes first;
 * `drive` runs the port's loop until the promise settles.
 */
export async function failureRounds(
  fd: number,
  rounds: number,
  calls: number,
  awaits: number,
  now: () => number,
  drive: <T>(p: Promise<T>) => Promise<T>,
): Promise<FailureRounds> {
  const out: FailureRounds = { zsock: [], anchor: [] };
  await drive(failedRecvs(fd, calls, now));
  await settledAwaits(awaits, now);
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      out.zsock.push(await drive(failedRecvs(fd, calls, now)));
      out.anchor.push(await settledAwaits(awaits, now));
    } else {
      out.anchor.push(await settledAwaits(awaits, now));
      out.zsock.push(await drive(failedRecvs(fd, calls, now)));
    }
  }
  return out;
}
