/**
 * A TCP connection over `embedded:io/socket/tcp`.
 *
 * The class reports readiness as counts: onReadable(n) bytes it holds,
 * onWritable(n) bytes it takes now, and an argument-less onError() for a
 * refused connect, the peer's FIN and a reset alike. The port tells them
 * apart by state: onError before the first onWritable is a refused connect;
 * after it, the peer is gone and what it sent stays readable, then reads as
 * EOF. Writes never exceed the room last reported (the class throws "would
 * block" past it); reads go from the class straight into the caller's buffer.
 *
 * What is left unread when onReadable returns moves to a small spill
 * buffer: the Linux host's class announces the peer's close only when its
 * own buffer is empty at the next tick, so it must be emptied within the tick.
 */
import { ECONNREFUSED, ECONNRESET, ENOBUFS, ENOPROTOOPT } from '../../lib/errno';
import type { Endpoint, PortOption, TcpConnection, TcpEvents } from '../../lib/port';
import { ipv4Bytes, ipv4Text, AF_INET } from './address';
import type { TcpSocket } from './host';
import type { ModdableContext } from './context';

const enum State {
  /** Waiting for the class (constructed in a later turn, so options set after connect apply). */
  Opening,
  /** Constructed, no onWritable yet. */
  Connecting,
  Connected,
  /** onError after the connection was up: the peer closed or reset. */
  PeerGone,
  Failed,
  Closed,
}

export class ModdableTcpConnection implements TcpConnection {
  private readonly context: ModdableContext;
  private events: TcpEvents;
  private socket: TcpSocket | null = null;
  private state: State;
  /** Room the class reported last (onWritable, or write's answer). */
  private lastRoom = 0;
  /** Bytes the class holds: its last onReadable count less what was read since. */
  private held = 0;
  private spill: Uint8Array | null = null;
  private spillAt = 0;
  private spillLen = 0;
  /** TCP_NODELAY for the constructor; -1 leaves the class's default. */
  private nodelay = -1;
  private errorQueued = false;
  readonly local: Endpoint;
  readonly remote: Endpoint;

  constructor(context: ModdableContext, events: TcpEvents, local: Endpoint, remote: Endpoint, accepted: boolean) {
    this.context = context;
    this.events = events;
    this.local = local;
    this.remote = remote;
    this.state = accepted ? State.Connected : State.Opening;
  }

  /** Client side: makes the class in a later turn, after the core applied its options. */
  startConnect(): void {
    this.context.defer(this.openClient);
  }

  /** Accepted side: wraps the listener's pending socket in a later turn. */
  startAccepted(pending: TcpSocket): void {
    this.context.defer(() => {
      if (this.state === State.Closed) {
        closeQuietly(pending);
        return;
      }
      this.socket = this.construct({ from: pending });
      if (!this.socket) {
        closeQuietly(pending);
        this.fail(ECONNRESET);
      }
    });
  }

  available(): number {
    return this.spillLen + this.held;
  }

  finished(): boolean {
    return this.state === State.PeerGone && this.spillLen === 0 && this.held === 0;
  }

  read(into: Uint8Array): number {
    let count = 0;
    if (this.spillLen > 0) {
      count = Math.min(into.length, this.spillLen);
      into.set(this.spill!.subarray(this.spillAt, this.spillAt + count));
      this.spillAt += count;
      this.spillLen -= count;
      if (this.spillLen === 0) this.spillAt = 0;
    }
    const want = Math.min(into.length - count, this.held);
    if (want > 0 && this.socket) {
      const target = count === 0 && want === into.length ? into : into.subarray(count, count + want);
      const got = this.socket.read(target);
      if (typeof got === 'number') {
        this.held -= got;
        count += got;
      } else {
        this.held = 0;
      }
    }
    return count;
  }

  room(): number {
    return this.state === State.Connected ? this.lastRoom : 0;
  }

  write(data: Uint8Array): number {
    if (this.state === State.PeerGone) {
      // ECMA-419 on lwIP drops writes after the peer's close; the port never offers them.
      this.failLater(ECONNRESET);
      return 0;
    }
    if (this.state !== State.Connected || !this.socket) return 0;
    const count = Math.min(this.lastRoom, data.length);
    if (count === 0) return 0;
    let left: number | undefined;
    try {
      left = this.socket.write(count === data.length ? data : data.subarray(0, count));
    } catch {
      left = undefined;
    }
    if (typeof left !== 'number') {
      // The class did not send: the connection broke under it.
      this.lastRoom = 0;
      this.failLater(ECONNRESET);
      return 0;
    }
    this.lastRoom = left;
    return count;
  }

