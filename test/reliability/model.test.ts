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
  AF_INET,
  EADDRINUSE,
  EAGAIN,
  EBADF,
  ECONNREFUSED,
  ECONNRESET,
  EDESTADDRREQ,
  EINPROGRESS,
  EINVAL,
  ENOTCONN,
  EOPNOTSUPP,
  EPIPE,
  F_SETFL,
  O_NONBLOCK,
  SIZEOF_INT,
  SO_ERROR,
  SO_REUSEADDR,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  ZSOCK_MSG_DONTWAIT,
  ZSOCK_POLLERR,
  ZSOCK_POLLHUP,
  ZSOCK_POLLIN,
  ZSOCK_POLLNVAL,
  ZSOCK_POLLOUT,
  ZSOCK_SHUT_RD,
  ZSOCK_SHUT_WR,
  errno,
  inet_tcp,
  inet_udp,
  ntohs,
  sockaddr,
  zsock_accept,
  zsock_bind,
  zsock_close,
  zsock_connect,
  zsock_fcntl,
  zsock_getsockname,
  zsock_getsockopt,
  zsock_init,
  zsock_listen,
  zsock_poll,
  zsock_recv,
  zsock_sendto,
  zsock_setsockopt,
  zsock_shutdown,
  zsock_socket,
} from '../../lib/index';
import { createMockNetwork, type MockNetwork } from '../../ports/node-mock/index';
import { addr, addrlen } from '../conformance/helpers';
import { figure } from './harness';

type State = 'fresh' | 'listening' | 'connected' | 'refused';

interface MSock {
  kind: 'tcp' | 'udp';
  state: State;
  /** Local port: 0 none yet, -1 ephemeral (some port nobody else holds), else the number. */
  port: number;
  /** TCP: the other end (null once it is closed), and what it did. */
  peer: MSock | null;
  peerClosed: boolean;
  inbox: number;
  eof: boolean;
  reset: boolean;
  pendingError: number;
  wrShut: boolean;
  rdShut: boolean;
  /** Listening: connected ends waiting for accept. */
  backlog: MSock[];
  /** UDP: queued datagram sizes. */
  datagrams: number[];
  reuse: number;
  /** A connect named a peer: send answers ENOTCONN instead of EDESTADDRREQ from then on. */
  named: boolean;
}

interface Model {
  fds: (MSock | null)[];
}

interface Real {
  net: MockNetwork;
}

const SLOTS = 8;
const PORTS = [0, 5000, 5001];
const TARGETS = [5000, 5001, 5999];

function fresh(kind: 'tcp' | 'udp'): MSock {
  return {
    kind, state: 'fresh', port: 0, peer: null, peerClosed: false, inbox: 0, eof: false, reset: false,
    pendingError: 0, wrShut: false, rdShut: false, backlog: [], datagrams: [], reuse: 0, named: false,
  };
}

function lowest_free(m: Model): number {
  for (let i = 0; i < m.fds.length; i++) if (!m.fds[i]) return i;
  return m.fds.length;
}

function open_count(m: Model): number {
  return m.fds.filter((s) => s).length;
}

/** Every socket the model knows holding `port` for `kind`: open ones, and accepted ends waiting in a backlog. */
function holders(m: Model, kind: string, port: number): MSock[] {
  const out: MSock[] = [];
  for (const s of m.fds) {
    if (!s || s.kind !== kind) continue;
    if (s.port === port) out.push(s);
    for (const b of s.backlog) if (b.port === port) out.push(b);
  }
  return out;
}

function listener_on(m: Model, port: number): MSock | null {
  for (const s of m.fds) if (s && s.kind === 'tcp' && s.state === 'listening' && s.port === port) return s;
  return null;
}

function expect_answer(what: string, got: number, gotErrno: number, want: number, wantErrno?: number): void {
  expect(got, what).toBe(want);
  if (want === -1) expect(gotErrno, what + ' errno').toBe(wantErrno);
}

async function settle(r: Real): Promise<void> {
  await r.net.advance(300);
}

