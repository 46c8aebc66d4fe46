/**
 * zsock_select over zsock_poll, as Zephyr builds it: readfds asks POLLIN,
 * writefds POLLOUT, exceptfds POLLPRI (which sockets never report); an
 * error or hang-up marks the descriptor in writefds and exceptfds. The
 * result counts set bits, so one descriptor can count more than once.
 */

import { ZSOCK_FD_SETSIZE, ZSOCK_POLLERR, ZSOCK_POLLHUP, ZSOCK_POLLIN, ZSOCK_POLLNVAL, ZSOCK_POLLOUT, ZSOCK_POLLPRI } from './constants';
import { EBADF, EINVAL } from './errno';
import { ZSOCK_FD_CLR, ZSOCK_FD_ISSET, type zsock_fd_set } from './fdset';
import { fd_peek } from './fdtable';
import type { timeval } from './optval';
import { zsock_poll, type zsock_pollfd } from './poll';
import { failed_call, settle_failure } from './stack';

/**
 * Waits until a descriptor below `nfds` in `readfds` is readable, in `writefds` writable, or in `exceptfds` has an error, or `timeout` passes (null: forever), and leaves only the ready ones in the sets.
 * Mirrors `zsock_select` of include/zephyr/net/socket_select.h (POSIX name `select`). Blocks: a Promise of the number of ready descriptors (0: the timeout), or of -1 with errno EBADF (a set holds a descriptor not open), EINVAL (`nfds` out of 0..ZSOCK_FD_SETSIZE, a bad timeout).
 */
export function zsock_select(
  nfds: number,
  readfds: zsock_fd_set | null,
  writefds: zsock_fd_set | null,
  exceptfds: zsock_fd_set | null,
  timeout: timeval | null,
): Promise<number> {
  if (typeof nfds !== 'number') throw new TypeError('nfds must be a number');
  if (!(nfds >= 0 && nfds <= ZSOCK_FD_SETSIZE) || nfds !== Math.floor(nfds)) return failed_call(EINVAL);
  let ms = -1;
  if (timeout) {
    const sec = timeout.tv_sec;
    const usec = timeout.tv_usec;
    // NaN, fractions and infinities are no time_t/suseconds_t: EINVAL, never an endless wait.
    if (!(sec >= 0 && usec >= 0 && usec < 1000000) || sec - sec !== 0 || sec !== Math.floor(sec) || usec !== Math.floor(usec)) {
      return failed_call(EINVAL);
    }
    ms = timeout.tv_sec * 1000 + Math.ceil(timeout.tv_usec / 1000);
  }
  const entries: zsock_pollfd[] = [];
  for (let fd = 0; fd < nfds; fd++) {
    let events = 0;
    if (readfds && ZSOCK_FD_ISSET(fd, readfds)) events |= ZSOCK_POLLIN;
    if (writefds && ZSOCK_FD_ISSET(fd, writefds)) events |= ZSOCK_POLLOUT;
    if (exceptfds && ZSOCK_FD_ISSET(fd, exceptfds)) events |= ZSOCK_POLLPRI;
    if (!events) continue;
    if (!fd_peek(fd)) return failed_call(EBADF);
    entries.push({ fd, events, revents: 0 });
  }
  return zsock_poll(entries, entries.length, ms).then((n) => {
    if (n < 0) return n;
    let count = 0;
    // A descriptor closed while select waited is not valid any more: EBADF, as for one closed before.
    for (let i = 0; i < entries.length; i++) {
      if (entries[i]!.revents & ZSOCK_POLLNVAL) return new Promise<number>((resolve) => settle_failure(resolve, EBADF));
    }
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const broken = (e.revents & (ZSOCK_POLLERR | ZSOCK_POLLHUP)) !== 0;
      count += mark(readfds, e.fd, (e.revents & ZSOCK_POLLIN) !== 0);
      count += mark(writefds, e.fd, (e.revents & ZSOCK_POLLOUT) !== 0 || broken);
      count += mark(exceptfds, e.fd, (e.revents & ZSOCK_POLLPRI) !== 0 || broken);
    }
    return count;
  });
}

/** Leaves `fd` in `set` only when `on`; 1 when it stays. */
function mark(set: zsock_fd_set | null, fd: number, on: boolean): number {
  if (!set || !ZSOCK_FD_ISSET(fd, set)) return 0;
  if (on) return 1;
  ZSOCK_FD_CLR(fd, set);
  return 0;
}

