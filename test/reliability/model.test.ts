/**
 * Model-based test: random sequences of socket, bind, listen, connect,
 * accept, send, recv, shutdown, close, setsockopt/getsockopt and poll over
 * a few descriptors on the simulated network's loopback, each answer
 * (return value, errno, poll bits, bytes) checked against a small
 * reference model of what the calls mean. Every socket is non-blocking
 * (O_NONBLOCK, or MSG_DONTWAIT on accepted ones), and the network runs
 * 300 ms of virtual time after each command, so every effect has landed
 * when the next command looks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SIZEOF_INT,
  ZSOCK_SHUT_RD,
  ZSOCK_SHUT_WR,
  inet_tcp,
  inet_udp,
  zsock_init,
} from '../../lib/index';
import { createMockNetwork } from '../../ports/node-mock/index';
import { figure } from './harness';
import { SocketCmd, BindCmd, ListenCmd, ConnectCmd, AcceptCmd, CloseCmd } from './model-commands';
import { SendCmd, RecvCmd, ShutdownCmd, OptionCmd, ErrorCmd, PollCmd } from './model-data';
import {
  type MSock,
  SLOTS,
  counts,
  PORTS,
  TARGETS,
} from './model-state';

/** Mostly the few lowest descriptors, where the sockets are; now and then one never opened. */
const slot = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 6 }, { arbitrary: fc.integer({ min: 0, max: SLOTS - 1 }), weight: 1 });
const commands = [
  fc.constantFrom('tcp' as const, 'udp' as const).map((k) => new SocketCmd(k)),
  fc.constant(new SocketCmd('tcp')),
  fc.constant(new SocketCmd('tcp')),
  fc.tuple(slot, fc.constantFrom(...PORTS)).map(([fd, p]) => new BindCmd(fd, p)),
  slot.map((fd) => new ListenCmd(fd)),
  fc.tuple(slot, fc.constantFrom(...TARGETS)).map(([fd, p]) => new ConnectCmd(fd, p)),
  slot.map((fd) => new AcceptCmd(fd)),
  fc.tuple(slot, fc.integer({ min: 1, max: 300 }), slot).map(([fd, n, to]) => new SendCmd(fd, n, to)),
  fc.tuple(slot, fc.integer({ min: 1, max: 400 })).map(([fd, n]) => new RecvCmd(fd, n)),
  fc.tuple(slot, fc.constantFrom(ZSOCK_SHUT_RD, ZSOCK_SHUT_WR)).map(([fd, h]) => new ShutdownCmd(fd, h)),
  slot.map((fd) => new CloseCmd(fd)),
  fc.tuple(slot, fc.integer({ min: 0, max: 3 }), fc.constantFrom(SIZEOF_INT, SIZEOF_INT, 0, 2, 8)).map(([fd, v, l]) => new OptionCmd(fd, v, l)),
  slot.map((fd) => new ErrorCmd(fd)),
  fc.uniqueArray(slot, { minLength: 1, maxLength: 4 }).map((fds) => new PollCmd(fds)),
];

describe('model-based: the socket calls against a reference model', () => {
  it('agrees with the model on every answer, over random command sequences', async () => {
    let runs = 0;
    let steps = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 60, size: '+1' }), async (cmds) => {
        runs++;
        const net = createMockNetwork({ seed: runs });
        const host = net.host('device', { ipv4: '192.0.2.10' });
        zsock_init(net.port(host), [inet_tcp, inet_udp]);
        const setup = () => ({ model: { fds: [] as (MSock | null)[] }, real: { net } });
        await fc.asyncModelRun(setup, cmds);
        zsock_init(net.port(host), []);
      }),
      { numRuns: Number(process.env['REL_MODEL_RUNS'] || 6000), seed: 20261204 },
    );
    for (const k of Object.keys(counts)) steps += counts[k]!;
    const kinds = Object.keys(counts)
      .sort()
      .map((k) => `${k} ${counts[k]}`)
      .join(', ');
    figure(`model: ${runs} random sequences, ${steps} commands checked against the model (${kinds}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(runs).toBeGreaterThan(0);
  }, 120_000);
});
