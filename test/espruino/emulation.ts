/**
 * A test-only emulation of Espruino's `net` and `dgram`, `E`, getTime and
 * timers over one host of the simulated network, with the behaviour measured
 * on the real interpreter (reference/espruino.md): strings only, `data` in
 * chunks of at most 536 bytes, write() answering false with `drain` after,
 * callbacks queued to a later turn, a refused connect that throws inside
 * net.connect (Linux) or fires `error` (boards), a reset seen as end and
 * close(false), listen/bind throwing on a taken port, and a dgram `close`
 * that fires twice.
 */
import { AF_INET } from '../../lib/constants';
import { ECONNREFUSED, ECONNRESET, EHOSTUNREACH, ENETUNREACH, ETIMEDOUT } from '../../lib/errno';
import type { Endpoint, Port, TcpConnection, TcpListener, UdpSocket } from '../../lib/port';
import type { Host, MockNetwork } from '../../ports/node-mock/index';

/** Espruino's network chunk: the most one `data` event or one send pass carries. */
export const CHUNK = 536;
/** The most of a datagram Espruino delivers: the chunk less its 8-byte UDP header (measured: longer ones arrive cut to 528). */
export const UDP_RECEIVE_MAX = CHUNK - 8;

export interface EmulationOptions {
  /** 'throw': net.connect throws on a refused port (Linux); 'error': an `error` event follows (boards). */
  refusedConnect: 'throw' | 'error';
}

const SHARED_OWNER = {};

type Listener = (...args: never[]) => void;

/** Espruino's event emitter shape: on(event, fn), several listeners per event. */
class Emitter {
  private readonly handlers: Record<string, Listener[]> = {};
  on(event: string, listener: Listener): void {
    (this.handlers[event] ||= []).push(listener);
  }
  emitNow(event: string, args: unknown[]): void {
    const list = this.handlers[event];
    if (!list) return;
    for (const fn of list.slice()) (fn as (...a: unknown[]) => void)(...args);
  }
}