async function run<T>(r: Real, p: Promise<T>): Promise<T> {
  return r.net.runUntil(p, { timeout: 10_000 });
}

function real_port(fd: number): number {
  const a = new sockaddr();
  zsock_getsockname(fd, a, { value: 24 });
  return ntohs(a.sin_port);
}

const counts: { [name: string]: number } = {};
function count(name: string): void {
  counts[name] = (counts[name] || 0) + 1;
}

class SocketCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly kind: 'tcp' | 'udp') {}
  check(m: Readonly<Model>): boolean {
    return open_count(m as Model) < 6;
  }
  async run(m: Model, r: Real): Promise<void> {
    count('socket');
    const fd = zsock_socket(AF_INET, this.kind === 'tcp' ? SOCK_STREAM : SOCK_DGRAM, 0);
    expect(fd).toBe(lowest_free(m));
    expect(zsock_fcntl(fd, F_SETFL, O_NONBLOCK)).toBe(0);
    m.fds[fd] = fresh(this.kind);
    await settle(r);
  }
  toString(): string {
    return `socket(${this.kind})`;
  }
}

class BindCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fd: number, readonly port: number) {}
  check(): boolean {
    return true;
  }
  async run(m: Model, r: Real): Promise<void> {
    count('bind');
    const a = addr('127.0.0.1', this.port);
    const got = zsock_bind(this.fd, a, addrlen(a));
    const e = errno;
    const s = m.fds[this.fd];
    if (!s) return expect_answer(this.toString(), got, e, -1, EBADF);
    if (s.port !== 0 || s.state !== 'fresh') return expect_answer(this.toString(), got, e, -1, EINVAL);
    if (this.port !== 0 && holders(m, s.kind, this.port).length > 0) return expect_answer(this.toString(), got, e, -1, EADDRINUSE);
    expect_answer(this.toString(), got, e, 0);
    s.port = this.port === 0 ? -1 : this.port;
    if (this.port === 0 && s.kind === 'tcp') {
      const chosen = real_port(this.fd);
      expect(chosen).toBeGreaterThanOrEqual(32768);
    }
    await settle(r);
  }
  toString(): string {
    return `bind(${this.fd}, ${this.port})`;
  }
}

class ListenCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fd: number) {}
  check(): boolean {
    return true;
  }
  async run(m: Model, r: Real): Promise<void> {
    count('listen');
    const got = zsock_listen(this.fd, 4);
    const e = errno;
    const s = m.fds[this.fd];
    if (!s) return expect_answer(this.toString(), got, e, -1, EBADF);
    if (s.kind === 'udp') return expect_answer(this.toString(), got, e, -1, EOPNOTSUPP);
    if (s.state === 'listening') return expect_answer(this.toString(), got, e, 0);
    if (s.state !== 'fresh') return expect_answer(this.toString(), got, e, -1, EINVAL);
    expect_answer(this.toString(), got, e, 0);
    s.state = 'listening';
    if (s.port === 0) s.port = -1;
    await settle(r);
  }
  toString(): string {
    return `listen(${this.fd})`;
  }
}

class ConnectCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fd: number, readonly port: number) {}
  check(m: Readonly<Model>): boolean {
    const s = m.fds[this.fd];
    // TCP only (the model keeps UDP unconnected), and no connect to oneself.
    if (!tcp_or_closed(m, this.fd) || (s && s.port === this.port)) return false;
    const l = listener_on(m as Model, this.port);
    return !l || l.backlog.length < 3;
  }
  async run(m: Model, r: Real): Promise<void> {
    count('connect');
    const s = m.fds[this.fd];
    const to = addr('127.0.0.1', this.port);
    const p = zsock_connect(this.fd, to, addrlen(to));
    const got = await run(r, p);
    const e = errno;
    const what = this.toString();
    if (!s) return expect_answer(what, got, e, -1, EBADF);
    if (s.kind === 'udp') {
      // UDP connect sets a peer; the model keeps UDP sockets unconnected, so it is not issued for them.
      throw new Error('unreachable');
    }
    if (s.state === 'listening') return expect_answer(what, got, e, -1, EOPNOTSUPP);
    if (s.state === 'connected') return expect_answer(what, got, e, 0);
    if (s.state === 'refused') {
      expect_answer(what, got, e, -1, ECONNREFUSED);
      s.state = 'fresh';
      s.pendingError = 0;
      return;
    }
    expect_answer(what, got, e, -1, EINPROGRESS);
    s.named = true;
    await settle(r);
    const l = listener_on(m, this.port);
    // A connection takes a local port; a refused attempt leaves the socket unbound.
    if (l && s.port === 0) s.port = -1;
    if (!l) {
      s.state = 'refused';
      s.pendingError = ECONNREFUSED;
      return;
    }
    const server = fresh('tcp');
    server.state = 'connected';
    server.port = l.port;
    server.peer = s;
    s.peer = server;
    s.state = 'connected';
    l.backlog.push(server);
  }
  toString(): string {
    return `connect(${this.fd}, ${this.port})`;
  }
}

/** Connect is for TCP sockets only in this model. */
function tcp_or_closed(m: Readonly<Model>, fd: number): boolean {
  const s = m.fds[fd];
  return !s || s.kind === 'tcp';
}

class AcceptCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fd: number) {}
  check(m: Readonly<Model>): boolean {
    return open_count(m as Model) < 7;
  }
  async run(m: Model, r: Real): Promise<void> {
    count('accept');
    const got = await run(r, zsock_accept(this.fd, null, null));
    const e = errno;
    const s = m.fds[this.fd];
    const what = this.toString();
    if (!s) return expect_answer(what, got, e, -1, EBADF);
    if (s.kind === 'udp') return expect_answer(what, got, e, -1, EOPNOTSUPP);
    if (s.state !== 'listening') return expect_answer(what, got, e, -1, EINVAL);
    if (s.backlog.length === 0) return expect_answer(what, got, e, -1, EAGAIN);
    expect_answer(what, got, e, lowest_free(m));
    m.fds[got] = s.backlog.shift()!;
    await settle(r);
  }
  toString(): string {
    return `accept(${this.fd})`;
  }
}

/** What the other end sees after `s` closes: EOF, or a reset when `s` left bytes unread. */
function closed_end(s: MSock): void {
  const p = s.peer;
  if (!p) return;
  p.peer = null;
  p.peerClosed = true;
  if (s.inbox > 0 && !p.reset) {
    p.reset = true;
    p.pendingError = ECONNRESET;
  } else p.eof = true;
}

class SendCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fd: number, readonly n: number, readonly to: number) {}
  check(m: Readonly<Model>): boolean {
    const s = m.fds[this.fd];
    if (s && s.kind === 'udp') {
      const t = m.fds[this.to];
      return !!t && t.kind === 'udp' && t.port !== 0 && t.datagrams.reduce((a, b) => a + b, 0) + this.n < 4000;
    }
    return !s || !s.peer || s.peer.inbox + this.n < 4000;
  }
  async run(m: Model, r: Real): Promise<void> {
    count('send');
    const s = m.fds[this.fd];
    const data = new Uint8Array(this.n).fill(this.n & 0xff);
    const what = this.toString();
    if (s && s.kind === 'udp') {
      const t = m.fds[this.to]!;
      const to = addr('127.0.0.1', real_port(this.to));
      const got = await run(r, zsock_sendto(this.fd, data, this.n, 0, to, addrlen(to)));
      expect_answer(what, got, errno, this.n);
      if (s.port === 0) s.port = -1;
      t.datagrams.push(this.n);
      await settle(r);
      return;
    }
    const got = await run(r, zsock_sendto(this.fd, data, this.n, ZSOCK_MSG_DONTWAIT, null, 0));
    const e = errno;
    if (!s) return expect_answer(what, got, e, -1, EBADF);
    if (s.state === 'refused') return expect_answer(what, got, e, -1, ENOTCONN);
    if (s.state !== 'connected') return expect_answer(what, got, e, -1, s.named ? ENOTCONN : EDESTADDRREQ);
    if (s.reset) return expect_answer(what, got, e, -1, ENOTCONN);
    if (s.wrShut) return expect_answer(what, got, e, -1, EPIPE);
    expect_answer(what, got, e, this.n);
    await settle(r);
    if (s.peer) s.peer.inbox += this.n;
    else if (s.peerClosed && !s.reset) {
      // Bytes for a closed end are answered with a reset.
      s.reset = true;
      s.pendingError = ECONNRESET;
    }
  }
  toString(): string {
    return `send(${this.fd}, ${this.n}${this.to >= 0 ? ' to ' + this.to : ''})`;
  }
}

class RecvCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fd: number, readonly n: number) {}
  check(): boolean {
    return true;
  }
  async run(m: Model, r: Real): Promise<void> {
    count('recv');
    const buf = new Uint8Array(this.n);
    const got = await run(r, zsock_recv(this.fd, buf, this.n, ZSOCK_MSG_DONTWAIT));
    const e = errno;
    const s = m.fds[this.fd];
    const what = this.toString();
    if (!s) return expect_answer(what, got, e, -1, EBADF);
    if (s.kind === 'udp') {
      // A first recv opens the socket on an ephemeral port, as a first send does.
      if (s.port === 0) s.port = -1;
      if (s.datagrams.length === 0) return expect_answer(what, got, e, -1, EAGAIN);
      const size = s.datagrams.shift()!;
      expect_answer(what, got, e, Math.min(size, this.n));
      expect(buf[0], what + ' bytes').toBe(size & 0xff);
      return;
    }
    if (s.rdShut) return expect_answer(what, got, e, 0);
    if (s.state !== 'connected') return expect_answer(what, got, e, -1, ENOTCONN);
    if (s.reset) return expect_answer(what, got, e, -1, ECONNRESET);
    if (s.inbox > 0) {
      expect_answer(what, got, e, Math.min(s.inbox, this.n));
      s.inbox -= got;
      return;
    }
    if (s.eof) return expect_answer(what, got, e, 0);
    expect_answer(what, got, e, -1, EAGAIN);
  }
  toString(): string {
    return `recv(${this.fd}, ${this.n})`;
  }
}

class ShutdownCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fd: number, readonly how: number) {}
  check(m: Readonly<Model>): boolean {
    return tcp_or_closed(m, this.fd);
  }
  async run(m: Model, r: Real): Promise<void> {
    count('shutdown');
    const got = zsock_shutdown(this.fd, this.how);
    const e = errno;
    const s = m.fds[this.fd];
    const what = this.toString();
    if (!s) return expect_answer(what, got, e, -1, EBADF);
    if (this.how === ZSOCK_SHUT_RD) {
      expect_answer(what, got, e, 0);
      s.rdShut = true;
      return;
    }
    if (s.state !== 'connected') return expect_answer(what, got, e, -1, ENOTCONN);
    expect_answer(what, got, e, 0);
    if (!s.wrShut && !s.reset && s.peer) s.peer.eof = true;
    s.wrShut = true;
    await settle(r);
  }
  toString(): string {
    return `shutdown(${this.fd}, ${this.how === ZSOCK_SHUT_RD ? 'RD' : 'WR'})`;
  }
}

class CloseCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fd: number) {}
  check(m: Readonly<Model>): boolean {
    const s = m.fds[this.fd];
    return !s || s.backlog.length === 0;
  }
  async run(m: Model, r: Real): Promise<void> {
    count('close');
    const got = zsock_close(this.fd);
    const e = errno;
    const s = m.fds[this.fd];
    if (!s) return expect_answer(this.toString(), got, e, -1, EBADF);
    expect_answer(this.toString(), got, e, 0);
    if (s.kind === 'tcp' && s.state === 'connected' && !s.reset) {
      // A FIN already sent by SHUT_WR was the EOF; unread bytes make the close a reset.
      if (s.wrShut && s.inbox === 0 && s.peer) {
        s.peer.peer = null;
        s.peer.peerClosed = true;
      } else closed_end(s);
    } else if (s.peer) {
      s.peer.peer = null;
      s.peer.peerClosed = true;
    }
    m.fds[this.fd] = null;
    await settle(r);
  }
  toString(): string {
    return `close(${this.fd})`;
  }
}

class OptionCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fd: number, readonly value: number, readonly len: number) {}
  check(): boolean {
    return true;
  }
  async run(m: Model): Promise<void> {
    count('setsockopt');
    const got = zsock_setsockopt(this.fd, SOL_SOCKET, SO_REUSEADDR, { value: this.value }, this.len);
    const e = errno;
    const s = m.fds[this.fd];
    const what = this.toString();
    if (!s) return expect_answer(what, got, e, -1, EBADF);
    if (this.len !== SIZEOF_INT) return expect_answer(what, got, e, -1, EINVAL);
    expect_answer(what, got, e, 0);
    s.reuse = this.value ? 1 : 0;
    const back = { value: -1 };
    expect(zsock_getsockopt(this.fd, SOL_SOCKET, SO_REUSEADDR, back, { value: SIZEOF_INT })).toBe(0);
    expect(back.value, what + ' read back').toBe(s.reuse);
  }
  toString(): string {
    return `setsockopt(${this.fd}, SO_REUSEADDR, ${this.value}, len ${this.len})`;
  }
}

class ErrorCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fd: number) {}
  check(): boolean {
    return true;
  }
  async run(m: Model): Promise<void> {
    count('getsockopt');
    const v = { value: -1 };
    const got = zsock_getsockopt(this.fd, SOL_SOCKET, SO_ERROR, v, { value: SIZEOF_INT });
    const e = errno;
    const s = m.fds[this.fd];
    if (!s) return expect_answer(this.toString(), got, e, -1, EBADF);
    expect_answer(this.toString(), got, e, 0);
    expect(v.value, this.toString()).toBe(s.pendingError);
    s.pendingError = 0;
    if (s.state === 'refused') s.state = 'fresh';
  }
  toString(): string {
    return `getsockopt(${this.fd}, SO_ERROR)`;
  }
}

function model_bits(s: MSock | null): number {
  if (!s) return ZSOCK_POLLNVAL;
  if (s.kind === 'udp') return ZSOCK_POLLOUT | (s.datagrams.length > 0 ? ZSOCK_POLLIN : 0) | (s.pendingError ? ZSOCK_POLLERR : 0);
  switch (s.state) {
    case 'listening':
      return s.backlog.length > 0 ? ZSOCK_POLLIN : 0;
    case 'refused':
      return ZSOCK_POLLERR;
    case 'fresh':
      return s.rdShut ? ZSOCK_POLLIN : 0;
  }
  if (s.reset) return (s.pendingError ? ZSOCK_POLLERR : 0) | ZSOCK_POLLHUP | ZSOCK_POLLIN;
  const eof = s.eof && s.inbox === 0;
  let bits = 0;
  if (s.rdShut || s.inbox > 0 || eof) bits |= ZSOCK_POLLIN;
  if (eof) bits |= ZSOCK_POLLHUP;
  if (!s.wrShut) bits |= ZSOCK_POLLOUT;
  return bits;
}

class PollCmd implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fds: number[]) {}
  check(): boolean {
    return true;
  }
  async run(m: Model, r: Real): Promise<void> {
    count('poll');
    const entries = this.fds.map((fd) => ({ fd, events: ZSOCK_POLLIN | ZSOCK_POLLOUT, revents: 0 }));
    const got = await run(r, zsock_poll(entries, entries.length, 0));
    let ready = 0;
    for (const entry of entries) {
      const want = model_bits(m.fds[entry.fd] || null);
      expect(entry.revents, `${this.toString()}: fd ${entry.fd}`).toBe(want);
      if (want) ready++;
    }
    expect(got, this.toString()).toBe(ready);
  }
  toString(): string {
    return `poll([${this.fds.join(', ')}])`;
  }
}

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
