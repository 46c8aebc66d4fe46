/**
 * The price of a failure, portable (runs in Node and inside XS): rounds of
 * non-blocking receives on an empty UDP socket, each answering -1 with
 * errno EAGAIN, paired with rounds of awaits of an already-settled promise.
 * Only ECMAScript globals: the caller gives the clock (ms) and the driver
 * that runs the port's event loop while a round awaits.
 */

import {
  AF_INET,
  EAGAIN,
  errno,
  htons,
  ntohs,
  SOCK_DGRAM,
  SOCK_STREAM,
  sockaddr,
  SOCKADDR_IN6_SIZE,
  SOCKADDR_IN_SIZE,
  ZSOCK_MSG_DONTWAIT,
  zsock_accept,
  zsock_bind,
  zsock_connect,
  zsock_getsockname,
  zsock_listen,
  zsock_recv,
  zsock_socket,
} from '../lib/index';

export interface FailureRounds {
  /** Failed receives answered per second, one value per round. */
  zsock: number[];
  /** Awaits of a settled promise per second, one value per round. */
  anchor: number[];
}

function loopback(port: number): sockaddr {
  const a = new sockaddr();
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s4_addr.set([127, 0, 0, 1]);
  return a;
}

/** An empty UDP socket bound on 127.0.0.1 of the current zsock_init port. */
export function emptyUdpSocket(): number {
  const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0 || zsock_bind(fd, loopback(0), SOCKADDR_IN_SIZE) < 0) throw new Error(`udp socket: errno ${errno}`);
  return fd;
}

/** A connected TCP pair on 127.0.0.1 with nothing sent: [client, accepted, listener]. */
export async function emptyTcpPair(drive: <T>(p: Promise<T>) => Promise<T>): Promise<number[]> {
  const lfd = zsock_socket(AF_INET, SOCK_STREAM, 0);
  if (lfd < 0 || zsock_bind(lfd, loopback(0), SOCKADDR_IN_SIZE) < 0 || zsock_listen(lfd, 1) < 0) throw new Error(`listen: errno ${errno}`);
  const bound = new sockaddr();
  zsock_getsockname(lfd, bound, { value: SOCKADDR_IN6_SIZE });
  const cfd = zsock_socket(AF_INET, SOCK_STREAM, 0);
  const [c, sfd] = await drive(Promise.all([zsock_connect(cfd, loopback(ntohs(bound.sin_port)), SOCKADDR_IN_SIZE), zsock_accept(lfd, null, null)]));
  if (c < 0 || sfd < 0) throw new Error(`connect/accept: errno ${errno}`);
  return [cfd, sfd, lfd];
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
