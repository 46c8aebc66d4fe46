/** Model-based test commands that make, name, connect and close descriptors. */
import type fc from 'fast-check';
import { expect } from 'vitest';
import { addr, addrlen } from '../conformance/helpers';
import {
  AF_INET,
  EADDRINUSE,
  EAGAIN,
  EBADF,
  ECONNREFUSED,
  EINPROGRESS,
  EINVAL,
  EOPNOTSUPP,
  F_SETFL,
  O_NONBLOCK,
  SOCK_DGRAM,
  SOCK_STREAM,
  errno,
  zsock_accept,
  zsock_bind,
  zsock_close,
  zsock_connect,
  zsock_fcntl,
  zsock_listen,
  zsock_socket,
} from '../../lib/index';
import {
  type Model,
  type Real,
  fresh,
  lowest_free,
  open_count,
  holders,
  listener_on,
  expect_answer,
  real_port,
  count,
  tcp_or_closed,
  closed_end,
  run,
  settle,
} from './model-state';

export class SocketCmd implements fc.AsyncCommand<Model, Real> {
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

export class BindCmd implements fc.AsyncCommand<Model, Real> {
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

export class ListenCmd implements fc.AsyncCommand<Model, Real> {
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

export class ConnectCmd implements fc.AsyncCommand<Model, Real> {
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

export class AcceptCmd implements fc.AsyncCommand<Model, Real> {
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

export class CloseCmd implements fc.AsyncCommand<Model, Real> {
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

