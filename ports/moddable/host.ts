/**
 * What the moddable port takes from the Moddable runtime: the three
 * ECMA-419 socket classes, the timer module, the tick clock and the network
 * module's resolver. Written as the classes really behave on the device and
 * on the Linux host (read(buffer) and write() return numbers; @moddable/typings
 * declares them void), so the port is typed against what runs. The device's
 * values come from ./device.ts; tests pass an emulation.
 */

/** A buffer as the classes take it: an ArrayBuffer or a view of one. */
export type IoBuffer = ArrayBuffer | Uint8Array;

/** An instance of `embedded:io/socket/tcp`. */
export interface TcpSocket {
  /** Fills `buffer` whole (throws past what is readable); returns its length. Undefined when nothing is readable. */
  read(buffer: Uint8Array): number | undefined;
  /** Sends all of `buffer` (throws "would block" past the room); returns the room left, or undefined if the class dropped it. */
  write(buffer: IoBuffer): number | undefined;
  /** Closes the connection (twice is harmless). */
  close(): void;
  readonly remoteAddress: string | undefined;
  readonly remotePort: number | undefined;
}

/** What `new TCP(options)` takes, as the port passes it. */
export interface TcpClassOptions {
  address?: string;
  port?: number;
  from?: TcpSocket;
  nodelay?: boolean;
  /** Bytes the class holds now. */
  onReadable?: (bytes: number) => void;
  /** Bytes the class takes now. */
  onWritable?: (bytes: number) => void;
  /** A refused connect, the peer's close or a reset: no argument tells which. */
  onError?: () => void;
}

/** The `embedded:io/socket/tcp` constructor. */
export type TcpClass = new (options: TcpClassOptions) => TcpSocket;

/** An instance of `embedded:io/socket/listener`. */
export interface ListenerSocket {
  /** A pending connection (pass it as `from`), or undefined. */
  read(): TcpSocket | undefined;
  /** Stops listening. */
  close(): void;
  readonly port: number;
}

/** The `embedded:io/socket/listener` constructor. */
export type ListenerClass = new (options: { port?: number; onReadable?: (requests: number) => void }) => ListenerSocket;

/** A datagram as `UDP.read()` returns it. */
export type Datagram = ArrayBuffer & { address: string; port: number };

/** An instance of `embedded:io/socket/udp`; add/remove exist where the platform has multicast. */
export interface UdpSocketInstance {
  /** The oldest queued datagram, or undefined. */
  read(): Datagram | undefined;
  /** Sends one datagram to a dotted IPv4 address; throws when the platform refuses. */
  write(buffer: IoBuffer, address: string, port: number): void;
  /** Closes the socket (twice is harmless). */
  close(): void;
  /** Joins a multicast group (ESP32's lwIP). */
  add?(group: string): void;
  /** Leaves a multicast group. */
  remove?(group: string): void;
}

/** The `embedded:io/socket/udp` constructor. */
export type UdpClass = (new (options: { port?: number; onReadable?: (packets: number) => void }) => UdpSocketInstance) & {
  prototype: UdpSocketInstance;
};

/** Moddable's `timer` module (the static half the port uses). */
export interface TimerModule {
  /** Runs `callback` once after `interval` ms (0: in a later turn). */
  set(callback: () => void, interval?: number): unknown;
  /** Cancels a timer `set` made. */
  clear(timer: unknown): void;
}

/** Moddable's `net` module: the platform's resolver and addresses. */
export interface NetModule {
  /** Resolves `host`; `address` is a dotted IPv4 text, or undefined when the name has none. */
  resolve(host: string, callback: (name: string, address: string | undefined) => void): void;
  /** This device's IPv4 address. */
  get(what: 'IP'): string | undefined;
  /** The DNS servers the network gave. */
  get(what: 'DNS'): string[] | undefined;
}

/** The runtime a moddable port runs on: classes, timer, clock and (optionally) resolver. */
export interface ModdableHost {
  TCP: TcpClass;
  Listener: ListenerClass;
  UDP: UdpClass;
  Timer: TimerModule;
  /** Milliseconds of the tick clock (`Time.ticks`). */
  ticks(): number;
  /** The network module where the build has one; without it, names go to the core's DNS client. */
  Net?: NetModule;
}
