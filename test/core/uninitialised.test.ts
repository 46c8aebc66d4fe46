/** Before zsock_init there is no stack: socket calls throw the TypeError that says so (a program error, not an errno). */
import { describe, expect, it } from 'vitest';
import {
  AF_INET,
  SOCK_DGRAM,
  SOCK_STREAM,
  k_msleep,
  k_uptime_get,
  sys_rand32_get,
  zsock_recv,
  zsock_socket,
} from '../../lib/index';

describe('before zsock_init', () => {
  it('zsock_socket throws the TypeError naming zsock_init, not EPROTONOSUPPORT', () => {
    expect(() => zsock_socket(AF_INET, SOCK_STREAM, 0)).toThrow(/zsock_init/);
    expect(() => zsock_socket(AF_INET, SOCK_DGRAM, 0)).toThrow(TypeError);
  });

  it('a blocking call throws at once instead of returning a promise that never settles', () => {
    expect(() => zsock_recv(0, new Uint8Array(1), 1, 0)).toThrow(TypeError);
  });

  it('the kernel helpers have no clock yet and say so', () => {
    expect(() => k_msleep(1)).toThrow(TypeError);
    expect(() => k_uptime_get()).toThrow(TypeError);
    expect(() => sys_rand32_get()).toThrow(TypeError);
  });
});
