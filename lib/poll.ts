/**
 * zsock_poll: readiness of several descriptors, waiting up to a timeout.
 *
 * Each call walks only the entries it is given. With nothing ready it
 * registers one waiter per socket and re-checks when any of them changes;
 * the entries and the result are the only memory it touches. Zephyr caps a
 * poll at CONFIG_ZVFS_POLL_MAX (3) entries; zsockjs has no cap, as POSIX.
 */

import { ZSOCK_POLLERR, ZSOCK_POLLHUP, ZSOCK_POLLNVAL } from './constants';
import { EFAULT, EINTR, EINVAL } from './errno';
import { fd_peek } from './fdtable';
import type { SocketOps } from './ops';
import { failed_call, settle_failure, stack_port, stack_wait_add, stack_wait_remove, watch_call, type StackWait } from './stack';
import { add_waiter, remove_waiter, type SocketBase, type Waiter } from './wait';

/**
 * One entry of zsock_poll: the descriptor, the events asked (ZSOCK_POLLIN, ZSOCK_POLLOUT, …) and the events that happened.
 * Mirrors struct `zsock_pollfd` of include/zephyr/net/socket_poll.h (POSIX name `pollfd`).
 */
export interface zsock_pollfd {
  fd: number;
  events: number;
  revents: number;
}

const ALWAYS = ZSOCK_POLLERR | ZSOCK_POLLHUP;
const NO_ENTRIES: zsock_pollfd[] = [];

/** Fills every revents; returns how many entries have any. */
function scan(fds: zsock_pollfd[], nfds: number): number {
  let count = 0;
  for (let i = 0; i < nfds; i++) {
    const p = fds[i]!;
    if (p.fd < 0) {
      p.revents = 0;
      continue;
    }
    const entry = fd_peek(p.fd);
    const revents = entry
      ? (entry.ops as SocketOps).ready(entry.obj as SocketBase) & (p.events | ALWAYS)
      : ZSOCK_POLLNVAL;
    p.revents = revents;
    if (revents) count++;
  }
  return count;
}

function each_socket(fds: zsock_pollfd[], nfds: number, visit: (sock: SocketBase) => void): void {
  for (let i = 0; i < nfds; i++) {
    const entry = fds[i]!.fd >= 0 ? fd_peek(fds[i]!.fd) : null;
    if (entry) visit(entry.obj as SocketBase);
  }
}

/**
 * Waits until one of the first `nfds` entries of `fds` is ready or `timeout` ms pass (< 0: forever, 0: do not wait), and fills each entry's `revents`; ZSOCK_POLLERR, ZSOCK_POLLHUP and ZSOCK_POLLNVAL (a descriptor not open) are reported unasked. No limit on the number of entries.
 * Mirrors `zsock_poll` of include/zephyr/net/socket_poll.h (POSIX name `poll`). Blocks: a Promise of the number of entries with revents set (0: the timeout), or of -1 with errno EINVAL (`nfds` negative or past the array).
 */
export function zsock_poll(fds: zsock_pollfd[] | null, nfds: number, timeout: number): Promise<number> {
  if (typeof nfds !== 'number' || typeof timeout !== 'number') throw new TypeError('nfds and timeout are numbers');
  // NULL compiles in C: valid with no entries (a sleep), EFAULT with some.
  if (fds === null) return nfds === 0 ? poll_entries(NO_ENTRIES, 0, timeout) : failed_call(EFAULT);
  if (!Array.isArray(fds)) throw new TypeError('fds must be an array of zsock_pollfd');
  return poll_entries(fds, nfds, timeout);
}

function poll_entries(fds: zsock_pollfd[], nfds: number, timeout: number): Promise<number> {
  // C's int nfds and int timeout: NaN, fractions and infinities are no ints (EINVAL), never an endless wait.
  if (!(nfds >= 0 && nfds <= fds.length) || nfds !== Math.floor(nfds)) return failed_call(EINVAL);
  if (timeout !== Math.floor(timeout) || timeout > 0x7fffffff || timeout < -0x80000000) return failed_call(EINVAL);
  const ready = scan(fds, nfds);
  if (ready > 0 || timeout === 0) return Promise.resolve(ready);
  const waiting = new Promise<number>((resolve) => {
    const port = stack_port();
    let timer: unknown = null;
    let done = false;
    const stop = (): void => {
      done = true;
      each_socket(fds, nfds, (sock) => remove_waiter(sock, waiter));
      if (timer !== null) port.clearTimer(timer);
      timer = null;
    };
    const finish = (count: number): void => {
      stop();
      stack_wait_remove(interruptible);
      resolve(count);
    };
    // A second zsock_init ends a poll its closes did not (one of no sockets): EINTR.
    const interruptible: StackWait = {
      interrupt(): void {
        if (done) return;
        stop();
        settle_failure(resolve, EINTR);
      },
    };
    stack_wait_add(interruptible);
    const waiter: Waiter = {
      wake(): void {
        if (done) return;
        // The list of the socket that woke us was emptied: re-arm everywhere
        // it is missing, then re-check.
        each_socket(fds, nfds, (sock) => remove_waiter(sock, waiter));
        const count = scan(fds, nfds);
        if (count > 0) finish(count);
        else each_socket(fds, nfds, (sock) => add_waiter(sock, waiter));
      },
    };
    each_socket(fds, nfds, (sock) => add_waiter(sock, waiter));
    if (timeout > 0) {
      timer = port.setTimer(timeout, () => {
        timer = null;
        if (!done) finish(scan(fds, nfds));
      });
    }
  });
  watch_call(nfds > 0 ? fds[0]!.fd : -1, 'poll', waiting);
  return waiting;
}
