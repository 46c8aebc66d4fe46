/**
 * A UDP socket over Espruino's dgram: datagrams arrive as strings with their
 * sender and wait in a bounded queue (a full queue drops, as a kernel does).
 * A bound dgram socket sends from its bound port, so every socket is bound:
 * port 0 picks an ephemeral port, because Espruino cannot say which it got.
 */
import { EADDRINUSE, EAFNOSUPPORT, EMSGSIZE, ENOBUFS, ENOMEM, ENOPROTOOPT, EOPNOTSUPP, EPIPE } from '../../lib/errno';
import type { Endpoint, PortOption, UdpEvents, UdpSocket } from '../../lib/port';
import { AF_INET, endpoint, errno_of, ipv4_bytes, ipv4_text } from './address';
import { EPHEMERAL_TRIES, type HeldPorts } from './listener';
import type { EspruinoDgramSocket, EspruinoRemoteInfo, EspruinoRuntime } from './runtime';

export interface UdpBudgets {
  /** Queued bytes before arriving datagrams are dropped. */
  receiveBytes: number;
  /** Queued datagrams before arriving ones are dropped. */
  receiveDatagrams: number;
  /** Largest datagram send() takes. */
  maxDatagram: number;
  /** The board's dgram has addMembership (it applies at bind: joining rebinds the socket). */
  multicast: boolean;
}

interface Datagram {
  data: string;
  from: Endpoint;
}

export class EspruinoUdpSocket implements UdpSocket {
  readonly local: Endpoint;
  private readonly queue: Datagram[] = [];
  private queuedBytes = 0;
  private remote: Endpoint | null = null;
  private closed = false;
  /** The multicast group joined (Espruino's socket holds one), as text. */
  private group: string | null = null;
  private socket: EspruinoDgramSocket;

  constructor(
    private readonly runtime: EspruinoRuntime,
    socket: EspruinoDgramSocket,
    local: Endpoint,
    private readonly events: UdpEvents,
    private readonly budgets: UdpBudgets,
    private readonly held: HeldPorts,
  ) {
    this.local = local;
    this.socket = socket;
    this.listen(socket);
  }

  private listen(socket: EspruinoDgramSocket): void {
    socket.on('message', (message, info) => {
      if (socket === this.socket) this.onMessage(message, info);
    });
    socket.on('error', (error) => {
      if (!this.closed && socket === this.socket) this.events.error(errno_of(error, true));
    });
  }

  nextSize(): number {
    return this.queue.length > 0 ? this.queue[0]!.data.length : -1;
  }

  receive(into: Uint8Array, from: Endpoint | null, peek: boolean): number {
    const head = this.queue[0];
    if (!head) return -1;
    const data = head.data;
    const count = Math.min(data.length, into.length);
    for (let i = 0; i < count; i++) into[i] = data.charCodeAt(i);
    if (from) {
      from.family = AF_INET;
      if (from.addr.length !== 4) from.addr = new Uint8Array(4);
      from.addr.set(head.from.addr);
      from.port = head.from.port;
    }
    if (!peek) {
      this.queue.shift();
      this.queuedBytes -= data.length;
    }
    return data.length;
  }

  send(data: Uint8Array, to: Endpoint): number {
    if (this.closed) return EPIPE;
    if (to.family !== AF_INET) return EAFNOSUPPORT;
    if (data.length > this.budgets.maxDatagram) return EMSGSIZE;
    const text = this.runtime.E.toString(data);
    if (typeof text !== 'string') return ENOMEM;
    try {
      this.socket.send(text, to.port, ipv4_text(to.addr));
    } catch (error) {
      return ENOMEM;
    }
    return 0;
  }

  connect(remote: Endpoint | null): void {
    this.remote = remote ? endpoint(remote.addr, remote.port) : null;
    if (!this.remote) return;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (!this.fromRemote(this.queue[i]!.from)) {
        this.queuedBytes -= this.queue[i]!.data.length;
        this.queue.splice(i, 1);
      }
    }
  }

  /**
   * Espruino joins a group when a socket binds, one group per socket: a
   * change binds a new socket on the same port (with or without the group)
   * and closes the old one; queued datagrams stay.
   */
  membership(group: Endpoint, join: boolean): number {
    if (!this.budgets.multicast || this.closed) return EOPNOTSUPP;
    const text = ipv4_text(group.addr);
    if (join && this.group !== null) return this.group === text ? 0 : ENOBUFS;
    if (!join && this.group !== text) return 0;
    const next = this.runtime.dgram.createSocket({ type: 'udp4', reuseAddr: true });
    if (join) {
      if (!next.addMembership) return EOPNOTSUPP;
      next.addMembership(text, '0.0.0.0');
    }
    try {
      next.bind(this.local.port);
    } catch (error) {
      next.close();
      return ENOBUFS;
    }
    const old = this.socket;
    this.socket = next;
    this.listen(next);
    old.close();
    this.group = join ? text : null;
    return 0;
  }

  setOption(_option: PortOption): number {
    return ENOPROTOOPT;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.splice(0);
    this.queuedBytes = 0;
    this.socket.close();
    this.held.release(this.local.port);
  }

  private fromRemote(from: Endpoint): boolean {
    const remote = this.remote!;
    if (remote.port !== from.port) return false;
    for (let i = 0; i < 4; i++) if (remote.addr[i] !== from.addr[i]) return false;
    return true;
  }

  private onMessage(message: string, info: EspruinoRemoteInfo): void {
    if (this.closed) return;
    const addr = ipv4_bytes(info.address);
    if (!addr) return;
    const from = endpoint(addr, info.port);
    if (this.remote && !this.fromRemote(from)) return;
    const budgets = this.budgets;
    if (this.queue.length >= budgets.receiveDatagrams || this.queuedBytes + message.length > budgets.receiveBytes) return;
    this.queue.push({ data: message, from });
    this.queuedBytes += message.length;
    this.events.readable();
  }
}

/** Opens a UDP socket bound to `local` (port 0: an ephemeral port); the socket or an errno. */
export function udp_open(
  runtime: EspruinoRuntime,
  random32: () => number,
  local: Endpoint,
  events: UdpEvents,
  budgets: UdpBudgets,
  held: HeldPorts,
): EspruinoUdpSocket | number {
  if (local.family !== AF_INET) return EAFNOSUPPORT;
  const tries = local.port === 0 ? EPHEMERAL_TRIES : 1;
  for (let i = 0; i < tries; i++) {
    const port = local.port === 0 ? held.ephemeral(random32) : local.port;
    // Always reuseAddr: the core has applied Zephyr's bind rules between its own sockets, and
    // Espruino binds only the wildcard, so a specific-address bind beside it must be allowed.
    const socket = runtime.dgram.createSocket({ type: 'udp4', reuseAddr: true });
    try {
      socket.bind(port);
    } catch (error) {
      socket.close();
      continue;
    }
    held.hold(port);
    return new EspruinoUdpSocket(runtime, socket, endpoint(local.addr, port), events, budgets, held);
  }
  return EADDRINUSE;
}
