/**
 * The few Zephyr kernel services that ported socket programs call, on the
 * installed port's clock and random source: virtual time on the simulated
 * network, so a sample's `k_sleep(K_SECONDS(5))` between requests costs no
 * wall time there. Each is a separate export a bundler keeps only if used;
 * none is a POSIX name, so `zsockjs/posix` does not carry them.
 *
 * k_timeout_t is a number of milliseconds here, with K_FOREVER = -1 and
 * K_NO_WAIT = 0, built with K_MSEC/K_SECONDS/K_USEC as in C. The port's
 * clock counts milliseconds, so a sleep is rounded up to a whole
 * millisecond, as Zephyr rounds it up to a tick. Only a second zsock_init
 * wakes a sleeper early (there is no k_wakeup): it then answers the time
 * left, as a woken Zephyr thread does (-1, K_TICKS_FOREVER, for
 * K_FOREVER); otherwise the sleeps answer 0.
 */

import { stack_port, stack_wait_add, stack_wait_remove, type StackWait } from './stack';

/** k_timeout_t: milliseconds, or K_FOREVER. */
export type k_timeout_t = number;

/** K_NO_WAIT (kernel.h): do not wait. */
export const K_NO_WAIT: k_timeout_t = 0;
/** K_FOREVER (kernel.h): wait until woken, which for k_sleep is never. */
export const K_FOREVER: k_timeout_t = -1;

/** K_MSEC(ms) (kernel.h): a timeout of `ms` milliseconds; a negative one has passed already. */
export function K_MSEC(ms: number): k_timeout_t {
  return ms > 0 ? ms : 0;
}

/** K_SECONDS(s) (kernel.h). */
export function K_SECONDS(s: number): k_timeout_t {
  return K_MSEC(s * 1000);
}

/** K_USEC(us) (kernel.h). */
export function K_USEC(us: number): k_timeout_t {
  return K_MSEC(us / 1000);
}

function need_number(value: unknown, what: string): void {
  if (typeof value !== 'number') throw new TypeError(what + ' must be a number');
}

/** Resolves with 0 after `ms` milliseconds of the port's clock (rounded up); never for K_FOREVER. */
function sleep_ms(ms: number): Promise<number> {
  const port = stack_port();
  return new Promise<number>((resolve) => {
    const wait = ms === K_FOREVER ? -1 : ms > 0 ? Math.ceil(ms) : 0;
    // K_NO_WAIT still yields, as Zephyr's k_sleep(K_NO_WAIT) does: a later turn.
    if (wait === 0) {
      port.defer(() => resolve(0));
      return;
    }
    const due = port.now() + wait;
    let timer: unknown = null;
    // A second zsock_init wakes the sleeper, as k_wakeup would: it answers the time left.
    const sleeper: StackWait = {
      interrupt(): void {
        if (timer !== null) port.clearTimer(timer);
        resolve(wait < 0 ? K_TICKS_FOREVER : Math.max(0, Math.ceil(due - port.now())));
      },
    };
    stack_wait_add(sleeper);
    if (wait > 0) {
      timer = port.setTimer(wait, () => {
        stack_wait_remove(sleeper);
        resolve(0);
      });
    }
  });
}

/** What a sleep of K_FOREVER answers when woken (K_TICKS_FOREVER, kernel.h). */
const K_TICKS_FOREVER = -1;

/**
 * k_sleep (kernel.h: `int32_t k_sleep(k_timeout_t timeout)`): blocks the
 * caller for `timeout`. A Promise of what C returns: 0, the whole time
 * slept (the time left when woken early, which nothing here does).
 * K_FOREVER never settles, as a thread that nobody wakes. No errno.
 * Throws TypeError before zsock_init (no clock) or for a non-number.
 */
export function k_sleep(timeout: k_timeout_t): Promise<number> {
  need_number(timeout, 'timeout');
  return sleep_ms(timeout === K_FOREVER ? K_FOREVER : timeout > 0 ? timeout : 0);
}

/**
 * k_msleep (kernel.h: `int32_t k_msleep(int32_t ms)`): k_sleep(K_MSEC(ms));
 * a negative `ms` has passed already (no wait; -1 is not K_FOREVER here).
 * A Promise of 0. No errno.
 */
export function k_msleep(ms: number): Promise<number> {
  need_number(ms, 'ms');
  return sleep_ms(K_MSEC(ms));
}

/**
 * k_usleep (kernel.h: `int32_t k_usleep(int32_t us)`): sleeps `us`
 * microseconds, rounded up to the clock's millisecond. A Promise of 0
 * (microseconds left). No errno.
 */
export function k_usleep(us: number): Promise<number> {
  need_number(us, 'us');
  return sleep_ms(K_USEC(us));
}

/**
 * k_uptime_get (kernel.h: `int64_t k_uptime_get(void)`): whole milliseconds
 * since the port's clock began (the simulated network's creation; the
 * process start on Node). Synchronous; no errno.
 */
export function k_uptime_get(): number {
  return Math.floor(stack_port().now());
}

/**
 * k_uptime_get_32 (kernel.h: `uint32_t k_uptime_get_32(void)`): the low 32
 * bits of k_uptime_get(), wrapping after about 49.7 days as in C.
 */
export function k_uptime_get_32(): number {
  return k_uptime_get() % 4294967296;
}

/**
 * sys_rand32_get (random/random.h: `uint32_t sys_rand32_get(void)`): a
 * random unsigned 32-bit integer from the port (seeded, so reproducible, on
 * the simulated network; the system's random source on Node). Not for
 * cryptography, as in Zephyr. Synchronous; no errno.
 */
export function sys_rand32_get(): number {
  return stack_port().random32() >>> 0;
}
