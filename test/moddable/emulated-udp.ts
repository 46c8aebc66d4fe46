/**
 * Test-only emulation of `embedded:io/socket/udp` as the Moddable SDK's
 * Linux class behaves (modules/io/socket/lin/udp.c): binds every address on
 * `port` (a port another UDP socket holds: "bind failed" at once); no
 * address, multicast, onWritable or onError. Each 20 ms tick
 * takes at most one datagram from the OS socket (2048 bytes at most; an
 * empty one is dropped), queues it (at most 100: the oldest go) and calls
 * onReadable(queued). read() gives an ArrayBuffer with .address and .port,
 * or undefined; write(buffer, address, port) answers undefined and throws
 * when the OS refuses.
 */
import type { Endpoint, Port, UdpSocket } from '../../lib/port';
import { ipv4Bytes, ipv4Text } from '../../ports/moddable/address';
import type { Datagram, IoBuffer } from '../../ports/moddable/host';
import { TICK_MS, type EmulationStats } from './emulated-tcp';
import type { TimerService } from './emulated-timers';

export const UDP_QUEUE = 100;
const RECEIVE_BUFFER = 2048;

export function emulatedUdpClass(backend: Port, timers: TimerService, stats: EmulationStats) {
  /** Ports bound by this runtime's UDP sockets: bind() without SO_REUSEADDR refuses a second one at once. */
  const bound = new Set<number>();
  return class UDP {
    private socket: UdpSocket | null;
    private readonly queue: Datagram[] = [];
    private readonly onReadable: ((packets: number) => void) | undefined;
    private readonly target: unknown;
    private timer: unknown = null;
    private boundPort = 0;
    private readonly scratch = new Uint8Array(RECEIVE_BUFFER);
    private readonly from: Endpoint = { family: 1, addr: new Uint8Array(16), port: 0 };

    constructor(options: { port?: number; onReadable?: (packets: number) => void; format?: string; target?: unknown }) {
      if (options.format !== undefined && options.format !== 'buffer') throw new RangeError('unimplemented');
      const port = options.port === undefined ? 0 : Number(options.port) | 0;
      if (port < 0 || port > 65535) throw new RangeError('invalid port');
      this.onReadable = typeof options.onReadable === 'function' ? options.onReadable : undefined;
      this.target = options.target;
      if (port !== 0 && bound.has(port)) throw new Error('bind failed');
      const events = { readable: () => {}, writable: () => {}, error: () => {} };
      const socket = backend.udpOpen({ family: 1, addr: new Uint8Array(4), port }, events, false);
      if (typeof socket === 'number') throw new Error('bind failed');
      this.socket = socket;
      this.boundPort = socket.local.port;
      bound.add(this.boundPort);
      stats.live.add(this);
      this.timer = timers.add(TICK_MS, this.tick);
    }

    read(): Datagram | undefined {
      if (!this.socket) throw new Error('closed');
      return this.queue.shift();
    }

    write(buffer: IoBuffer, address: string, port: number): undefined {
      const socket = this.socket;
      if (!socket) throw new Error('closed');
      const data = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      // inet_addr() of anything but dotted IPv4 is 255.255.255.255, which sendto refuses without SO_BROADCAST.
      const addr = ipv4Bytes(String(address));
      if (!addr) throw new Error('sendto failed');
      const err = socket.send(data, { family: 1, addr, port: Number(port) | 0 });
      if (err !== 0) throw new Error('sendto failed');
      return undefined;
    }

    close(): void {
      if (!this.socket) return;
      this.socket.close();
      this.socket = null;
      bound.delete(this.boundPort);
      this.queue.length = 0;
      if (this.timer !== null) timers.remove(this.timer);
      this.timer = null;
      stats.live.delete(this);
    }

    private readonly tick = (): void => {
      this.timer = null;
      const socket = this.socket;
      if (!socket) return;
      this.timer = timers.add(TICK_MS, this.tick);
      if (socket.nextSize() < 0) return;
      const size = socket.receive(this.scratch, this.from, false);
      const length = Math.min(size, RECEIVE_BUFFER);
      if (length <= 0) return;
      const packet = new ArrayBuffer(length) as Datagram;
      new Uint8Array(packet).set(this.scratch.subarray(0, length));
      packet.address = ipv4Text(this.from.addr);
      packet.port = this.from.port;
      this.queue.push(packet);
      while (this.queue.length > UDP_QUEUE) this.queue.shift();
      if (this.onReadable) this.onReadable.call(this.target === undefined ? this : this.target, this.queue.length);
    };
  };
}
