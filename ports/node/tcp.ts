/**
 * A TCP connection over Node's net.Socket: received chunks are queued and
 * copied into the caller's buffer; the queue and Node's unflushed writes are
 * held to receive and send budgets, so a slow reader (ours or the peer's)
 * pushes back instead of growing memory.
 */
import { Socket } from 'node:net';
import { EAFNOSUPPORT, EINVAL, ENOPROTOOPT } from '../../lib/errno';
import type { Endpoint, PortOption, TcpConnection, TcpEvents } from '../../lib/port';
import {
  addressLength,
  addressToText,
  copyEndpoint,
  endpointFromText,
  isValidEndpoint,
  AF_INET,
} from './address';
import { errnoFromNodeError } from './errors';

export interface TcpBudgets {
  /** Received bytes queued before the socket stops reading (SO_RCVBUF). */
  receive: number;
  /** Written bytes not yet flushed by Node before room() is 0 (SO_SNDBUF). */
  send: number;
}

/** Smallest budget an option may set, so a tiny value still moves data. */
const MIN_BUDGET = 512;
/** Linux's range for TCP_KEEPIDLE, in seconds. */
const MAX_KEEPIDLE = 32767;

const NOTHING = Buffer.alloc(0);

export class NodeTcpConnection implements TcpConnection {
  private readonly socket: Socket;
  private readonly family: number;
  private events: TcpEvents;
  private localEndpoint: Endpoint;
  private remoteEndpoint: Endpoint;
  private readonly chunks: Buffer[] = [];
  /** Bytes of chunks[0] already read. */
  private headOffset = 0;
  private queuedBytes = 0;
  private receiveBudget: number;
  private sendBudget: number;
  /** The port paused the socket because the queue reached the receive budget. */
  private readPaused = false;
  private connected: boolean;
  private peerFinished = false;
  private writeShut = false;
  private failed = false;
  private closed = false;
  /** room() was seen at 0 or a write was cut short: the next opening fires writable. */
  private wantsWritable = false;
  private keepAlive = false;
  private keepIdleSeconds = 0;
  /**
   * Sent bytes wait here until Node has flushed them, so write() copies into
   * memory it owns without allocating: Node flushes in order, so the bytes
   * it still holds are the writableLength bytes just behind ringAt.
   */
  private ring: Buffer | null = null;
  private ringAt = 0;
  /** An empty write is queued to tell when Node's buffer has drained. */
  private flushWatched = false;

  constructor(
    socket: Socket,
    family: number,
    events: TcpEvents,
    budgets: TcpBudgets,
    connected: boolean,
    local: Endpoint,
    remote: Endpoint,
  ) {
    this.socket = socket;
    this.family = family;
    this.events = events;
    this.receiveBudget = budgets.receive;
    this.sendBudget = budgets.send;
    this.connected = connected;
    this.localEndpoint = local;
    this.remoteEndpoint = remote;
    socket.on('error', this.onError);
    socket.on('end', this.onEnd);
    socket.on('data', this.onData);
    if (!connected) socket.once('connect', this.onConnect);
  }

  /** Gives a connection that waited in a listener's backlog its owner's events, and starts reading. */
  adopt(events: TcpEvents): void {
    this.events = events;
    this.socket.resume();
    process.nextTick(() => {
      if (!this.closed && !this.failed) this.events.writable();
    });
  }

  get local(): Endpoint {
    return this.localEndpoint;
  }

  get remote(): Endpoint {
    return this.remoteEndpoint;
  }

  available(): number {
    return this.queuedBytes;
  }

  finished(): boolean {
    return this.peerFinished && this.queuedBytes === 0;
  }

  read(into: Uint8Array): number {
    let copied = 0;
    while (copied < into.length && this.chunks.length > 0) {
      const head = this.chunks[0]!;
      const count = Math.min(head.length - this.headOffset, into.length - copied);
      into.set(head.subarray(this.headOffset, this.headOffset + count), copied);
      copied += count;
      this.headOffset += count;
      if (this.headOffset === head.length) {
        this.chunks.shift();
        this.headOffset = 0;
      }
    }
    this.queuedBytes -= copied;
    this.applyReceiveBudget();
    return copied;
  }

  room(): number {
    if (!this.connected || this.failed || this.writeShut || this.closed) return 0;
    const held = this.socket.writableLength;
    // A budget changed while bytes are in flight applies once the ring drains.
    const capacity = this.ring && held > 0 ? this.ring.length : this.sendBudget;
    const room = Math.max(0, capacity - held);
    if (room === 0) this.awaitRoom();
    return room;
  }

  write(data: Uint8Array): number {
    const count = Math.min(this.room(), data.length);
    if (count < data.length) this.awaitRoom();
    if (count === 0) return 0;
    // Copy: the caller may reuse `data` at once, while Node keeps a reference
    // to what it has not flushed yet.
    let ring = this.ring;
    if (!ring || (ring.length !== this.sendBudget && this.socket.writableLength === 0)) {
      ring = this.ring = Buffer.allocUnsafeSlow(this.sendBudget);
      this.ringAt = 0;
    }
    const at = this.ringAt;
    const first = Math.min(count, ring.length - at);
    ring.set(first === data.length ? data : data.subarray(0, first), at);
    this.socket.write(ring.subarray(at, at + first));
    this.ringAt = at + first === ring.length ? 0 : at + first;
    if (first < count) {
      ring.set(data.subarray(first, count), 0);
      this.socket.write(ring.subarray(0, count - first));
      this.ringAt = count - first;
    }
    return count;
  }

