/**
 * What the port uses of Espruino: its `net` and `dgram` modules, `E`'s
 * byte/string conversions, and its clock and timers. Only the calls the
 * interpreter really has (measured on 2v29: reference/espruino.md).
 */

/** An Espruino TCP socket: events carry strings (bytes as char codes 0-255). */
export interface EspruinoSocket {
  on(event: 'data', listener: (data: string) => void): void;
  on(event: 'connect' | 'drain' | 'end', listener: () => void): void;
  on(event: 'close', listener: (hadError: boolean) => void): void;
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

export interface EspruinoServer {
  /** Throws (InternalError) when the port cannot be bound. */
  listen(port: number): unknown;
  close(): void;
}

export interface EspruinoNet {
  /** On Linux a refused connect throws here; on boards an `error` event follows. */
  connect(options: { host: string; port: number }, onConnect: (socket: EspruinoSocket) => void): EspruinoSocket;
  createServer(onConnection: (socket: EspruinoSocket) => void): EspruinoServer;
}

export interface EspruinoRemoteInfo {
  address: string;
  port: number;
  size: number;
}

export interface EspruinoDgramSocket {
  on(event: 'message', listener: (message: string, info: EspruinoRemoteInfo) => void): void;
  on(event: 'close', listener: () => void): void;
  on(event: 'error', listener: (error: EspruinoError) => void): void;
  /** Binds the port (throws when it is taken); the callback runs either way. */
  bind(port: number, onBound?: () => void): unknown;
  /** Strings only: a Uint8Array aborts the interpreter. */
  send(message: string, port: number, address: string): void;
  /** Takes effect at bind (it sets the group the bound socket joins). */
  addMembership?(group: string, address: string): void;
  close(): void;
}

export interface EspruinoDgram {
  createSocket(type: 'udp4' | { type: 'udp4'; reuseAddr?: boolean; recvBufferSize?: number }): EspruinoDgramSocket;
}

/** Espruino's global `E`, the parts the port uses. */
export interface EspruinoE {
  /** The bytes of a Uint8Array as one string; undefined when memory ran out. */
  toString(bytes: Uint8Array): string | undefined;
  hwRand?(): number;
}

/** The interpreter's modules and globals the port runs on; tests pass an emulation. */
export interface EspruinoRuntime {
  net: EspruinoNet;
  dgram: EspruinoDgram;
  E: EspruinoE;
  /** Seconds since start, as Espruino's getTime(). */
  getTime(): number;
  setTimeout(callback: () => void, ms: number): unknown;
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
