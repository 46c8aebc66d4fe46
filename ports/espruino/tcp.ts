/**
 * A TCP connection over an Espruino socket. Received strings are queued and
 * copied into the caller's buffer. Espruino's write() always answers false
 * and `drain` fires once its send buffer is empty, so the port itself bounds
 * what it has handed to write() before the next `drain`: room() is that
 * budget minus the bytes in flight, and `drain` opens it again.
 */
import { EINVAL, ENOPROTOOPT, EPIPE } from '../../lib/errno';
import type { Endpoint, PortOption, TcpConnection, TcpEvents } from '../../lib/port';
import { errno_of } from './address';
import type { EspruinoError, EspruinoRuntime, EspruinoSocket } from './runtime';

/** Smallest send budget an option may set: one segment of Espruino's 536-byte chunks. */
const MIN_SEND_BUDGET = 536;

export class EspruinoTcpConnection implements TcpConnection {
  readonly local: Endpoint;
  readonly remote: Endpoint;
  private socket: EspruinoSocket | null = null;
  private events: TcpEvents | null;
  private readonly runtime: EspruinoRuntime;
  private readonly chunks: string[] = [];
  /** Characters of chunks[0] already read. */
  private headOffset = 0;
  private queued = 0;
  private sendBudget: number;
  /** Bytes handed to write() since the last `drain`. */
  private inFlight = 0;
  private connected = false;
  private peerFinished = false;
  /** The interpreter closed the socket (its `close` event): nothing can be sent. */
  private socketClosed = false;
  private failed = false;
  private closed = false;
  /** Events that arrived while the connection waited in a listener's backlog. */
  private pendingReadable = false;
  private pendingError = 0;

  constructor(runtime: EspruinoRuntime, events: TcpEvents | null, sendBudget: number, local: Endpoint, remote: Endpoint) {
    this.runtime = runtime;
    this.events = events;
    this.sendBudget = sendBudget;
    this.local = local;
    this.remote = remote;
  }

  /** Takes the interpreter's socket and listens to it; `connected` for an accepted one. */
  attach(socket: EspruinoSocket, connected: boolean): void {
    this.socket = socket;
    this.connected = connected;
    socket.on('data', (data) => this.onData(data));
    socket.on('drain', () => this.onDrain());
    socket.on('end', () => this.onEnd());
    socket.on('close', () => {
      this.socketClosed = true;
      this.onEnd();
    });
    socket.on('error', (error) => this.onError(error));
  }

  /** The socket's handshake finished (the connect callback). */
  onConnected(): void {
    if (this.closed || this.failed || this.connected) return;
    this.connected = true;
    const events = this.events!;
    events.connected();
    if (!this.closed && !this.failed) events.writable();
  }

  /** Reports `errno` once; the handle then only answers close(). */
  fail(errno: number): void {
    if (this.closed || this.failed) return;
    this.failed = true;
    if (this.events) this.events.error(errno);
    else this.pendingError = errno;
  }

  /** Gives a connection from a listener's backlog its owner's events. */
  adopt(events: TcpEvents): void {
    this.events = events;
    this.runtime.setTimeout(() => {
      if (this.closed) return;
      if (this.failed) {
        if (this.pendingError) events.error(this.pendingError);
        return;
      }
      events.writable();
      if (this.pendingReadable) events.readable();
    }, 0);
  }

  available(): number {
    return this.queued;
  }

  finished(): boolean {
    return this.peerFinished && this.queued === 0;
  }

  read(into: Uint8Array): number {
    let copied = 0;
    while (copied < into.length && this.chunks.length > 0) {
      const head = this.chunks[0]!;
      const end = Math.min(head.length, this.headOffset + into.length - copied);
      for (let i = this.headOffset; i < end; i++) into[copied++] = head.charCodeAt(i);
      this.headOffset = end;
      if (end === head.length) {
        this.chunks.shift();
        this.headOffset = 0;
      }
    }
    this.queued -= copied;
    return copied;
  }

  room(): number {
    if (!this.connected || this.failed || this.closed) return 0;
    return Math.max(0, this.sendBudget - this.inFlight);
  }

  write(data: Uint8Array): number {
    const count = Math.min(this.room(), data.length);
    if (count === 0) return 0;
    if (this.socketClosed) {
      // The peer closed and Espruino with it: a write now is a broken pipe.
      this.runtime.setTimeout(() => this.fail(EPIPE), 0);
      return 0;
    }
    const text = this.runtime.E.toString(count === data.length ? data : data.subarray(0, count));
    // Out of memory for the string: nothing was taken; `drain` (or the timer) offers room again.
    if (typeof text !== 'string') {
      this.runtime.setTimeout(() => this.onDrain(), 10);
      return 0;
    }
    try {
      this.socket!.write(text);
    } catch (error) {
      this.socketClosed = true;
      this.runtime.setTimeout(() => this.fail(EPIPE), 0);
      return 0;
    }
    this.inFlight += count;
    return count;
  }

  shutdownWrite(): void {
    // Not offered (capabilities.halfClose is false): end() closes both ways.
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.chunks.splice(0);
    this.queued = 0;
    if (this.socket) this.socket.end();
  }

  /** Espruino cannot send a reset: the connection ends as close() does. */
  abort(): void {
    this.close();
  }

  setOption(option: PortOption, value: number): number {
    if (option !== 'sndbuf') return ENOPROTOOPT;
    if (!(value >= 0)) return EINVAL;
    this.sendBudget = Math.max(MIN_SEND_BUDGET, value);
    if (this.room() > 0 && this.events) this.events.writable();
    return 0;
  }

  private onData(data: string): void {
    if (this.closed || data.length === 0) return;
    this.chunks.push(data);
    this.queued += data.length;
    this.signalReadable();
  }

  private onDrain(): void {
    this.inFlight = 0;
    if (this.closed || this.failed || !this.connected || !this.events) return;
    this.events.writable();
  }

  /** `end` and `close` (which may come twice) both mean the peer is done. */
  private onEnd(): void {
    if (this.closed || this.failed) return;
    if (!this.connected) {
      // Closed before the handshake finished: a board's way of refusing.
      this.fail(errno_of(undefined, false));
      return;
    }
    if (this.peerFinished) return;
    this.peerFinished = true;
    this.signalReadable();
  }

  private onError(error: EspruinoError): void {
    this.fail(errno_of(error, this.connected));
  }

  private signalReadable(): void {
    if (this.events) this.events.readable();
    else this.pendingReadable = true;
  }
}
