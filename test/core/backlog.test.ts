/**
 * listen's backlog is honoured (Zephyr ignores it), clamped to 1..SOMAXCONN:
 * on the simulated network a full queue drops further SYNs, so a connect
 * beyond it can only time out.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { AF_INET, ETIMEDOUT, SOCK_STREAM, zsock_connect, zsock_listen, zsock_set_connect_timeout, zsock_socket, zsock_bind, zsock_accept } from '../../lib/index';
import { addr, addrlen, call, local_port } from '../conformance/helpers';
import { open_mock, type MockSession } from '../conformance/mock-target';

let s: MockSession;
beforeEach(() => {
  s = open_mock();
});
afterEach(async () => {
  zsock_set_connect_timeout(3000);
  await s.close();
});

/** How many connects complete against a listener of `backlog` that never accepts. */
async function queued(backlog: number, tries: number): Promise<number> {
  const l = zsock_socket(AF_INET, SOCK_STREAM, 0);
  const any = addr('127.0.0.1', 0);
  expect(zsock_bind(l, any, addrlen(any))).toBe(0);
  expect(zsock_listen(l, backlog)).toBe(0);
  const to = addr('127.0.0.1', local_port(l));
  expect(zsock_set_connect_timeout(5000)).toBe(0);
  const results: number[][] = [];
  for (let i = 0; i < tries; i++) {
    const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
    results.push(await s.run(call(zsock_connect(fd, to, addrlen(to)))));
  }
  const done = results.filter((r) => r[0] === 0).length;
  expect(results.slice(done).every((r) => r[0] === -1 && r[1] === ETIMEDOUT)).toBe(true);
  // The queued ones are there to accept.
  for (let i = 0; i < done; i++) expect(await s.run(zsock_accept(l, null, null))).toBeGreaterThanOrEqual(0);
  return done;
}

it('a backlog of 2 queues two connections; the third times out', async () => {
  expect(await queued(2, 3)).toBe(2);
});

it('a backlog below 1 is 1', async () => {
  expect(await queued(0, 2)).toBe(1);
  expect(await queued(-5, 2)).toBe(1);
});
