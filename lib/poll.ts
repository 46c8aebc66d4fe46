/**
 * zsock_poll: readiness of several descriptors, waiting up to a timeout.
 *
 * Each call walks only the entries it is given. With nothing ready it
 * registers one waiter per socket and re-checks when any of them changes;
 * the entries and the result are the only memory it touches. Zephyr caps a
 * poll at CONFIG_ZVFS_POLL_MAX (3) entries; zsockjs has no cap, as POSIX.
 */

import { ZSOCK_POLLERR, ZSOCK_POLLHUP, ZSOCK_POLLNVAL } from './constants';
import { EINVAL } from './errno';
import { fd_peek } from './fdtable';
import type { SocketOps } from './ops';
import { failed_call, stack_port, watch_call } from './stack';
import { add_waiter, remove_waiter, type SocketBase, type Waiter } from './wait';

/** struct zsock_pollfd. */
export interface zsock_pollfd {
  fd: number;
  events: number;
  revents: number;
}

const ALWAYS = ZSOCK_POLLERR | ZSOCK_POLLHUP;

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
 * Waits until one of `fds` is ready or `timeout` ms pass (< 0: forever,
 * 0: do not wait). Resolves to the number of entries with revents set.
 */
export function zsock_poll(fds: zsock_pollfd[], nfds: number, timeout: number): Promise<number> {
  if (!Array.isArray(fds)) throw new TypeError('fds must be an array of zsock_pollfd');
  if (typeof nfds !== 'number' || typeof timeout !== 'number') throw new TypeError('nfds and timeout are numbers');
  if (nfds < 0 || nfds > fds.length) return failed_call(EINVAL);
  const ready = scan(fds, nfds);
  if (ready > 0 || timeout === 0) return Promise.resolve(ready);
  const waiting = new Promise<number>((resolve) => {
    const port = stack_port();
    let timer: unknown = null;
    let done = false;
    const finish = (count: number): void => {
      done = true;
      each_socket(fds, nfds, (sock) => remove_waiter(sock, waiter));
      if (timer !== null) port.clearTimer(timer);
      resolve(count);
    };
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
