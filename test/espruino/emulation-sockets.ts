/** The emulation's sockets: net's client and server sockets, its server, and dgram's socket. */
import { AF_INET } from '../../lib/constants';
import { ECONNRESET } from '../../lib/errno';
import type { Endpoint, TcpConnection, TcpListener, UdpSocket } from '../../lib/port';
import {
  bytes_of,
  CHUNK,
  Emitter,
  espruino_code,
  ipv4_text,
  parse_ipv4,
  SHARED_OWNER,
  text_of,
  UDP_RECEIVE_MAX,
  type EmulationHost,
  type Listener,
} from './emulation-base';

export class EmulatedSocket extends Emitter {
  /** net.connect was given a callback: a `connect` listener as well aborts the interpreter (measured). */
  connectCallback = false;
  private connection: TcpConnection | null = null;
  private connected = false;
  private sendData = '';
  private closeWhenSent = false;
  private done = false;
  private reading = false;
  private readonly buffer = new Uint8Array(CHUNK);

  constructor(private readonly emulation: EmulationHost) {
    super();
  }

  private emit(event: string, ...args: unknown[]): void {
    this.emulation.queue(() => this.emitNow(event, args));
  }

  events() {
    return {
      connected: () => {
        this.connected = true;
        this.emit('connect', this);
        // Espruino fires drain on connect when nothing waits to be sent.
        if (this.sendData.length === 0) this.emitDrain();
        else this.pump();
      },
      readable: () => this.readPass(),
      writable: () => this.pump(),
      error: (errno: number) => {
        // A reset is seen as end and close(false), no error (measured).
        if (errno === ECONNRESET && this.connected) this.finish(false, 0);
        else this.finish(true, errno);
      },
    };
  }

  override on(event: string, listener: Listener): void {
    if (event === 'connect' && this.connectCallback) throw new Error('emulation: a connect callback and a connect listener both abort Espruino');
    super.on(event, listener);
  }

  attach(connection: TcpConnection, connected: boolean): void {
    this.connection = connection;
    this.connected = connected;
  }

  failLater(errno: number): void {
    this.emulation.queue(() => this.finish(true, errno));
  }

  write(data: unknown): boolean {
    const text = this.emulation.checkString(data, 'socket.write');
    if (this.done) throw new Error('This socket is closed');
    this.emulation.stats.writes++;
    this.sendData += text;
    const stats = this.emulation.stats;
    if (this.sendData.length > stats.maxPending) stats.maxPending = this.sendData.length;
    stats.writeAnswers.push(false);
    if (this.connected) this.emulation.queue(() => this.pump());
    return false;
  }

  end(): void {
    if (this.done) return;
    this.closeWhenSent = true;
    this.emulation.queue(() => this.pump());
  }

  private emitDrain(): void {
    this.emulation.stats.drains++;
    this.emit('drain', this);
  }

  /** One send pass: up to a chunk of what waits, as Espruino's idle loop sends. */
  private pump(): void {
    const connection = this.connection;
    if (!connection || this.done || !this.connected) return;
    if (this.sendData.length > 0) {
      const count = Math.min(CHUNK, this.sendData.length, connection.room());
      if (count > 0) {
        const taken = connection.write(bytes_of(this.sendData.slice(0, count)));
        this.sendData = this.sendData.slice(taken);
        if (this.sendData.length === 0) this.emitDrain();
        else if (taken > 0) this.emulation.queue(() => this.pump());
      }
    }
    if (this.sendData.length === 0 && this.closeWhenSent) {
      connection.close();
      this.finish(false, 0);
    }
  }

  /** One receive pass: at most one chunk per `data` event; more in later turns. */
  private readPass(): void {
    const connection = this.connection;
    if (!connection || this.done || this.reading) return;
    this.reading = true;
    this.emulation.queue(() => {
      this.reading = false;
      if (this.done) return;
      const n = connection.read(this.buffer);
      if (n > 0) {
        this.emulation.stats.dataChunks.push(n);
        this.emit('data', text_of(this.buffer.subarray(0, n)));
        if (connection.available() > 0 || connection.finished()) this.readPass();
        return;
      }
      if (connection.finished()) {
        connection.close();
        this.finish(false, 0);
      }
    });
  }

