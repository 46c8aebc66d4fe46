/**
 * Run by v8-memory.test.ts in a child `node --expose-gc`: the V8 heap per
 * idle socket, after a full GC, over rounds of 1000 sockets on the simulated
 * network. Prints one JSON line: the median per-socket bytes of each round.
 */
import { AF_INET, SOCK_DGRAM, SOCK_STREAM, htons, inet_tcp, inet_udp, sockaddr_in, zsock_bind, zsock_close, zsock_init, zsock_socket } from '../../lib/index';
import { createMockNetwork } from '../../ports/node-mock/index';

declare const gc: () => void;
declare const heapUsed: () => number;

const SOCKETS = 1000;
const ROUNDS = 9;

function heap(): number {
  gc();
  gc();
  return heapUsed();
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

const net = createMockNetwork({ seed: 1 });
const device = net.host('device', { ipv4: '192.0.2.1' });
zsock_init(net.port(device), [inet_tcp, inet_udp], { maxDescriptors: SOCKETS + 8 });

const address = new sockaddr_in();
address.sin_family = AF_INET;
address.sin_addr.s4_addr.set([192, 0, 2, 1]);

/** Bytes per socket: the core's (socket() only) and, for UDP, the core's and the port's once bound. */
function round(type: number, bind: boolean): { core: number; bound: number } {
  const fds: number[] = [];
  const empty = heap();
  for (let i = 0; i < SOCKETS; i++) fds.push(zsock_socket(AF_INET, type, 0));
  const open = heap();
  let bound = open;
  if (bind) {
    for (let i = 0; i < SOCKETS; i++) {
      address.sin_port = htons(20000 + i);
      zsock_bind(fds[i]!, address, 8);
    }
    bound = heap();
  }
  for (let i = 0; i < SOCKETS; i++) if (zsock_close(fds[i]!) !== 0) throw new Error('close failed');
  return { core: (open - empty) / SOCKETS, bound: (bound - empty) / SOCKETS };
}

const result: { [name: string]: number } = {};
for (const [name, type, bind] of [['udp', SOCK_DGRAM, true], ['tcp', SOCK_STREAM, false]] as const) {
  // A first round warms the shapes, the code and the descriptor table.
  round(type, bind);
  const core: number[] = [];
  const bound: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const one = round(type, bind);
    core.push(one.core);
    bound.push(one.bound);
  }
  result[name + 'Core'] = Math.round(median(core));
  if (bind) result[name + 'PortShare'] = Math.round(median(bound) - median(core));
}
console.log(JSON.stringify(result));
