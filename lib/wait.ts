/**
 * Waiting: how a blocking call sleeps until its socket changes.
 *
 * Every socket keeps a list of waiters. A port event (or close, or another
 * socket's action) calls notify(), which wakes each waiter once; a waiter
 * re-checks its condition and either finishes or waits again. This is
 * Zephyr's k_poll re-check loop, without threads.
 *
 * A call's state lives in one `Call` object, and attempts are plain
 * functions of it, so a call that completes at once allocates nothing but
 * its promise, and one that waits allocates one object.
 */

import { EAGAIN, EFAULT } from './errno';
import type { Endpoint, TimerId } from './port';
import type { IntRef, sockaddr } from './sockaddr';
import { call_waits, settle_failure, stack_port } from './stack';

export interface Waiter {
  wake(): void;
}

/** What every socket object has, whatever its family. */
export interface SocketBase {
  /** The calls waiting for a change; null while none is (an idle socket holds no array). */
  waiters: Waiter[] | null;
  /** O_NONBLOCK. */
  nonblock: boolean;
  /** Set by close: waiters wake and answer EINTR. */
  closed: boolean;
}

/** An attempt's answer meaning "not yet: wait for a change". */
export const WOULD_BLOCK = -0x10000;

/** An attempt answers a result (>= 0), a negated errno, or WOULD_BLOCK. */
export type Attempt = (call: Call) => number;

const EMPTY = new Uint8Array(0);

/** One blocking call: its arguments, what it has done so far, and how it ends. */
export class Call implements Waiter {
  sock: SocketBase = null as unknown as SocketBase;
  attempt: Attempt = null as unknown as Attempt;
  /** The caller's buffer. */
  data: Uint8Array = EMPTY;
  /** Its length when the call began: a shorter one now means the caller detached it. */
  len = 0;
  flags = 0;
  /** Bytes moved so far (MSG_WAITALL). */
  got = 0;
  /** A datagram's destination. */
  dest: Endpoint | null = null;
  /** recvfrom's address out-parameters, and recvmsg's msg_flags. */
  src: sockaddr | null = null;
  srclen: IntRef | null = null;
  msgFlags: IntRef | null = null;
  /** The answer when the timeout expires; -EAGAIN when null. */
  onTimeout: Attempt | null = null;
  resolve: ((value: number) => void) | null = null;
  timer: TimerId | null = null;

  wake(): void {
    if (!this.resolve) return;
    // A buffer transferred away while the call waited has no bytes left:
    // C's EFAULT, never an empty read that looks like EOF or a write that
    // can never make progress.
    if (this.data.length !== this.len) {
      this.finish(-EFAULT);
      return;
    }
    const result = this.attempt(this);
    if (result === WOULD_BLOCK) add_waiter(this.sock, this);
    else this.finish(result);
  }

  finish(result: number): void {
    const resolve = this.resolve!;
    this.resolve = null;
    remove_waiter(this.sock, this);
    const timed = this.timer !== null;
    if (timed) {
      stack_port().clearTimer(this.timer);
      this.timer = null;
    }
    if (result >= 0) resolve(result);
    else settle_failure(resolve, -result);
    // Nothing of the caller's stays reachable from a finished call, even
    // while a cancelled timer still refers to it.
    this.data = EMPTY;
    this.len = 0;
    this.dest = this.src = null;
    this.srclen = this.msgFlags = null;
    this.onTimeout = null;
    this.sock = null as unknown as SocketBase;
    // A call without a timer is referenced by nothing now: reuse it.
    if (!timed && spare.length < SPARE_CALLS) spare.push(this);
  }

  expire(): void {
    this.timer = null;
    if (this.resolve) this.finish(this.onTimeout ? this.onTimeout(this) : -EAGAIN);
  }
}

export function add_waiter(sock: SocketBase, waiter: Waiter): void {
  if (sock.waiters) sock.waiters.push(waiter);
  else sock.waiters = [waiter];
}

export function remove_waiter(sock: SocketBase, waiter: Waiter): void {
  const list = sock.waiters;
  if (!list) return;
  const at = list.indexOf(waiter);
  if (at >= 0) list.splice(at, 1);
}

/** Wakes everything waiting on `sock`; each waiter re-checks its own condition. */
export function notify(sock: SocketBase): void {
  const list = sock.waiters;
  if (!list) return;
  sock.waiters = null;
  for (let i = 0; i < list.length; i++) list[i]!.wake();
}

/** The first attempt of every call runs on this one object: most calls never wait. */
const probe = new Call();

/** Finished calls kept for the next ones that wait, so a busy socket allocates no Call. */
const SPARE_CALLS = 8;
const spare: Call[] = [];

let captured: ((value: number) => void) | null = null;
function capture(resolve: (value: number) => void): void {
  captured = resolve;
}

/**
 * Runs `attempt` now and, while it answers WOULD_BLOCK, again after every
 * change of `sock`. `timeoutMs` < 0 waits forever; when the time runs out,
 * `onTimeout` gives the answer (by default -EAGAIN, as SO_RCVTIMEO does).
 * Without waiting (`wait` false) a WOULD_BLOCK answer is EAGAIN.
 */
export function block(
  sock: SocketBase,
  attempt: Attempt,
  wait: boolean,
  timeoutMs: number,
  onTimeout?: Attempt | null,
  data?: Uint8Array,
  flags?: number,
  dest?: Endpoint | null,
  src?: sockaddr | null,
  srclen?: IntRef | null,
  msgFlags?: IntRef | null,
): Promise<number> {
  probe.sock = sock;
  probe.data = data || EMPTY;
  probe.flags = flags || 0;
  probe.got = 0;
  probe.dest = dest || null;
  probe.src = src || null;
  probe.srclen = srclen || null;
  probe.msgFlags = msgFlags || null;
  const first = attempt(probe);
  if (first >= 0) return Promise.resolve(first);
  if (first !== WOULD_BLOCK || !wait) {
    const code = first === WOULD_BLOCK ? (probe.got > 0 ? 0 : EAGAIN) : -first;
    if (code === 0) return Promise.resolve(probe.got);
    const p = new Promise<number>(capture);
    settle_failure(captured!, code);
    return p;
  }
  const call = spare.pop() || new Call();
  call.sock = sock;
  call.attempt = attempt;
  call.data = probe.data;
  call.len = probe.data.length;
  call.flags = probe.flags;
  call.got = probe.got;
  // The destination may be a caller's scratch endpoint: keep a copy.
  const to = probe.dest;
  call.dest = to ? { family: to.family, addr: new Uint8Array(to.addr), port: to.port } : null;
  call.src = probe.src;
  call.srclen = probe.srclen;
  call.msgFlags = probe.msgFlags;
  call.onTimeout = onTimeout || null;
  probe.data = EMPTY;
  probe.dest = probe.src = null;
  probe.srclen = probe.msgFlags = null;
  const promise = new Promise<number>(capture);
  call.resolve = captured;
  add_waiter(sock, call);
  if (timeoutMs >= 0) call.timer = stack_port().setTimer(timeoutMs, () => call.expire());
  call_waits(promise);
  return promise;
}
