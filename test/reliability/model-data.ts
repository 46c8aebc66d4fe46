/** Model-based test commands that move bytes, change options and ask for readiness. */
import type fc from 'fast-check';
import { expect } from 'vitest';
import { addr, addrlen } from '../conformance/helpers';
import {
  EAGAIN,
  EBADF,
  ECONNRESET,
  EDESTADDRREQ,
  EINVAL,
  ENOTCONN,
  EPIPE,
  SIZEOF_INT,
  SO_ERROR,
  SO_REUSEADDR,
  SOL_SOCKET,
  ZSOCK_MSG_DONTWAIT,
  ZSOCK_POLLIN,
  ZSOCK_POLLOUT,
  ZSOCK_SHUT_RD,
  errno,
  zsock_getsockopt,
  zsock_poll,
  zsock_recv,
  zsock_sendto,
  zsock_setsockopt,
  zsock_shutdown,
} from '../../lib/index';
import {
  type Model,
  type Real,
  expect_answer,
  real_port,
  count,
  tcp_or_closed,
  model_bits,
  run,
  settle,
} from './model-state';

export class SendCmd implements fc.AsyncCommand<Model, Real> {
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

export class RecvCmd implements fc.AsyncCommand<Model, Real> {
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

export class ShutdownCmd implements fc.AsyncCommand<Model, Real> {
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

export class OptionCmd implements fc.AsyncCommand<Model, Real> {
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

export class ErrorCmd implements fc.AsyncCommand<Model, Real> {
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

export class PollCmd implements fc.AsyncCommand<Model, Real> {
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