  /** Espruino's closing order: error (if any), end, close(hadError). */
  private finish(hadError: boolean, errno: number): void {
    if (this.done) return;
    this.done = true;
    if (hadError) this.emit('error', { code: espruino_code(errno), message: 'socket error' });
    this.emit('end');
    this.emit('close', hadError);
  }
}

export class EmulatedServer {
  private listener: TcpListener | null = null;

  constructor(
    private readonly emulation: EmulationHost,
    private readonly onConnection: (socket: EmulatedSocket) => void,
  ) {}

  listen(port: number): this {
    // Espruino sets SO_REUSEADDR and SO_REUSEPORT on every TCP server (Linux): its servers share one
    // owner, so only a foreign listener on the port makes listen() throw.
    const events = { acceptable: () => this.acceptAll(), error: () => {} };
    const listener = this.emulation.host.tcpListen({ family: AF_INET, addr: new Uint8Array(4), port }, 10, events, SHARED_OWNER);
    if (typeof listener === 'number') throw new Error('InternalError: Unable to create socket');
    this.listener = listener;
    return this;
  }

  private acceptAll(): void {
    const listener = this.listener;
    if (!listener) return;
    while (listener.pending() > 0) {
      const socket = new EmulatedSocket(this.emulation);
      const connection = listener.accept(socket.events());
      if (!connection) return;
      socket.attach(connection, true);
      this.emulation.queue(() => this.onConnection(socket));
    }
  }

  close(): void {
    if (this.listener) this.listener.close();
    this.listener = null;
  }
}

export class EmulatedDgram extends Emitter {
  private socket: UdpSocket | null = null;
  /** Set by addMembership; joined when the socket binds, as Espruino does. */
  private group: string | null = null;
  private closed = false;
  private readonly buffer = new Uint8Array(65536);
  private readonly from: Endpoint = { family: AF_INET, addr: new Uint8Array(4), port: 0 };

  constructor(
    private readonly emulation: EmulationHost,
    private readonly reuseAddr: boolean,
  ) {
    super();
  }

  private open(port: number): UdpSocket | number {
    const events = { readable: () => this.emulation.queue(() => this.deliver()), writable: () => {}, error: () => {} };
    // reuseAddr sockets share one owner, so they may share a port; others conflict.
    return this.emulation.host.udpOpen({ family: AF_INET, addr: new Uint8Array(4), port }, events, this.reuseAddr ? SHARED_OWNER : this);
  }

  bind(port: number, onBound?: () => void): this {
    // The callback runs even when the bind fails (measured).
    if (onBound) this.emulation.queue(() => onBound());
    const socket = this.open(port);
    if (typeof socket === 'number') throw new Error('InternalError: Unable to create socket');
    if (this.socket) this.socket.close();
    this.socket = socket;
    if (this.group) socket.membership({ family: AF_INET, addr: parse_ipv4(this.group), port: 0 }, true);
    return this;
  }

  addMembership(group: string, _address: string): void {
    this.group = group;
  }

  send(message: unknown, port: number, address: string): void {
    const text = this.emulation.checkString(message, 'dgram send');
    if (this.closed) throw new Error('This socket is closed');
    if (!this.socket) {
      const socket = this.open(0);
      if (typeof socket === 'number') return;
      this.socket = socket;
    }
    this.socket.send(bytes_of(text), { family: AF_INET, addr: parse_ipv4(address), port });
  }

  private deliver(): void {
    const socket = this.socket;
    if (!socket || this.closed) return;
    const size = socket.receive(this.buffer, this.from, false);
    if (size < 0) return;
    const length = Math.min(size, UDP_RECEIVE_MAX);
    this.emitNow('message', [text_of(this.buffer.subarray(0, length)), { address: ipv4_text(this.from.addr), port: this.from.port, size: length }]);
    if (socket.nextSize() >= 0) this.emulation.queue(() => this.deliver());
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.socket) this.socket.close();
    // The real interpreter fires close twice for a dgram socket.
    this.emulation.queue(() => this.emitNow('close', []));
    this.emulation.queue(() => this.emitNow('close', []));
  }
}
