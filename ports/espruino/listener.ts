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

/** A port from the ephemeral range, at random. */
export function ephemeral_port(random32: () => number): number {
  return EPHEMERAL_FIRST + (random32() % EPHEMERAL_COUNT);
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
): EspruinoTcpListener | number {
  if (local.family !== AF_INET) return EAFNOSUPPORT;
  const tries = local.port === 0 ? EPHEMERAL_TRIES : 1;
  for (let i = 0; i < tries; i++) {
    const port = local.port === 0 ? ephemeral_port(random32) : local.port;
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
    listener = new EspruinoTcpListener(runtime, server, endpoint(local.addr, port), backlog, events, sendBudget);
    return listener;
  }
  return EADDRINUSE;
}
