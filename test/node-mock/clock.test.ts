/** The virtual clock lets go of cancelled events: timers a blocking call cancels cost nothing once cancelled. */
import { describe, expect, it } from 'vitest';
import {
  AF_INET,
  htons,
  inet_tcp,
  inet_udp,
  IPPROTO_UDP,
  SIZEOF_TIMEVAL,
  SO_RCVTIMEO,
  SOCK_DGRAM,
  SOL_SOCKET,
  sockaddr,
  SOCKADDR_IN_SIZE,
  zsock_close,
  zsock_connect,
  zsock_inet_pton,
  zsock_init,
  zsock_recv,
  zsock_send,
  zsock_setsockopt,
  zsock_socket,
} from '../../lib/index';
import { createMockNetwork, udpEchoServer } from '../../ports/node-mock/index';
import { VirtualClock } from '../../ports/node-mock/clock';
import { SeededRandom } from '../../ports/node-mock/random';

describe('virtual clock', () => {
  it('a cancelled timer leaves the queue at once; the rest still run in time order', () => {
    const clock = new VirtualClock();
    const random = new SeededRandom(3);
    const ran: number[] = [];
    const timers = [];
    for (let i = 0; i < 2000; i++) {
      const at = random.below(10_000);
      timers.push({ at, event: clock.callback(at, () => ran.push(at)) });
    }
    expect(clock.pending).toBe(2000);
    const kept: number[] = [];
    for (let i = 0; i < timers.length; i++) {
      if (i % 3 === 0) kept.push(timers[i]!.at);
      else clock.cancel(timers[i]!.event);
    }
    expect(clock.pending).toBe(kept.length);
    clock.cancel(timers[1]!.event); // twice: no effect
    expect(clock.pending).toBe(kept.length);
    while (clock.runNext()) {
      /* runs every live timer */
    }
    expect(ran).toEqual(kept.sort((a, b) => a - b));
    expect(clock.pending).toBe(0);
  });

  it('2000 answered recvs with a one-hour SO_RCVTIMEO leave no timer behind', async () => {
    const net = createMockNetwork({ seed: 5 });
    const device = net.host('device', { ipv4: '10.0.0.2' });
    const server = net.host('server', { ipv4: '10.0.0.1' });
    net.link(device, server, { latency: 1 });
    udpEchoServer(server, 7);
    zsock_init(net.port(device), [inet_tcp, inet_udp]);
    const fd = zsock_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
    expect(zsock_setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, { tv_sec: 3600, tv_usec: 0 }, SIZEOF_TIMEVAL)).toBe(0);
    const to = new sockaddr();
    to.sin_family = AF_INET;
    to.sin_port = htons(7);
    zsock_inet_pton(AF_INET, '10.0.0.1', to.sin_addr);
    const work = (async () => {
      expect(await zsock_connect(fd, to, SOCKADDR_IN_SIZE)).toBe(0);
      const buf = new Uint8Array(64 * 1024);
      for (let i = 0; i < 2000; i++) {
        expect(await zsock_send(fd, buf, 16, 0)).toBe(16);
        expect(await zsock_recv(fd, buf, buf.length, 0)).toBe(16);
      }
    })();
    await net.runUntil(work, { timeout: 60_000 });
    // Each recv waited with a one-hour timer and cancelled it when the echo came.
    expect(net.clock.pending).toBeLessThan(5);
    zsock_close(fd);
  });
});
