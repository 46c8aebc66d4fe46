/**
 * The table of operations behind a descriptor (Zephyr's socket_op_vtable).
 * The zsock_* functions look a descriptor up and call through this table;
 * each socket kind (TCP, UDP, socketpair) supplies its own, so a program
 * carries only the kinds it registers. Options are not in the table (see
 * `inet`), so what socket() reaches does not include them.
 */

import type { IntRef, sockaddr } from './sockaddr';
import type { SocketBase } from './wait';

/**
 * What get/setsockopt take as `optval`, as C passes `void *`: an IntRef for an int, a `timeval`, `linger`, `ip_mreqn` or `ipv6_mreq`, a byte view, or a number.
 */
export type OptionValue = IntRef | ArrayBufferView | object | number;

export interface SocketOps<S extends SocketBase = SocketBase> {
  close(sock: S): number;
  shutdown(sock: S, how: number): number;
  bind(sock: S, addr: sockaddr, addrlen: number): number;
  connect(sock: S, addr: sockaddr, addrlen: number): Promise<number>;
  listen(sock: S, backlog: number): number;
  accept(sock: S, addr: sockaddr | null, addrlen: IntRef | null): Promise<number>;
  /**
   * `dest` null: send to the connected peer. `message` is set when the data
   * is a sendmsg's gathered iovecs, which some kinds treat as one unit.
   */
  sendto(
    sock: S,
    data: Uint8Array,
    flags: number,
    dest: sockaddr | null,
    addrlen: number,
    message?: boolean,
  ): Promise<number>;
  /** `msgFlags`, when given, receives MSG_TRUNC for a truncated datagram (recvmsg). */
  recvfrom(
    sock: S,
    into: Uint8Array,
    flags: number,
    src: sockaddr | null,
    addrlen: IntRef | null,
    msgFlags: IntRef | null,
  ): Promise<number>;
  /**
   * Whether this kind's sockets are internet sockets, whose options
   * zsock_getsockopt/zsock_setsockopt read and set (lib/inet/options.ts);
   * other kinds answer ENOPROTOOPT. A flag, not a function, so the option
   * code is linked only into programs that call get/setsockopt.
   */
  inet: boolean;
  getsockname(sock: S, addr: sockaddr, addrlen: IntRef): number;
  getpeername(sock: S, addr: sockaddr, addrlen: IntRef): number;
  /** fcntl and ioctl requests (F_GETFL, F_SETFL, FIONBIO, FIONREAD). */
  ioctl(sock: S, request: number, arg: IntRef | number | null): number;
  /** Current poll bits: POLLIN, POLLOUT, POLLERR, POLLHUP. */
  ready(sock: S): number;
}
