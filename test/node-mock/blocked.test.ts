/** A run that stops with its promise pending names the calls still blocked: descriptor, call, host, since when. */
import { expect, it } from 'vitest';
import {
  AF_INET,
  htons,
  inet_tcp,
  inet_udp,
  IPPROTO_TCP,
  SOCK_STREAM,
  sockaddr,
  SOCKADDR_IN_SIZE,
  zsock_accept,
  zsock_bind,
  zsock_connect,
  zsock_inet_pton,
  zsock_init,
  zsock_listen,
  zsock_recv,
  zsock_socket,
} from '../../lib/index';
import { createMockNetwork, LimitError, tcpStaller } from '../../ports/node-mock/index';

function setup() {
  const net = createMockNetwork({ seed: 3 });
  const device = net.host('device', { ipv4: '10.0.0.2' });
  const server = net.host('server', { ipv4: '10.0.0.1' });
  net.link(device, server, { latency: 5 });
  tcpStaller(server, 80);
  zsock_init(net.port(device), [inet_tcp, inet_udp]);
  const to = new sockaddr();
  to.sin_family = AF_INET;
  to.sin_port = htons(80);
  zsock_inet_pton(AF_INET, '10.0.0.1', to.sin_addr);
  const listener = zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  const here = new sockaddr();
  here.sin_family = AF_INET;
  here.sin_port = htons(7);
  expect(zsock_bind(listener, here, SOCKADDR_IN_SIZE)).toBe(0);
  expect(zsock_listen(listener, 1)).toBe(0);
  const accepted = zsock_accept(listener, null, null);
  const fd = zsock_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  const work = (async () => {
    await zsock_connect(fd, to, SOCKADDR_IN_SIZE);
    return zsock_recv(fd, new Uint8Array(10), 10, 0);
  })();
  return { net, listener, fd, work, accepted };
}

it('idle network: the error lists every pending call, oldest first', async () => {
  const { net, listener, fd, work } = setup();
  const error = await net.runUntil(work).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LimitError);
  const limit = error as LimitError;
  expect(limit.blocked).toEqual([
    { host: 'device', fd: listener, call: 'accept', since: 0 },
    { host: 'device', fd, call: 'recv', since: 10 },
  ]);
  expect(limit.message).toContain(`accept() on fd ${listener} of host device since 0 ms`);
  expect(limit.message).toContain(`recv() on fd ${fd} of host device since 10 ms`);
});

it('a timeout names them too; settled calls are gone', async () => {
  const { net, fd, work } = setup();
  net.port(net.hosts[0]!).setTimer(10_000, () => undefined); // keeps the network busy past the timeout
  await expect(net.runUntil(work, { timeout: 500 })).rejects.toThrow(new RegExp(`still pending after 500 ms.*recv\\(\\) on fd ${fd} of host device since 10 ms`));
  expect((await net.blockedCalls()).map((c) => c.call)).toEqual(['accept', 'recv']);
});
