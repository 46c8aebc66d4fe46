/**
 * A TCP listener over `embedded:io/socket/listener`. The class always binds
 * every address (it takes no address) and has no onError; its pending
 * sockets are taken into the port's backlog as they arrive.
 */
import { EADDRINUSE, EAFNOSUPPORT } from '../../lib/errno';
import type { Endpoint, ListenerEvents, TcpConnection, TcpEvents, TcpListener } from '../../lib/port';
import { wildcardV4, AF_INET } from './address';
import type { ListenerSocket, TcpSocket } from './host';
import type { ModdableContext } from './context';
import { ModdableTcpConnection, remoteOf } from './tcp';

export class ModdableTcpListener implements TcpListener {
  private readonly context: ModdableContext;
  private readonly events: ListenerEvents;
  private readonly backlog: number;
  private socket: ListenerSocket | null = null;
  private readonly queue: TcpSocket[] = [];
  local: Endpoint = wildcardV4(0);

  constructor(context: ModdableContext, events: ListenerEvents, backlog: number) {
    this.context = context;
    this.events = events;
    this.backlog = backlog;
  }

  /** Binds and listens; returns 0 or an errno. */
  open(port: number): number {
    try {
      this.socket = new this.context.host.Listener({ port, onReadable: this.onReadable });
    } catch {
      // The class says only "bind failed" (or out of memory): the port is taken.
      return EADDRINUSE;
    }
    this.local = wildcardV4(this.socket.port);
    return 0;
  }

  pending(): number {
    return this.queue.length;
  }

  accept(events: TcpEvents): TcpConnection | null {
    const pending = this.queue.shift();
    if (!pending) return null;
    const connection = new ModdableTcpConnection(this.context, events, wildcardV4(this.local.port), remoteOf(pending), true);
    connection.startAccepted(pending);
    this.take();
    return connection;
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      try {
        socket.close();
      } catch {
        // Already released.
      }
    }
    while (this.queue.length > 0) {
      try {
        this.queue.shift()!.close();
      } catch {
        // A pending socket the class already released.
      }
    }
  }

  private readonly onReadable = (): void => {
    if (!this.socket) return;
    if (this.take()) this.events.acceptable();
  };

  /** Moves pending sockets from the class into the backlog while it has room. */
  private take(): boolean {
    let taken = false;
    while (this.socket && this.queue.length < this.backlog) {
      const next = this.socket.read();
      if (!next) break;
      this.queue.push(next);
      taken = true;
    }
    return taken;
  }
}

export function tcpListen(context: ModdableContext, local: Endpoint, backlog: number, events: ListenerEvents): TcpListener | number {
  if (local.family !== AF_INET) return EAFNOSUPPORT;
  const listener = new ModdableTcpListener(context, events, backlog);
  const err = listener.open(local.port);
  return err || listener;
}
