/**
 * What the port uses of Espruino: its `net` and `dgram` modules, `E`'s
 * byte/string conversions, and its clock and timers. Only the calls the
 * interpreter really has (measured on 2v29: reference/espruino.md).
 */

/** An Espruino TCP socket: events carry strings (bytes as char codes 0-255). */
export interface EspruinoSocket {
  /** Received bytes, in chunks of at most 536. */
  on(event: 'data', listener: (data: string) => void): void;
  /** The handshake finished, the send buffer emptied, or the peer closed its side. */
  on(event: 'connect' | 'drain' | 'end', listener: () => void): void;
  /** The socket closed (it may fire twice). */
  on(event: 'close', listener: (hadError: boolean) => void): void;
  /** A failure: refused connect on boards, a broken connection. */
  on(event: 'error', listener: (error: EspruinoError) => void): void;
  /** Always returns false; `drain` follows once the socket's send buffer emptied. */
  write(data: string): boolean;
  /** Closes once everything written has been sent. Espruino has no reset. */
  end(): void;
}

/** The error object of an `error` event: a negative code (libs/network/socketerrors.h). */
export interface EspruinoError {
  code?: number;
  message?: string;
}

/** An Espruino TCP server, from `net.createServer`. */
export interface EspruinoServer {
  /** Throws (InternalError) when the port cannot be bound. */
  listen(port: number): unknown;
  /** Stops listening; accepted connections stay open. */
  close(): void;
}

/** Espruino's `net` module, the calls the port makes. */
export interface EspruinoNet {
  /** On Linux a refused connect throws here; on boards an `error` event follows. */
  connect(options: { host: string; port: number }, onConnect: (socket: EspruinoSocket) => void): EspruinoSocket;
  /** A server whose `onConnection` gets each accepted socket. */
  createServer(onConnection: (socket: EspruinoSocket) => void): EspruinoServer;
}

/** The sender of a datagram, as dgram's `message` event gives it. */
export interface EspruinoRemoteInfo {
  address: string;
  port: number;
  size: number;
}

/** An Espruino UDP socket, from `dgram.createSocket`. */
export interface EspruinoDgramSocket {
  /** One datagram (cut to 528 bytes on receive) and its sender. */
  on(event: 'message', listener: (message: string, info: EspruinoRemoteInfo) => void): void;
  /** The socket closed (it may fire twice). */
  on(event: 'close', listener: () => void): void;
  /** A failure reported by the interpreter. */
  on(event: 'error', listener: (error: EspruinoError) => void): void;
  /** Binds the port (throws when it is taken); the callback runs either way. */
  bind(port: number, onBound?: () => void): unknown;
  /** Strings only: a Uint8Array aborts the interpreter. */
  send(message: string, port: number, address: string): void;
  /** Takes effect at bind (it sets the group the bound socket joins). */
  addMembership?(group: string, address: string): void;
  /** Closes the socket; `close` follows. */
  close(): void;
}

/** Espruino's `dgram` module, the call the port makes. */
export interface EspruinoDgram {
  /** A UDP socket, unbound until `bind`. */
  createSocket(type: 'udp4' | { type: 'udp4'; reuseAddr?: boolean; recvBufferSize?: number }): EspruinoDgramSocket;
}

/** Espruino's global `E`, the parts the port uses. */
export interface EspruinoE {
  /** The bytes of a Uint8Array as one string; undefined when memory ran out. */
  toString(bytes: Uint8Array): string | undefined;
  /** A 32-bit random number from the hardware generator (the Linux build repeats its sequence). */
  hwRand?(): number;
}

/** The interpreter's modules and globals the port runs on; tests pass an emulation. */
export interface EspruinoRuntime {
  net: EspruinoNet;
  dgram: EspruinoDgram;
  E: EspruinoE;
  /** Seconds since start, as Espruino's getTime(). */
  getTime(): number;
  /** Runs `callback` once after `ms` milliseconds. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a timer of `setTimeout`. */
  clearTimeout(timer: unknown): void;
}

/** Espruino's `require`, which the Espruino build passes into the bundle under this name so no bundler resolves it. */
declare const ESPRUINO_REQUIRE: (name: string) => unknown;
declare const E: EspruinoE;
declare function getTime(): number;
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(timer: unknown): void;

/** The interpreter's own modules and globals: only valid on Espruino. */
export function espruino_runtime(): EspruinoRuntime {
  return {
    net: ESPRUINO_REQUIRE('net') as EspruinoNet,
    dgram: ESPRUINO_REQUIRE('dgram') as EspruinoDgram,
    E,
    getTime: () => getTime(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (timer) => clearTimeout(timer),
  };
}
