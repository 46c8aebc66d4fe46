/**
 * Test-only emulation of `embedded:io/socket/tcp` and `listener` as the
 * Moddable SDK's Linux classes behave (modules/io/socket/lin/tcp.c, and
 * reference/moddable.md "Measured on the real runtime"), over any zsockjs
 * Port as the operating system's sockets: the simulated network or Node's.
 *
 * - every socket polls on its own 20 ms tick; callbacks land on ticks;
 * - a 1536-byte receive buffer; onWritable always reports 1536, ~20 ms
 *   after the connection is up and after each write, when the socket can
 *   take 1536 bytes; write past the room (or before the first onWritable)
 *   throws "would block" and answers the room left;
 * - read() with nothing buffered is undefined; read(n) past what is held
 *   throws "invalid"; read(buffer) fills the buffer and answers its length;
 * - a refused connect, the peer's FIN and a reset are one argument-less
 *   onError, after the buffered bytes were offered; once it happened the
 *   tick stops, so an error found while bytes were held is never announced
 *   (as in tcp.c, where the tick returns early on error);
 * - write() after onError still sends (unless the connection broke);
 *   close() twice is harmless, read() after close throws.
 * - Listener: binds every address on `port` (0: ephemeral, read back from
 *   `.port`), no onError; each tick accepts what is pending and calls
 *   onReadable(total pending); read() gives a bare TCP for `from`.
 */
import type { Endpoint, Port, TcpConnection, TcpEvents, TcpListener } from '../../lib/port';
import { ipv4Bytes, ipv4Text } from '../../ports/moddable/address';
import type { IoBuffer, TcpClassOptions } from '../../ports/moddable/host';
import type { TimerService } from './emulated-timers';

export const TICK_MS = 20;
export const TCP_BUFFER = 1536;
const WRITABLE = 1;
const READABLE = 2;
const ERROR = 4;

export interface EmulationStats {
  /** Bytes the class wrote that the OS socket did not take (tcp.c drops them). */
  lostBytes: number;
  /** Every emulated socket and timer still alive. */
  live: Set<unknown>;
}

function bytesOf(buffer: IoBuffer): Uint8Array {
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  if (buffer && typeof buffer === 'object' && (buffer as Uint8Array).buffer instanceof ArrayBuffer) {
    const view = buffer as Uint8Array;
    return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  }
  throw new TypeError('not a buffer');
}

type Callback = ((...args: number[]) => void) | undefined;

