/**
 * zsockjs/ports/espruino: the port over Espruino's `net` and `dgram`
 * modules. Bytes cross as strings (E.toString out, char codes in), never as
 * Uint8Array, which Espruino would send as "1,2,3" text or abort on. IPv4
 * only; what Espruino cannot do is in the README's capability table.
 *
 * @module
 */
import { EAFNOSUPPORT } from '../../lib/errno';
import type { Endpoint, ListenerEvents, Port, PortCapabilities, TcpConnection, TcpEvents, TcpListener, TimerId, UdpEvents, UdpSocket } from '../../lib/port';
import { AF_INET, endpoint, errno_of, ipv4_bytes, ipv4_text } from './address';
import { HeldPorts, tcp_listen } from './listener';
import { espruino_runtime, type EspruinoRuntime } from './runtime';
import { EspruinoTcpConnection } from './tcp';
import { udp_open } from './udp';

export type { EspruinoRuntime, EspruinoNet, EspruinoDgram, EspruinoSocket, EspruinoServer, EspruinoDgramSocket, EspruinoE } from './runtime';
export { espruino_runtime } from './runtime';

/** How `createEspruinoPort` is set up; every field has a default for a real board. */
export interface EspruinoPortOptions {
  /** The interpreter's modules; default: Espruino's own (`require('net')`, ...). */
  runtime?: EspruinoRuntime;
  /** TCP bytes handed to Espruino per connection before its `drain`. Default 1072 (two 536-byte chunks). */
  sendBuffer?: number;
  /** Queued UDP bytes per socket before datagrams are dropped. Default 2048. */
  udpReceiveBuffer?: number;
  /** Queued UDP datagrams per socket before datagrams are dropped. Default 8. */
  udpReceiveDatagrams?: number;
  /** This device's IPv4 addresses besides loopback, as text (Espruino does not tell them). */
  addresses?: readonly string[];
  /** DNS servers for the core's resolver, as IPv4 text. */
  dnsServers?: readonly string[];
  /** The board's dgram joins multicast groups (Linux, ESP32, ESP8266 builds do). Default true. */
  multicast?: boolean;
}

const LOOPBACK = new Uint8Array([127, 0, 0, 1]);
/**
 * Largest datagram send() takes: one Ethernet frame's payload. (Espruino
 * sends longer ones on Linux, but delivers at most 528 bytes of any
 * datagram it receives: its 536-byte chunk less an 8-byte header.)
 */
const MAX_DATAGRAM = 1472;
const DNS_PORT = 53;

/** What Espruino's net and dgram can do: the README's Espruino capability table. */
export const ESPRUINO_CAPABILITIES: PortCapabilities = {
  ipv6: false,
  halfClose: false,
  bindBeforeConnect: false,
  listenAddress: false,
  resetDistinct: false,
  multicast: true,
  broadcast: false,
  options: ['sndbuf'],
  resolver: false,
};

const NO_MULTICAST: PortCapabilities = Object.assign({}, ESPRUINO_CAPABILITIES, { multicast: false });

function texts_to_bytes(texts: readonly string[] | undefined): Uint8Array[] {
  const out: Uint8Array[] = [];
  if (!texts) return out;
  for (let i = 0; i < texts.length; i++) {
    const bytes = ipv4_bytes(texts[i]!);
    if (bytes) out.push(bytes);
  }
  return out;
}

/**
 * Makes a Port on Espruino's `net` and `dgram`, with Espruino's clock and timers. Install it with `zsock_init(createEspruinoPort(), [inet_tcp, inet_udp])`. zsockjs only; no Zephyr counterpart.
 */
export function createEspruinoPort(options?: EspruinoPortOptions): Port {
  const settings = options || {};
  const runtime = settings.runtime || espruino_runtime();
  const sendBudget = settings.sendBuffer || 1072;
  const udpBudgets = {
    receiveBytes: settings.udpReceiveBuffer || 2048,
    receiveDatagrams: settings.udpReceiveDatagrams || 8,
    maxDatagram: MAX_DATAGRAM,
    multicast: settings.multicast !== false,
  };
  const tcpPorts = new HeldPorts();
  const udpPorts = new HeldPorts();
  const addresses = texts_to_bytes(settings.addresses);
  const dns = texts_to_bytes(settings.dnsServers);
  const random32 = (): number => {
    const hw = runtime.E.hwRand;
    return hw ? hw() >>> 0 : Math.floor(Math.random() * 4294967296) >>> 0;
  };
  return {
    name: 'espruino',
    capabilities: udpBudgets.multicast ? ESPRUINO_CAPABILITIES : NO_MULTICAST,
    now: () => runtime.getTime() * 1000,
    setTimer: (ms: number, callback: () => void): TimerId => runtime.setTimeout(callback, ms > 0 ? ms : 0),
    clearTimer: (timer: TimerId): void => {
      if (timer !== null && timer !== undefined) runtime.clearTimeout(timer);
    },
    defer: (callback: () => void): void => {
      runtime.setTimeout(callback, 0);
    },
    random32,
    localAddresses: (family: number): Uint8Array[] => {
      if (family !== AF_INET) return [];
      const out: Uint8Array[] = [];
      for (let i = 0; i < addresses.length; i++) out.push(new Uint8Array(addresses[i]!));
      out.push(new Uint8Array(LOOPBACK));
      return out;
    },
    dnsServers: (): Endpoint[] => {
      const out: Endpoint[] = [];
      for (let i = 0; i < dns.length; i++) out.push(endpoint(dns[i]!, DNS_PORT));
      return out;
    },
    tcpConnect: (remote: Endpoint, _local: Endpoint | null, events: TcpEvents): TcpConnection | number =>
      tcp_connect(runtime, remote, events, sendBudget),
    tcpListen: (local: Endpoint, backlog: number, events: ListenerEvents): TcpListener | number =>
      tcp_listen(runtime, random32, local, backlog, events, sendBudget, tcpPorts),
    udpOpen: (local: Endpoint, events: UdpEvents): UdpSocket | number => udp_open(runtime, random32, local, events, udpBudgets, udpPorts),
  };
}

/**
 * Starts a connection. A refused connect either throws inside net.connect
 * (Linux, which connects in the call) or fires `error` (boards): both reach
 * the core as error(ECONNREFUSED) in a later turn.
 */
function tcp_connect(runtime: EspruinoRuntime, remote: Endpoint, events: TcpEvents, sendBudget: number): TcpConnection | number {
  if (remote.family !== AF_INET) return EAFNOSUPPORT;
  const local = endpoint(remote.addr[0] === 127 ? LOOPBACK : new Uint8Array(4), 0);
  const connection = new EspruinoTcpConnection(runtime, events, sendBudget, local, endpoint(remote.addr, remote.port));
  let socket;
  try {
    socket = runtime.net.connect({ host: ipv4_text(remote.addr), port: remote.port }, () => connection.onConnected());
  } catch (error) {
    runtime.setTimeout(() => connection.fail(errno_of(undefined, false)), 0);
    return connection;
  }
  connection.attach(socket, false);
  return connection;
}
