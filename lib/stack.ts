/**
 * The stack: the one port this realm runs on, the socket providers it was
 * given, and the rule by which blocking calls settle and set errno.
 *
 * One realm has one stack, as a device has. zsock_init installs the port and
 * the providers (as Zephyr's Kconfig and NET_SOCKET_REGISTER choose what is
 * linked in): a program that registers only UDP carries no TCP code.
 */

import { set_errno } from './errno';
import { fd_free, fd_open_list, fd_peek, fd_table_resize, FD_TABLE_DEFAULT_SIZE } from './fdtable';
import type { NameResolver } from './dns/resolver';
import type { Port } from './port';

/**
 * A socket family's implementation (inet_tcp, inet_udp), registered with zsock_init as Zephyr registers one with `NET_SOCKET_REGISTER` (include/zephyr/net/socket.h).
 */
export interface SocketProvider {
  /** Whether this provider serves (family, type, proto); Zephyr's is_supported. */
  supports(family: number, type: number, proto: number): boolean;
  /** Makes the socket and returns its descriptor, or -1 with errno. */
  create(family: number, type: number, proto: number): number;
}

/**
 * Options of zsock_init: `maxDescriptors`, how many descriptors may be open at once (64 by default, as Zephyr's CONFIG_ZVFS_OPEN_MAX sets it); `resolver`, the name resolver of getaddrinfo (`dns_client`, the built-in DNS client).
 */
export interface StackOptions {
  /** How many descriptors may be open at once (default 64). */
  maxDescriptors?: number;
  /** The name resolver getaddrinfo uses (`dns_client`); none by default: literals only, or the port's native resolver. */
  resolver?: NameResolver;
}

interface Closable {
  close(obj: unknown): number;
}

let installed: Port | null = null;
let providers: SocketProvider[] = [];
let resolver: NameResolver | null = null;

/** A wait on the port that no descriptor's close would end (a poll of no sockets, a sleep, a DNS lookup). */
export interface StackWait {
  /** Ends the wait at once, because the stack it runs on is being replaced. */
  interrupt(): void;
}

const waits: StackWait[] = [];

/** Registers a wait that a second zsock_init must end. */
export function stack_wait_add(wait: StackWait): void {
  waits.push(wait);
}

/** The wait ended by itself. */
export function stack_wait_remove(wait: StackWait): void {
  const at = waits.indexOf(wait);
  if (at >= 0) waits.splice(at, 1);
}

/**
 * Installs `port` as this realm's network and the socket providers the program uses (`[inet_tcp, inet_udp]`); only those are linked into a bundle. Installing again (tests do, once per simulated network) closes every descriptor of the previous stack first.
 * zsockjs only: Zephyr's network stack starts at boot, and its socket families come from Kconfig and `NET_SOCKET_REGISTER`. Synchronous; a call that needs the stack before zsock_init throws a TypeError (a program error, not an errno case).
 */
export function zsock_init(port: Port, socketProviders: SocketProvider[], options?: StackOptions): void {
  // Closing wakes every call blocked on the old stack; their EINTR (or
  // other) answers join the failure queue and are delivered below, on the
  // new port's turns: the old network may never run again.
  const open = fd_open_list();
  for (let i = 0; i < open.length; i++) {
    const entry = fd_peek(open[i]!);
    if (entry) (entry.ops as Closable).close(entry.obj);
    fd_free(open[i]!);
  }
  // Waits on no descriptor end too, each as its call documents (poll EINTR, a sleep its time left).
  const ending = waits.splice(0, waits.length);
  for (let i = 0; i < ending.length; i++) ending[i]!.interrupt();
  // A drain the old port still holds finds a newer generation and does nothing.
  generation++;
  draining = false;
  installed = port;
  providers = socketProviders.slice();
  resolver = (options && options.resolver) || null;
  fd_table_resize((options && options.maxDescriptors) || FD_TABLE_DEFAULT_SIZE);
  if (failQueue.length > 0) start_drain();
}

/** The installed port; throws when zsock_init was never called (a program error, not an errno case). */
export function stack_port(): Port {
  if (!installed) throw new TypeError('zsockjs: zsock_init(port, providers) was not called');
  return installed;
}

/*
 * Watched calls: a port may want to know which blocking calls are still
 * waiting (Port.watchCall: a simulator names them when a run stops). The
 * API names each blocking call while it runs (call_begin/call_end); only a
 * call that actually waits shows its promise, so calls that finish at once
 * cost two assignments.
 */
let callFd = -1;
let callName = '';

export function call_begin(fd: number, name: string): void {
  callFd = fd;
  callName = name;
}

export function call_end(result: Promise<number>): Promise<number> {
  callName = '';
  return result;
}

/** The call named by call_begin is about to wait on `result`. */
export function call_waits(result: Promise<number>): void {
  if (callName) watch_call(callFd, callName, result);
}

/** Shows a waiting call's promise to a port that watches calls. */
export function watch_call(fd: number, name: string, result: Promise<number>): void {
  const port = installed;
  if (port && port.watchCall) port.watchCall(fd, name, result);
}

export function stack_providers(): SocketProvider[] {
  return providers;
}

/** The name resolver zsock_init registered, or null. */
export function stack_resolver(): NameResolver | null {
  return resolver;
}

/*
 * Settling blocking calls, and errno.
 *
 * A blocking call returns a Promise of the C return value. A success settles
 * at once: it does not touch errno. A failure must leave errno set for the
 * code that awaited it, even when several tasks fail at the same moment. So
 * failures settle one at a time, each in its own turn of the event loop
 * (port.defer): errno is set, the promise resolves, and the awaiting code
 * resumes in that turn's microtasks before any other failure is delivered.
 * The rule for the application: read errno right after `await`, before the
 * next await.
 */

interface PendingFailure {
  resolve: (value: number) => void;
  errno: number;
}

const failQueue: PendingFailure[] = [];
let draining = false;
/** Counts zsock_init calls: work scheduled on an older port is recognised and dropped. */
let generation = 0;

function start_drain(): void {
  draining = true;
  const mine = generation;
  stack_port().defer(() => drainOne(mine));
}

function drainOne(mine: number): void {
  if (mine !== generation) return;
  const next = failQueue.shift();
  if (!next) {
    draining = false;
    return;
  }
  set_errno(next.errno);
  next.resolve(-1);
  if (failQueue.length > 0) start_drain();
  else draining = false;
}

/** Resolves a blocking call's promise with -1 and errno `code`, by the rule above. */
export function settle_failure(resolve: (value: number) => void, code: number): void {
  failQueue.push({ resolve, errno: code });
  if (!draining) start_drain();
}

/** A blocking call that fails before it waits; throws when zsock_init was never called. */
export function failed_call(code: number): Promise<number> {
  stack_port();
  return new Promise<number>((resolve) => settle_failure(resolve, code));
}
