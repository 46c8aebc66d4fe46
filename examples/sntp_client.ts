/**
 * SNTP, ported: Zephyr's subsys/net/lib/sntp (sntp_init, sntp_query,
 * sntp_close) and the request/answer checks it makes, over a connected UDP
 * socket. Return values are Zephyr's: 0, or a negative errno (-ETIMEDOUT
 * when no answer came, -ERANGE for an answer to another request, -EINVAL
 * for a wrong mode or an empty timestamp, -EBUSY for kiss-o'-death).
 */

import {
  EBUSY,
  EFAULT,
  EINVAL,
  EMSGSIZE,
  ERANGE,
  ETIMEDOUT,
  errno,
  IPPROTO_UDP,
  SOCK_DGRAM,
  ZSOCK_POLLIN,
  zsock_close,
  zsock_connect,
  zsock_poll,
  zsock_recv,
  zsock_send,
  zsock_socket,
  type sockaddr,
} from 'zsockjs';

/** Seconds from 1900 (NTP's era 0) to 1970 (the Unix epoch). */
const OFFSET_1970_JAN_1 = 2208988800;
const SNTP_PACKET_SIZE = 48;
const SNTP_VERSION_NUMBER = 3;
const SNTP_MODE_CLIENT = 3;
const SNTP_MODE_SERVER = 4;
const SNTP_STRATUM_KOD = 0;

/** struct sntp_time: seconds since the Unix epoch and a 2^-32 s fraction. */
export interface sntp_time {
  seconds: number;
  fraction: number;
}

/** struct sntp_ctx: the socket and the timestamp the answer must echo. */
export interface sntp_ctx {
  fd: number;
  expected_seconds: number;
  expected_fraction: number;
}

export function sntp_ctx_new(): sntp_ctx {
  return { fd: -1, expected_seconds: 0, expected_fraction: 0 };
}

function read32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
}

function write32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

/** Opens a UDP socket connected to the server; 0 or -errno. */
export async function sntp_init(ctx: sntp_ctx, addr: sockaddr, addr_len: number): Promise<number> {
  ctx.fd = zsock_socket(addr.sa_family, SOCK_DGRAM, IPPROTO_UDP);
  if (ctx.fd < 0) return -errno;
  if ((await zsock_connect(ctx.fd, addr, addr_len)) < 0) {
    const failure = errno;
    zsock_close(ctx.fd);
    ctx.fd = -1;
    return -failure;
  }
  return 0;
}

/**
 * Sends one request and waits up to `timeout` ms for its answer; fills
 * `time` on success. Our transmit timestamp is the wall clock, which the
 * server echoes as the originate timestamp of its answer.
 */
export async function sntp_query(ctx: sntp_ctx, timeout: number, time: sntp_time): Promise<number> {
  if (ctx.fd < 0) return -EFAULT;
  const now = Date.now();
  ctx.expected_seconds = (Math.floor(now / 1000) + OFFSET_1970_JAN_1) >>> 0;
  ctx.expected_fraction = Math.floor(((now % 1000) / 1000) * 4294967295) >>> 0;
  const packet = new Uint8Array(SNTP_PACKET_SIZE);
  packet[0] = (SNTP_VERSION_NUMBER << 3) | SNTP_MODE_CLIENT;
  write32(packet, 40, ctx.expected_seconds);
  write32(packet, 44, ctx.expected_fraction);
  if ((await zsock_send(ctx.fd, packet, packet.length, 0)) < 0) return -errno;

  const fds = [{ fd: ctx.fd, events: ZSOCK_POLLIN, revents: 0 }];
  const ready = await zsock_poll(fds, 1, timeout);
  if (ready < 0) return -errno;
  if (ready === 0) return -ETIMEDOUT;
  const answer = new Uint8Array(SNTP_PACKET_SIZE + 1);
  const received = await zsock_recv(ctx.fd, answer, answer.length, 0);
  if (received < 0) return -errno;
  if (received !== SNTP_PACKET_SIZE) return -EMSGSIZE;
  return parse_response(ctx, answer, time);
}

function parse_response(ctx: sntp_ctx, pkt: Uint8Array, time: sntp_time): number {
  if (read32(pkt, 24) !== ctx.expected_seconds || read32(pkt, 28) !== ctx.expected_fraction) return -ERANGE;
  if ((pkt[0]! & 7) !== SNTP_MODE_SERVER) return -EINVAL;
  if (pkt[1] === SNTP_STRATUM_KOD) return -EBUSY;
  const tx_seconds = read32(pkt, 40);
  const tx_fraction = read32(pkt, 44);
  if (tx_seconds === 0 && tx_fraction === 0) return -EINVAL;
  // Era 0 has the top bit set until 2036; after that the count wraps.
  if (tx_seconds >= 0x80000000) {
    if (tx_seconds < OFFSET_1970_JAN_1) return -EINVAL;
    time.seconds = tx_seconds - OFFSET_1970_JAN_1;
  } else {
    time.seconds = tx_seconds + 0x100000000 - OFFSET_1970_JAN_1;
  }
  time.fraction = tx_fraction;
  return 0;
}

export function sntp_close(ctx: sntp_ctx): void {
  if (ctx.fd >= 0) zsock_close(ctx.fd);
  ctx.fd = -1;
}
