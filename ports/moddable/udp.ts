/**
 * A UDP socket over `embedded:io/socket/udp`. The class binds every address
 * and cannot tell its port, so the port chooses ephemeral ports itself. The
 * class queues datagrams (the Linux host keeps at most 100, one taken per
 * 20 ms tick) in buffers of its own; the port takes them as they are
 * announced, so a connected socket drops other senders' on arrival, and
 * copies each into the caller's buffer.
 */
import { EADDRINUSE, EAFNOSUPPORT, EINVAL, EMSGSIZE, ENETUNREACH, ENOPROTOOPT } from '../../lib/errno';
import type { Endpoint, PortOption, UdpEvents, UdpSocket } from '../../lib/port';
import { ipv4Bytes, ipv4Text, wildcardV4, AF_INET } from './address';
import type { Datagram, UdpSocketInstance } from './host';
import type { ModdableContext } from './context';

/** The largest UDP payload over IPv4. */
const MAX_DATAGRAM = 65507;
const EPHEMERAL_FIRST = 49152;
const EPHEMERAL_COUNT = 16384;
const EPHEMERAL_TRIES = 16;
/** Datagrams held per socket, as the Linux class holds: past it the oldest go. */
const QUEUE_LIMIT = 100;

export class ModdableUdpSocket implements UdpSocket {
  private readonly context: ModdableContext;
  private readonly events: UdpEvents;
  private socket: UdpSocketInstance | null = null;
  /** Datagrams taken from the class, oldest first. */
  private readonly queue: Datagram[] = [];
  private filterAddr: Uint8Array | null = null;
  private filterPort = 0;
  local: Endpoint = wildcardV4(0);

  constructor(context: ModdableContext, events: UdpEvents) {
    this.context = context;
    this.events = events;
  }

  /** Binds `port` (0: one the port picks); returns 0 or an errno. */
  open(port: number, random32: () => number): number {
    const UDP = this.context.host.UDP;
    for (let attempt = 0; attempt < (port === 0 ? EPHEMERAL_TRIES : 1); attempt++) {
      const chosen = port !== 0 ? port : EPHEMERAL_FIRST + (random32() % EPHEMERAL_COUNT);
      try {
        this.socket = new UDP({ port: chosen, onReadable: this.onReadable });
        this.local = wildcardV4(chosen);
        return 0;
      } catch {
        // "bind failed": taken; an ephemeral choice tries another.
      }
    }
    return EADDRINUSE;
  }

  nextSize(): number {
    const head = this.queue[0];
    return head ? head.byteLength : -1;
  }

  receive(into: Uint8Array, from: Endpoint | null, peek: boolean): number {
    const head = this.queue[0];
    if (!head) return -1;
    const size = head.byteLength;
    const count = Math.min(size, into.length);
    if (count > 0) into.set(new Uint8Array(head, 0, count));
    if (from) {
      from.family = AF_INET;
      const addr = ipv4Bytes(head.address);
      if (addr) from.addr.set(addr);
      from.port = head.port;
    }
    if (!peek) this.queue.shift();
    return size;
  }

  send(data: Uint8Array, to: Endpoint): number {
    if (to.family !== AF_INET) return EAFNOSUPPORT;
    if (data.length > MAX_DATAGRAM) return EMSGSIZE;
    if (!this.socket) return EINVAL;
    try {
      this.socket.write(data, ipv4Text(to.addr), to.port);
    } catch {
      // The class names no reason ("sendto failed", "UDP send failed").
      return ENETUNREACH;
    }
    return 0;
  }

  connect(remote: Endpoint | null): void {
    this.filterAddr = remote ? remote.addr.slice(0, 4) : null;
    this.filterPort = remote ? remote.port : 0;
    if (!remote) return;
    let kept = 0;
    for (let i = 0; i < this.queue.length; i++) {
      if (this.accepts(this.queue[i]!)) this.queue[kept++] = this.queue[i]!;
    }
    this.queue.length = kept;
  }

  membership(group: Endpoint, join: boolean): number {
    const socket = this.socket;
    const method = socket && (join ? socket.add : socket.remove);
    if (!socket || !method) return ENOPROTOOPT;
    try {
      method.call(socket, ipv4Text(group.addr));
    } catch {
      return EINVAL;
    }
    return 0;
  }

  setOption(_option: PortOption, _value: number): number {
    return ENOPROTOOPT;
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    this.queue.length = 0;
    if (socket) {
      try {
        socket.close();
      } catch {
        // Already released.
      }
    }
  }

  private readonly onReadable = (): void => {
    const socket = this.socket;
    if (!socket) return;
    let arrived = false;
    for (;;) {
      const next = socket.read();
      if (!next) break;
      if (!this.accepts(next)) continue;
      this.queue.push(next);
      if (this.queue.length > QUEUE_LIMIT) this.queue.shift();
      arrived = true;
    }
    if (arrived) this.events.readable();
  };

  private accepts(datagram: Datagram): boolean {
    const want = this.filterAddr;
    if (!want) return true;
    if (datagram.port !== this.filterPort) return false;
    const addr = ipv4Bytes(datagram.address);
    return !!addr && addr[0] === want[0] && addr[1] === want[1] && addr[2] === want[2] && addr[3] === want[3];
  }
}

export function udpOpen(context: ModdableContext, local: Endpoint, events: UdpEvents, random32: () => number): UdpSocket | number {
  if (local.family !== AF_INET) return EAFNOSUPPORT;
  const socket = new ModdableUdpSocket(context, events);
  const err = socket.open(local.port, random32);
  return err || socket;
}
