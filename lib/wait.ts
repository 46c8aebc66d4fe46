/**
 * Waiting: how a blocking call sleeps until its socket changes.
 *
 * Every socket keeps a list of waiters. A port event (or close, or another
 * socket's action) calls notify(), which runs each waiter once; a waiter
 * re-checks its condition and either finishes or waits again. This is
 * Zephyr's k_poll re-check loop, without threads.
 */

import { EAGAIN } from './errno';
import { settle_failure, stack_port } from './stack';
import type { TimerId } from './port';

export type Waiter = () => void;

/** What every socket object has, whatever its family. */
export interface SocketBase {
  waiters: Waiter[];
  /** O_NONBLOCK. */
  nonblock: boolean;
  /** Set by close: waiters wake and answer EINTR. */
  closed: boolean;
}

/** An attempt's answer meaning "not yet: wait for a change". */
export const WOULD_BLOCK = -0x10000;

export function add_waiter(sock: SocketBase, waiter: Waiter): void {
  sock.waiters.push(waiter);
}

export function remove_waiter(sock: SocketBase, waiter: Waiter): void {
  const list = sock.waiters;
  const at = list.indexOf(waiter);
  if (at >= 0) list.splice(at, 1);
}

/** Wakes everything waiting on `sock`; each waiter re-checks its own condition. */
export function notify(sock: SocketBase): void {
  const list = sock.waiters;
  if (list.length === 0) return;
  sock.waiters = [];
  for (let i = 0; i < list.length; i++) list[i]!();
}

/**
 * Runs `attempt` now and, while it answers WOULD_BLOCK, again after every
 * change of `sock`. An attempt answers a result (>= 0), a negated errno, or
 * WOULD_BLOCK. `timeoutMs` < 0 waits forever; when the time runs out,
 * `onTimeout` gives the answer (by default -EAGAIN, as SO_RCVTIMEO does).
 * Without waiting (`wait` false) a WOULD_BLOCK answer is EAGAIN.
 */
export function block(
  sock: SocketBase,
  attempt: () => number,
  wait: boolean,
  timeoutMs: number,
  onTimeout?: () => number,
): Promise<number> {
  const first = attempt();
  if (first >= 0) return Promise.resolve(first);
  if (first !== WOULD_BLOCK || !wait) {
    const code = first === WOULD_BLOCK ? EAGAIN : -first;
    return new Promise<number>((resolve) => settle_failure(resolve, code));
  }
  return new Promise<number>((resolve) => {
    let timer: TimerId | null = null;
    let done = false;
    const finish = (result: number): void => {
      done = true;
      remove_waiter(sock, waiter);
      if (timer !== null) stack_port().clearTimer(timer);
      if (result >= 0) resolve(result);
      else settle_failure(resolve, -result);
    };
    const waiter = (): void => {
      if (done) return;
      const result = attempt();
      if (result === WOULD_BLOCK) add_waiter(sock, waiter);
      else finish(result);
    };
    add_waiter(sock, waiter);
    if (timeoutMs >= 0) {
      timer = stack_port().setTimer(timeoutMs, () => {
        timer = null;
        if (!done) finish(onTimeout ? onTimeout() : -EAGAIN);
      });
    }
  });
}