export function emulatedTcpClasses(backend: Port, timers: TimerService, stats: EmulationStats) {
  class TCP {
    private conn: TcpConnection | null = null;
    private backendConnected = false;
    private backendError = 0;
    private connected = false;
    private error = false;
    private done = false;
    private triggerable = 0;
    private triggered = 0;
    private bytesWritable = 0;
    private bytesReadable = 0;
    private readPosition = 0;
    private readonly readBuf = new Uint8Array(TCP_BUFFER);
    private onReadable: Callback;
    private onWritable: Callback;
    private onError: Callback;
    private target: unknown;
    private timer: unknown = null;
    /** Whom the backend connection's events reach; `from` hands it over. */
    private sink: { owner: TCP } = { owner: this };

    constructor(options?: TcpClassOptions & { format?: string; target?: unknown }) {
      stats.live.add(this);
      if (options === undefined) return; // a bare socket for Listener.read()
      if (options.format !== undefined && options.format !== 'buffer') throw new RangeError('unimplemented');
      this.onReadable = typeof options.onReadable === 'function' ? options.onReadable : undefined;
      this.onWritable = typeof options.onWritable === 'function' ? options.onWritable : undefined;
      this.onError = typeof options.onError === 'function' ? options.onError : undefined;
      this.target = options.target;
      this.triggerable = (this.onReadable ? READABLE : 0) | (this.onWritable ? WRITABLE : 0) | (this.onError ? ERROR : 0);
      let triggered = 0;
      if (options.from !== undefined) {
        const from = options.from as unknown as TCP;
        if (!(from instanceof TCP) || !from.conn) throw new Error('invalid from');
        this.conn = from.conn;
        this.backendConnected = from.backendConnected;
        this.backendError = from.backendError;
        this.bytesWritable = from.bytesWritable;
        this.bytesReadable = from.bytesReadable;
        this.error = from.error;
        this.readBuf.set(from.readBuf);
        this.readPosition = from.readPosition;
        this.sink = from.sink;
        this.sink.owner = this;
        from.conn = null;
        from.release();
        if (this.bytesWritable) triggered |= WRITABLE;
        if (this.bytesReadable) triggered |= READABLE;
        if (this.error) triggered |= ERROR;
      } else {
        const addr = ipv4Bytes(String(options.address));
        if (!addr) {
          stats.live.delete(this);
          throw new Error('invalid address');
        }
        const port = Number(options.port) | 0;
        if (port < 0 || port > 65535 || Number(options.port) !== port) {
          stats.live.delete(this);
          throw new RangeError('invalid port');
        }
        const remote: Endpoint = { family: 1, addr, port };
        const conn = backend.tcpConnect(remote, null, this.events());
        if (typeof conn === 'number') this.backendError = conn;
        else this.conn = conn;
      }
      if (options.nodelay !== undefined && this.conn) this.conn.setOption('nodelay', options.nodelay ? 1 : 0);
      this.schedule();
      this.trigger(triggered);
    }

    /** Gives an accepted backend connection to this bare socket (Listener.read). */
    adoptAccepted(listener: TcpListener): boolean {
      const conn = listener.accept(this.events());
      if (!conn) return false;
      this.conn = conn;
      this.backendConnected = true;
      return true;
    }

    get remoteAddress(): string | undefined {
      this.check();
      return this.conn ? ipv4Text(this.conn.remote.addr) : undefined;
    }

    get remotePort(): number | undefined {
      this.check();
      return this.conn ? this.conn.remote.port : undefined;
    }

    read(arg?: number | IoBuffer): number | ArrayBuffer | undefined {
      this.check();
      if (!this.bytesReadable) return undefined;
      let requested: number;
      let out: Uint8Array;
      let result: number | ArrayBuffer;
      if (arg === undefined) {
        requested = this.bytesReadable;
        result = new ArrayBuffer(requested);
        out = new Uint8Array(result);
      } else if (typeof arg === 'object') {
        out = bytesOf(arg);
        requested = out.length;
        result = requested;
      } else {
        requested = Number(arg) | 0;
        result = new ArrayBuffer(requested > 0 && requested <= this.bytesReadable ? requested : 0);
        out = new Uint8Array(result);
      }
      if (requested <= 0 || requested > this.bytesReadable) throw new Error('invalid');
      out.set(this.readBuf.subarray(this.readPosition, this.readPosition + requested));
      this.readPosition += requested;
      this.bytesReadable -= requested;
      // tcp.c triggers the error here, but its tick no longer reports triggers once error is set.
      if (this.error && !this.bytesReadable) this.trigger(ERROR);
      return result;
    }

    write(buffer: IoBuffer): number | undefined {
      this.check();
      const data = bytesOf(buffer);
      if (data.length > this.bytesWritable) throw new Error('would block');
      this.bytesWritable -= data.length;
      if (!this.conn || this.backendError) {
        this.trigger(ERROR);
        return undefined;
      }
      const taken = data.length > 0 ? this.conn.write(data) : 0;
      stats.lostBytes += data.length - taken;
      return this.bytesWritable;
    }

    close(): void {
      if (this.done) return;
      if (this.conn) this.conn.close();
      this.conn = null;
      this.release();
    }

    private release(): void {
      this.done = true;
      this.triggered = 0;
      if (this.timer !== null) timers.remove(this.timer);
      this.timer = null;
      stats.live.delete(this);
    }

    private check(): void {
      if (this.done) throw new Error('closed');
    }

    private events(): TcpEvents {
      const sink = this.sink;
      return {
        connected: () => {
          sink.owner.backendConnected = true;
        },
        readable: () => {},
        writable: () => {},
        error: (errno: number) => {
          sink.owner.backendError = errno;
        },
      };
    }

    private schedule(): void {
      this.timer = timers.add(TICK_MS, this.tick);
    }

    private readonly tick = (): void => {
      this.timer = null;
      if (this.done) return;
      this.schedule();
      if (this.error) return;
      const conn = this.conn;
      const failed = this.backendError !== 0 || !conn;
      // select(): writable once connected (or failed), and able to take a whole buffer.
      if (!this.connected || this.bytesWritable !== TCP_BUFFER) {
        const writable = failed || (this.backendConnected && conn!.room() >= TCP_BUFFER);
        if (writable) {
          this.connected = true;
          if (this.bytesWritable !== TCP_BUFFER) {
            this.bytesWritable = TCP_BUFFER;
            this.trigger(WRITABLE);
          }
        }
      }
      if (this.bytesReadable < TCP_BUFFER) {
        const pending = conn ? conn.available() : 0;
        if (pending > 0 || failed || conn!.finished()) {
          if (this.readPosition) {
            if (this.bytesReadable) this.readBuf.set(this.readBuf.subarray(this.readPosition, this.readPosition + this.bytesReadable));
            this.readPosition = 0;
          }
          const got = pending > 0 ? conn!.read(this.readBuf.subarray(this.bytesReadable, TCP_BUFFER)) : 0;
          if (got > 0) {
            this.bytesReadable += got;
            this.trigger(READABLE);
          } else {
            this.error = true;
            if (this.bytesReadable === 0) this.trigger(ERROR);
          }
        }
      }
      if (this.triggered) this.report();
    };

    private report(): void {
      const triggered = this.triggered;
      this.triggered = 0;
      const self = this.target === undefined ? this : this.target;
      if (triggered & WRITABLE && this.bytesWritable && !this.error) this.onWritable!.call(self, this.bytesWritable);
      if (triggered & READABLE && this.bytesReadable && !this.done) this.onReadable!.call(self, this.bytesReadable);
      if (triggered & ERROR && !this.done) this.onError!.call(self);
    }

    private trigger(bits: number): void {
      if (bits & ERROR) this.error = true;
      this.triggered |= bits & this.triggerable;
    }
  }

  class Listener {
    private listener: TcpListener | null;
    private readonly pending: TCP[] = [];
    private readonly onReadable: Callback;
    private readonly target: unknown;
    private timer: unknown = null;

    constructor(options: { port?: number; onReadable?: (requests: number) => void; format?: string; target?: unknown }) {
      const port = options.port === undefined ? 0 : Number(options.port) | 0;
      if (port < 0 || port > 65535) throw new RangeError('invalid port');
      if (options.format !== undefined && options.format !== 'socket/tcp') throw new RangeError('unimplemented');
      this.onReadable = typeof options.onReadable === 'function' ? options.onReadable : undefined;
      this.target = options.target;
      const events = { acceptable: () => {}, error: () => {} };
      const listener = backend.tcpListen({ family: 1, addr: new Uint8Array(4), port }, 128, events, false);
      if (typeof listener === 'number') throw new Error('bind socket failed');
      this.listener = listener;
      stats.live.add(this);
      this.timer = timers.add(TICK_MS, this.tick);
    }

    get port(): number | undefined {
      return this.listener ? this.listener.local.port : undefined;
    }

    read(): TCP | undefined {
      if (!this.listener) throw new Error('closed');
      return this.pending.shift();
    }

    close(): void {
      if (!this.listener) return;
      this.listener.close();
      this.listener = null;
      for (const socket of this.pending) socket.close();
      this.pending.length = 0;
      if (this.timer !== null) timers.remove(this.timer);
      this.timer = null;
      stats.live.delete(this);
    }

    private readonly tick = (): void => {
      this.timer = null;
      const listener = this.listener;
      if (!listener) return;
      this.timer = timers.add(TICK_MS, this.tick);
      let sockets = 0;
      while (listener.pending() > 0) {
        const bare = new TCP();
        if (!bare.adoptAccepted(listener)) {
          bare.close();
          break;
        }
        this.pending.push(bare);
        sockets++;
      }
      if (!sockets || !this.onReadable) return;
      this.onReadable.call(this.target === undefined ? this : this.target, this.pending.length);
    };
  }

  return { TCP, Listener };
}