  shutdownWrite(): void {
    // Never called: the port's capabilities say no half-close.
  }

  close(): void {
    if (this.state === State.Closed) return;
    this.state = State.Closed;
    this.spill = null;
    this.spillLen = this.held = 0;
    if (this.socket) closeQuietly(this.socket);
    this.socket = null;
  }

  abort(): void {
    // ECMA-419 has no abortive close: the connection ends with FIN.
    this.close();
  }

  setOption(option: PortOption, value: number): number {
    if (option !== 'nodelay') return ENOPROTOOPT;
    // The class takes nodelay at construction only.
    if (this.socket || this.state === State.Closed) return ENOPROTOOPT;
    this.nodelay = value !== 0 ? 1 : 0;
    return 0;
  }

  private readonly openClient = (): void => {
    if (this.state !== State.Opening) return;
    this.state = State.Connecting;
    this.socket = this.construct({ address: ipv4Text(this.remote.addr), port: this.remote.port });
    if (!this.socket) this.fail(ENOBUFS);
  };

  private construct(target: { address?: string; port?: number; from?: TcpSocket }): TcpSocket | null {
    const options: Record<string, unknown> = {
      onReadable: this.onReadable,
      onWritable: this.onWritable,
      onError: this.onError,
    };
    if (target.from) options['from'] = target.from;
    else {
      options['address'] = target.address;
      options['port'] = target.port;
    }
    if (this.nodelay >= 0) options['nodelay'] = this.nodelay === 1;
    try {
      return new this.context.host.TCP(options);
    } catch {
      return null;
    }
  }

  private readonly onWritable = (bytes: number): void => {
    if (this.state === State.Connecting) {
      this.state = State.Connected;
      this.lastRoom = bytes;
      this.events.connected();
      if (this.state === State.Connected) this.events.writable();
      return;
    }
    if (this.state !== State.Connected) return;
    this.lastRoom = bytes;
    this.events.writable();
  };

  private readonly onReadable = (bytes: number): void => {
    if (this.state === State.Closed || this.state === State.Failed) return;
    this.held = bytes;
    this.events.readable();
    if (this.held > 0 && this.socket) this.spillHeld();
  };

  private readonly onError = (): void => {
    switch (this.state) {
      case State.Connecting:
        // No onWritable yet: the connection never came up.
        this.fail(ECONNREFUSED);
        return;
      case State.Connected:
        this.state = State.PeerGone;
        this.lastRoom = 0;
        this.events.readable();
        return;
      default:
        return;
    }
  };

  /** Moves what the class still holds into the spill, as far as it has room. */
  private spillHeld(): void {
    const capacity = this.context.spillBytes;
    if (!this.spill) this.spill = new Uint8Array(capacity);
    if (this.spillAt > 0 && this.spillLen > 0) {
      this.spill.set(this.spill.subarray(this.spillAt, this.spillAt + this.spillLen));
    }
    this.spillAt = 0;
    const take = Math.min(this.held, capacity - this.spillLen);
    if (take <= 0) return;
    const got = this.socket!.read(this.spill.subarray(this.spillLen, this.spillLen + take));
    if (typeof got !== 'number') return;
    this.spillLen += got;
    this.held -= got;
  }

  private fail(errno: number): void {
    if (this.state === State.Closed || this.state === State.Failed) return;
    this.state = State.Failed;
    this.lastRoom = 0;
    this.events.error(errno);
  }

  private failLater(errno: number): void {
    if (this.errorQueued) return;
    this.errorQueued = true;
    this.context.defer(() => this.fail(errno));
  }
}

function closeQuietly(socket: TcpSocket): void {
  try {
    socket.close();
  } catch {
    // Closing twice, or a socket the class already released.
  }
}

/** The remote endpoint a pending or connected class socket reports. */
export function remoteOf(socket: TcpSocket): Endpoint {
  let text: string | undefined;
  let port: number | undefined;
  try {
    text = socket.remoteAddress;
    port = socket.remotePort;
  } catch {
    text = undefined;
  }
  return { family: AF_INET, addr: ipv4Bytes(text) || new Uint8Array(4), port: typeof port === 'number' ? port : 0 };
}
