/**
 * A TCP listener over an Espruino server. Espruino listens on 0.0.0.0 and
 * cannot say which port an ephemeral listen got, so the port picks one itself
 * and tries the next when listen() throws (the port is taken).
 */
import { EADDRINUSE, EAFNOSUPPORT } from '../../lib/errno';
import type { Endpoint, ListenerEvents, TcpEvents, TcpListener } from '../../lib/port';
import { AF_INET, endpoint } from './address';
import type { EspruinoRuntime, EspruinoServer, EspruinoSocket } from './runtime';
import { EspruinoTcpConnection } from './tcp';

const EPHEMERAL_FIRST = 49152;
const EPHEMERAL_COUNT = 16384;
/** Ephemeral ports tried before answering EADDRINUSE. */
export const EPHEMERAL_TRIES = 16;

/**
 * Ports this stack holds, per kind. The core applies the bind rules between
 * its own sockets; this only keeps an ephemeral pick off a port the stack
 * already uses, since Espruino's servers share ports (SO_REUSEPORT on Linux).
 */
export class HeldPorts {
  private readonly ports: number[] = [];
  holds(port: number): boolean {
    return this.ports.indexOf(port) >= 0;
  }
  hold(port: number): void {
    this.ports.push(port);
  }
  release(port: number): void {
    const at = this.ports.indexOf(port);
    if (at >= 0) this.ports.splice(at, 1);
  }
  /** A free port from the ephemeral range, at random. */
  ephemeral(random32: () => number): number {
    let port = EPHEMERAL_FIRST + (random32() % EPHEMERAL_COUNT);
    for (let i = 0; i < EPHEMERAL_COUNT && this.holds(port); i++) port = port === 65535 ? EPHEMERAL_FIRST : port + 1;
    return port;
  }
}

/** The peer of an accepted connection: Espruino does not report it. */
const UNKNOWN_PEER = new Uint8Array(4);

export class EspruinoTcpListener implements TcpListener {
  readonly local: Endpoint;
  private readonly server: EspruinoServer;
  private readonly waiting: EspruinoTcpConnection[] = [];
  private closed = false;

  constructor(
    private readonly runtime: EspruinoRuntime,
    server: EspruinoServer,
    local: Endpoint,
    private readonly backlog: number,
    private readonly events: ListenerEvents,
    private readonly sendBudget: number,
    private readonly held: HeldPorts,
  ) {
    this.server = server;
    this.local = local;
  }

  /** A connection the interpreter accepted: it waits here until the core accepts it. */
  arrived(socket: EspruinoSocket): void {
    const connection = new EspruinoTcpConnection(this.runtime, null, this.sendBudget, this.local, endpoint(UNKNOWN_PEER, 0));
    connection.attach(socket, true);
    if (this.closed || this.waiting.length >= Math.max(1, this.backlog)) {
      connection.close();
      return;
    }
    this.waiting.push(connection);
    this.events.acceptable();
  }

  pending(): number {
    return this.waiting.length;
  }

  accept(events: TcpEvents): EspruinoTcpConnection | null {
    const connection = this.waiting.shift();
    if (!connection) return null;
    connection.adopt(events);
    return connection;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (let i = 0; i < this.waiting.length; i++) this.waiting[i]!.close();
    this.waiting.splice(0);
    this.server.close();
    this.held.release(this.local.port);
  }
}

/** Listens on `local` (IPv4; port 0: an ephemeral port); the listener or an errno. */
export function tcp_listen(
  runtime: EspruinoRuntime,
  random32: () => number,
  local: Endpoint,
  backlog: number,
  events: ListenerEvents,
  sendBudget: number,
  held: HeldPorts,
): EspruinoTcpListener | number {
  if (local.family !== AF_INET) return EAFNOSUPPORT;
  const tries = local.port === 0 ? EPHEMERAL_TRIES : 1;
  for (let i = 0; i < tries; i++) {
    const port = local.port === 0 ? held.ephemeral(random32) : local.port;
    let listener: EspruinoTcpListener | null = null;
    const server = runtime.net.createServer((socket) => {
      if (listener) listener.arrived(socket);
      else socket.end();
    });
    try {
      server.listen(port);
    } catch (error) {
      continue;
    }
    listener = new EspruinoTcpListener(runtime, server, endpoint(local.addr, port), backlog, events, sendBudget, held);
    held.hold(port);
    return listener;
  }
  return EADDRINUSE;
}
