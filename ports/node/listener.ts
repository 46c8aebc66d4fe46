/**
 * A TCP listener over Node's net.Server. Node binds asynchronously, so the
 * handle is returned at once and a failed bind arrives as `events.error`;
 * port 0 is resolved to a free port at once (see freePort).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { EAFNOSUPPORT, EINVAL } from '../../lib/errno';
import type { Endpoint, ListenerEvents, TcpConnection, TcpEvents, TcpListener } from '../../lib/port';
import { addressLength, addressToText, copyEndpoint, endpointFromText, isValidEndpoint, AF_INET6 } from './address';
import { errnoFromNodeError } from './errors';
import { NodeTcpConnection, type TcpBudgets } from './tcp';

/**
 * Node accepts from the kernel eagerly, so waiting connections are held
 * here. Zephyr ignores listen()'s backlog; this cap only bounds the
 * descriptors a flood can hold (a connection past it is reset).
 */
const MIN_PENDING_LIMIT = 128;

/**
 * A port free on every address right now. Node binds a listener with a host
 * only after a lookup (a later turn), but binds one without a host at once:
 * a wildcard probe, closed straight away, lets getsockname() after listen()
 * report the real port, as C programs expect. Should another process take
 * the port in between, the bind fails with EADDRINUSE through `events.error`.
 */
export function freePort(): number {
  const probe = createServer();
  probe.on('error', () => {});
  probe.listen({ port: 0, exclusive: true });
  const address = probe.address();
  probe.close();
  return address && typeof address === 'object' ? address.port : 0;
}

/** Until accepted, a waiting connection's events are held here. */
class WaitingEvents implements TcpEvents {
  errno = 0;
  connected(): void {}
  readable(): void {}
  writable(): void {}
  error(errno: number): void {
    this.errno = errno;
  }
}

interface Waiting {
  connection: NodeTcpConnection;
  events: WaitingEvents;
}

/**
 * A TCP listener of the Node port (a `net.Server`), as the core's TcpListener interface sees it.
 */
export class NodeTcpListener implements TcpListener {
  private readonly server: Server;
  private readonly events: ListenerEvents;
  private readonly family: number;
  private readonly budgets: TcpBudgets;
  private readonly waiting: Waiting[] = [];
  private readonly pendingLimit: number;
  private localEndpoint: Endpoint;
  private failed = false;
  private closed = false;

  constructor(local: Endpoint, backlog: number, events: ListenerEvents, budgets: TcpBudgets) {
    this.events = events;
    this.family = local.family;
    this.budgets = budgets;
    this.localEndpoint = copyEndpoint(local);
    this.pendingLimit = Math.max(backlog, MIN_PENDING_LIMIT);
    this.server = createServer({ allowHalfOpen: true, pauseOnConnect: true });
    this.server.on('connection', this.onConnection);
    this.server.on('error', this.onError);
    this.server.once('listening', this.onListening);
    const port = local.port === 0 ? freePort() : local.port;
    this.localEndpoint.port = port;
    this.server.listen({
      host: addressToText(local.addr),
      port,
      backlog: Math.max(backlog, 1),
      exclusive: true,
      // Zephyr's AF_INET6 sockets take no IPv4 traffic, so an application may
      // listen on 0.0.0.0 and :: with the same port, as Zephyr's samples do.
      ipv6Only: local.family === AF_INET6,
    });
  }

  /** The bound endpoint once Node has bound it; the requested one before. */
  get local(): Endpoint {
    return this.localEndpoint;
  }

  pending(): number {
    return this.waiting.length;
  }

  accept(events: TcpEvents): TcpConnection | null {
    const next = this.waiting.shift();
    if (!next) return null;
    next.connection.adopt(events);
    const errno = next.events.errno;
    if (errno !== 0) process.nextTick(() => events.error(errno));
    return next.connection;
  }

  /** Stops listening and releases the port. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Connections nobody accepted are reset, as a closing BSD listener does.
    for (const { connection } of this.waiting.splice(0)) connection.abort();
    // Before 'listening' this is a no-op; onListening closes the server then.
    this.server.close();
  }

  private readonly onListening = (): void => {
    if (this.closed) {
      this.server.close();
      return;
    }
    const address = this.server.address();
    if (address && typeof address === 'object') {
      this.localEndpoint = endpointFromText(address.address, address.port, this.family);
    }
  };

  private readonly onConnection = (socket: Socket): void => {
    if (this.closed || this.waiting.length >= this.pendingLimit) {
      socket.on('error', () => {});
      socket.resetAndDestroy();
      return;
    }
    const events = new WaitingEvents();
    const local = endpointFromText(socket.localAddress, socket.localPort, this.family);
    const remote = endpointFromText(socket.remoteAddress, socket.remotePort, this.family);
    const connection = new NodeTcpConnection(socket, this.family, events, this.budgets, true, local, remote);
    this.waiting.push({ connection, events });
    this.events.acceptable();
  };

  private readonly onError = (error: Error): void => {
    if (this.closed || this.failed) return;
    this.failed = true;
    this.events.error(errnoFromNodeError(error));
  };
}

/** Listens on `local`; returns the listener or an errno found without waiting. */
export function tcpListen(
  local: Endpoint,
  backlog: number,
  events: ListenerEvents,
  budgets: TcpBudgets,
): NodeTcpListener | number {
  if (addressLength(local.family) === 0) return EAFNOSUPPORT;
  if (!isValidEndpoint(local) || !Number.isInteger(backlog)) return EINVAL;
  return new NodeTcpListener(local, backlog, events, budgets);
}
