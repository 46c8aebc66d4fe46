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
import type { Endpoint, Port } from '../../lib/port';
import type { Host, MockNetwork } from '../../ports/node-mock/index';
import { bytes_of, parse_ipv4, text_of, type EmulationHost, type EmulationOptions, type EmulationStats } from './emulation-base';
import { EmulatedDgram, EmulatedServer, EmulatedSocket } from './emulation-sockets';

export { CHUNK, UDP_RECEIVE_MAX, type EmulationOptions, type EmulationStats } from './emulation-base';

export class EspruinoEmulation implements EmulationHost {
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

  checkString(value: unknown, where: string): string {
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