  shutdownWrite(): void {
    if (this.writeShut || this.closed) return;
    this.writeShut = true;
    this.socket.end();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    const socket = this.socket;
    const unread = this.queuedBytes > 0;
    this.discardQueue();
    if (!this.connected || this.failed || socket.destroyed) {
      socket.destroy();
    } else if (unread) {
      // As a BSD stack does, closing with unread data resets the connection.
      socket.resetAndDestroy();
    } else {
      // Keep reading (and dropping) so the peer is not stalled, flush, FIN, then release the handle.
      socket.resume();
      if (!socket.writableEnded) socket.end();
      if (socket.writableFinished) socket.destroy();
      else socket.once('finish', () => socket.destroy());
    }
  }

  abort(): void {
    if (this.closed) return;
    this.closed = true;
    this.discardQueue();
    if (this.connected && !this.failed && !this.socket.destroyed) this.socket.resetAndDestroy();
    else this.socket.destroy();
  }

  setOption(option: PortOption, value: number): number {
    switch (option) {
      case 'nodelay':
        this.socket.setNoDelay(value !== 0);
        return 0;
      case 'keepalive':
        this.keepAlive = value !== 0;
        this.applyKeepAlive();
        return 0;
      case 'keepidle':
        if (!Number.isInteger(value) || value < 1 || value > MAX_KEEPIDLE) return EINVAL;
        this.keepIdleSeconds = value;
        if (this.keepAlive) this.applyKeepAlive();
        return 0;
      case 'rcvbuf':
        if (!(value >= 0)) return EINVAL;
        this.receiveBudget = Math.max(MIN_BUDGET, value);
        this.applyReceiveBudget();
        return 0;
      case 'sndbuf':
        if (!(value >= 0)) return EINVAL;
        this.sendBudget = Math.max(MIN_BUDGET, value);
        if (this.wantsWritable) process.nextTick(this.onFlushed);
        return 0;
      default:
        return ENOPROTOOPT;
    }
  }

  private applyKeepAlive(): void {
    // An initial delay of 0 leaves the system's idle time in place.
    this.socket.setKeepAlive(this.keepAlive, this.keepIdleSeconds * 1000);
  }

  /** Pauses the socket while the queue is at the budget, resumes it below. */
  private applyReceiveBudget(): void {
    if (this.closed) return;
    const full = this.queuedBytes >= this.receiveBudget;
    if (full && !this.readPaused) {
      this.readPaused = true;
      this.socket.pause();
    } else if (!full && this.readPaused) {
      this.readPaused = false;
      this.socket.resume();
    }
  }

  private discardQueue(): void {
    this.chunks.length = 0;
    this.headOffset = 0;
    this.queuedBytes = 0;
  }

  private readonly onConnect = (): void => {
    if (this.closed || this.failed) return;
    this.connected = true;
    const socket = this.socket;
    this.localEndpoint = endpointFromText(socket.localAddress, socket.localPort, this.family);
    this.remoteEndpoint = endpointFromText(socket.remoteAddress, socket.remotePort, this.family);
    this.events.connected();
    if (!this.closed && !this.failed) this.events.writable();
  };

  private readonly onData = (chunk: Buffer): void => {
    if (this.closed) return;
    this.chunks.push(chunk);
    this.queuedBytes += chunk.length;
    this.applyReceiveBudget();
    this.events.readable();
  };

  private readonly onEnd = (): void => {
    if (this.closed) return;
    this.peerFinished = true;
    this.events.readable();
  };

  private readonly onError = (error: Error): void => {
    if (this.closed || this.failed) return;
    this.failed = true;
    this.events.error(errnoFromNodeError(error));
  };

  /**
   * Someone found no room: fire writable once Node has flushed what it holds.
   * An empty write's callback runs after every byte before it went out, so
   * ordinary writes need no callback of their own.
   */
  private awaitRoom(): void {
    this.wantsWritable = true;
    if (this.flushWatched || !this.connected || this.failed || this.closed || this.writeShut) return;
    this.flushWatched = true;
    this.socket.write(NOTHING, this.onFlushWatch);
  }

  private readonly onFlushWatch = (error?: Error | null): void => {
    this.flushWatched = false;
    this.onFlushed(error);
  };

  private readonly onFlushed = (error?: Error | null): void => {
    if (error || this.closed || this.failed || !this.wantsWritable) return;
    if (this.room() > 0) {
      this.wantsWritable = false;
      this.events.writable();
    }
  };
}

/** Starts a connection to `remote`, from `local` when given; returns it or an errno. */
export function tcpConnect(
  remote: Endpoint,
  local: Endpoint | null,
  events: TcpEvents,
  budgets: TcpBudgets,
): NodeTcpConnection | number {
  if (addressLength(remote.family) === 0) return EAFNOSUPPORT;
  if (!isValidEndpoint(remote)) return EINVAL;
  if (local && (local.family !== remote.family || !isValidEndpoint(local))) return EINVAL;
  const socket = new Socket({ allowHalfOpen: true });
  const start = local ? copyEndpoint(local) : endpointFromText(undefined, 0, remote.family);
  const connection = new NodeTcpConnection(socket, remote.family, events, budgets, false, start, copyEndpoint(remote));
  const localAddress = local && local.addr.some((byte) => byte !== 0) ? addressToText(local.addr) : undefined;
  try {
    socket.connect({
      host: addressToText(remote.addr),
      port: remote.port,
      family: remote.family === AF_INET ? 4 : 6,
      ...(localAddress !== undefined ? { localAddress } : {}),
      ...(local && local.port !== 0 ? { localPort: local.port } : {}),
    });
  } catch (error) {
    socket.destroy();
    return errnoFromNodeError(error);
  }
  return connection;
}