function text_of(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

function bytes_of(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function parse_ipv4(text: string): Uint8Array {
  const parts = String(text).split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) throw new Error('emulation: not an IPv4 literal: ' + text);
  return new Uint8Array(parts);
}

function ipv4_text(addr: Uint8Array): string {
  return `${addr[0]}.${addr[1]}.${addr[2]}.${addr[3]}`;
}

/** Espruino's error codes (socketerrors.h) for what the simulated network reports. */
function espruino_code(errno: number): number {
  if (errno === ETIMEDOUT) return -3;
  if (errno === EHOSTUNREACH || errno === ENETUNREACH) return -4;
  if (errno === ECONNRESET) return -9;
  if (errno === ECONNREFUSED) return -11;
  return -10;
}

/** What the emulation saw, for tests that pin the measured behaviour. */
export interface EmulationStats {
  /** Sizes of every `data` event delivered. */
  dataChunks: number[];
  /** write() calls and their answers. */
  writes: number;
  writeAnswers: boolean[];
  drains: number;
  /** Non-string arguments to write/send (the real interpreter sends "1,2,3" or aborts). */
  nonStrings: number;
  /** Times net.connect threw for a refused port. */
  connectThrows: number;
  /** The most bytes any socket held written but not yet sent (what write() took before `drain`). */
  maxPending: number;
}

export class EspruinoEmulation {
  readonly stats: EmulationStats = { dataChunks: [], writes: 0, writeAnswers: [], drains: 0, nonStrings: 0, connectThrows: 0, maxPending: 0 };
  readonly printed: string[] = [];
  readonly port: Port;

  constructor(
    readonly net: MockNetwork,
    readonly host: Host,
    readonly options: EmulationOptions = { refusedConnect: 'throw' },
  ) {
    this.port = net.port(host);
  }

  /** Runs `fn` in a later turn, as Espruino runs every socket callback from its idle loop. */
  queue(fn: () => void): void {
    this.port.defer(fn);
  }

  /** The globals the Espruino build's output reads: require, E, getTime, timers, print. */
  globals(): Record<string, unknown> {
    const modules: Record<string, unknown> = { net: this.netModule(), dgram: this.dgramModule() };
    return {
      require: (name: string) => {
        if (!(name in modules)) throw new Error('Module ' + name + ' not found');
        return modules[name];
      },
      E: {
        toString: (value: unknown) => {
          if (value && typeof value === 'object' && 'length' in (value as object)) return text_of(value as Uint8Array);
          return String(value);
        },
        toUint8Array: (text: string) => bytes_of(text),
      },
      getTime: () => this.port.now() / 1000,
      setTimeout: (fn: () => void, ms: number) => this.port.setTimer(ms > 0 ? ms : 0, fn),
      clearTimeout: (timer: unknown) => this.port.clearTimer(timer),
      print: (line: string) => this.printed.push(String(line)),
    };
  }

  private checkString(value: unknown, where: string): string {
    if (typeof value !== 'string') {
      this.stats.nonStrings++;
      throw new Error(`emulation: ${where} takes strings on Espruino (a Uint8Array is sent as text or aborts)`);
    }
    return value;
  }

  /** Would a connection to `remote` be refused now? Linux learns that inside connect(). */
  private refusedNow(remote: Endpoint): boolean {
    const target = this.net.hostFor(remote.addr) ?? (remote.addr[0] === 127 ? this.host : null);
    if (!target) return false;
    for (const addr of [new Uint8Array(4), remote.addr]) {
      const probe = target.tcpListen({ family: AF_INET, addr, port: remote.port }, 1, { acceptable() {}, error() {} }, {});
      if (typeof probe === 'number') return false;
      probe.close();
    }
    return true;
  }

  netModule() {
    return {
      connect: (options: { host: string; port: number }, onConnect: (socket: EmulatedSocket) => void) => {
        const remote: Endpoint = { family: AF_INET, addr: parse_ipv4(options.host), port: options.port };
        const socket = new EmulatedSocket(this);
        if (this.options.refusedConnect === 'throw' && this.refusedNow(remote)) {
          this.stats.connectThrows++;
          throw new Error('InternalError: Unable to create socket');
        }
        socket.on('connect', onConnect);
        socket.connectCallback = true;
        const connection = this.port.tcpConnect(remote, null, socket.events());
        if (typeof connection === 'number') {
          socket.failLater(connection);
        } else socket.attach(connection, false);
        return socket;
      },
      createServer: (onConnection: (socket: EmulatedSocket) => void) => new EmulatedServer(this, onConnection),
    };
  }

  dgramModule() {
    return {
      createSocket: (type: unknown) => new EmulatedDgram(this, typeof type === 'object' && type !== null && (type as { reuseAddr?: boolean }).reuseAddr === true),
    };
  }
}

class EmulatedSocket extends Emitter {
  /** net.connect was given a callback: a `connect` listener as well aborts the interpreter (measured). */
  connectCallback = false;
  private connection: TcpConnection | null = null;
  private connected = false;
  private sendData = '';
  private closeWhenSent = false;
  private done = false;
  private reading = false;
  private readonly buffer = new Uint8Array(CHUNK);

  constructor(private readonly emulation: EspruinoEmulation) {
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
    const text = this.emulation['checkString'](data, 'socket.write');
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

class EmulatedServer {
  private listener: TcpListener | null = null;

  constructor(
    private readonly emulation: EspruinoEmulation,
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

class EmulatedDgram extends Emitter {
  private socket: UdpSocket | null = null;
  /** Set by addMembership; joined when the socket binds, as Espruino does. */
  private group: string | null = null;
  private closed = false;
  private readonly buffer = new Uint8Array(65536);
  private readonly from: Endpoint = { family: AF_INET, addr: new Uint8Array(4), port: 0 };

  constructor(
    private readonly emulation: EspruinoEmulation,
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
    const text = this.emulation['checkString'](message, 'dgram send');
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
