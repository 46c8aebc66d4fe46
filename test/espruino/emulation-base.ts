/** What the emulation's sockets share: Espruino's constants, its event emitter, byte/string conversions. */
import { ECONNREFUSED, ECONNRESET, EHOSTUNREACH, ENETUNREACH, ETIMEDOUT } from '../../lib/errno';
import type { Port } from '../../lib/port';
import type { Host, MockNetwork } from '../../ports/node-mock/index';

/** Espruino's network chunk: the most one `data` event or one send pass carries. */
export const CHUNK = 536;
/** The most of a datagram Espruino delivers: the chunk less its 8-byte UDP header (measured: longer ones arrive cut to 528). */
export const UDP_RECEIVE_MAX = CHUNK - 8;

export interface EmulationOptions {
  /** 'throw': net.connect throws on a refused port (Linux); 'error': an `error` event follows (boards). */
  refusedConnect: 'throw' | 'error';
}

export const SHARED_OWNER = {};

export type Listener = (...args: never[]) => void;

/** Espruino's event emitter shape: on(event, fn), several listeners per event. */
export class Emitter {
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

export function text_of(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

export function bytes_of(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export function parse_ipv4(text: string): Uint8Array {
  const parts = String(text).split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) throw new Error('emulation: not an IPv4 literal: ' + text);
  return new Uint8Array(parts);
}

export function ipv4_text(addr: Uint8Array): string {
  return `${addr[0]}.${addr[1]}.${addr[2]}.${addr[3]}`;
}

/** Espruino's error codes (socketerrors.h) for what the simulated network reports. */
export function espruino_code(errno: number): number {
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

/** What a socket of the emulation needs from the emulation that made it. */
export interface EmulationHost {
  readonly net: MockNetwork;
  readonly host: Host;
  readonly port: Port;
  readonly stats: EmulationStats;
  /** Runs `fn` in a later turn, as Espruino runs every socket callback from its idle loop. */
  queue(fn: () => void): void;
  /** `value` when it is a string; otherwise counts and throws, as Espruino cannot take it. */
  checkString(value: unknown, where: string): string;
}
