/** The reference model of the model-based test: the state of each descriptor, as the calls' meaning says. */
import { expect } from 'vitest';
import type { MockNetwork } from '../../ports/node-mock/index';
import {
  ECONNRESET,
  ZSOCK_POLLERR,
  ZSOCK_POLLHUP,
  ZSOCK_POLLIN,
  ZSOCK_POLLNVAL,
  ZSOCK_POLLOUT,
  ntohs,
  sockaddr,
  zsock_getsockname,
} from '../../lib/index';

export type State = 'fresh' | 'listening' | 'connected' | 'refused';

export interface MSock {
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

export interface Model {
  fds: (MSock | null)[];
}

export interface Real {
  net: MockNetwork;
}

export const SLOTS = 8;
export const PORTS = [0, 5000, 5001];
export const TARGETS = [5000, 5001, 5999];

export function fresh(kind: 'tcp' | 'udp'): MSock {
  return {
    kind, state: 'fresh', port: 0, peer: null, peerClosed: false, inbox: 0, eof: false, reset: false,
    pendingError: 0, wrShut: false, rdShut: false, backlog: [], datagrams: [], reuse: 0, named: false,
  };
}

export function lowest_free(m: Model): number {
  for (let i = 0; i < m.fds.length; i++) if (!m.fds[i]) return i;
  return m.fds.length;
}

export function open_count(m: Model): number {
  return m.fds.filter((s) => s).length;
}

/** Every socket the model knows holding `port` for `kind`: open ones, and accepted ends waiting in a backlog. */
export function holders(m: Model, kind: string, port: number): MSock[] {
  const out: MSock[] = [];
  for (const s of m.fds) {
    if (!s || s.kind !== kind) continue;
    if (s.port === port) out.push(s);
    for (const b of s.backlog) if (b.port === port) out.push(b);
  }
  return out;
}

export function listener_on(m: Model, port: number): MSock | null {
  for (const s of m.fds) if (s && s.kind === 'tcp' && s.state === 'listening' && s.port === port) return s;
  return null;
}

export function expect_answer(what: string, got: number, gotErrno: number, want: number, wantErrno?: number): void {
  expect(got, what).toBe(want);
  if (want === -1) expect(gotErrno, what + ' errno').toBe(wantErrno);
}

export async function settle(r: Real): Promise<void> {
  await r.net.advance(300);
}

export async function run<T>(r: Real, p: Promise<T>): Promise<T> {
  return r.net.runUntil(p, { timeout: 10_000 });
}

export function real_port(fd: number): number {
  const a = new sockaddr();
  zsock_getsockname(fd, a, { value: 24 });
  return ntohs(a.sin_port);
}

export const counts: { [name: string]: number } = {};
export function count(name: string): void {
  counts[name] = (counts[name] || 0) + 1;
}

/** Connect is for TCP sockets only in this model. */
export function tcp_or_closed(m: Readonly<Model>, fd: number): boolean {
  const s = m.fds[fd];
  return !s || s.kind === 'tcp';
}

/** What the other end sees after `s` closes: EOF, or a reset when `s` left bytes unread. */
export function closed_end(s: MSock): void {
  const p = s.peer;
  if (!p) return;
  p.peer = null;
  p.peerClosed = true;
  if (s.inbox > 0 && !p.reset) {
    p.reset = true;
    p.pendingError = ECONNRESET;
  } else p.eof = true;
}

export function model_bits(s: MSock | null): number {
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

