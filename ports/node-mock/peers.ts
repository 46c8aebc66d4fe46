/**
 * Scripted peers: servers and clients written in a few lines, running on
 * any simulated host through that host's own sockets (not the zsock API).
 */
import type { Endpoint, TcpConnection, TcpEvents, UdpSocket } from '../../lib/port';
import type { Host } from './host';
import { AF_INET, AF_INET6, IPV4_ANY, IPV6_ANY, parseAddress } from './ip';
import type { TcpListenerImpl } from './tcp-listener';
import { answerDnsQuery, type DnsZone } from './dns-server';

/** One side of a scripted TCP conversation. */
export interface PeerConnection {
  readonly remote: Endpoint;
  /** Bytes received so far. */
  readonly received: number;
  /** Queues bytes (or a string, as Latin-1) to send; they go out as the window allows. */
  send(data: Uint8Array | string): void;
  /** Sends FIN once everything queued has gone. */
  end(): void;
  /** Closes abortively: RST. */
  reset(): void;
}

/**
 * What a scripted TCP peer does on each event of its connection (tcpServer, tcpClient).
 */
export interface PeerScript {
  /** The connection is open. */
  onConnect?(connection: PeerConnection): void;
  /** Bytes arrived. */
  onData?(connection: PeerConnection, data: Uint8Array): void;
  /** The other side sent FIN. */
  onEnd?(connection: PeerConnection): void;
  /** The connection failed with `errno` (ECONNRESET, ETIMEDOUT, …). */
  onError?(connection: PeerConnection, errno: number): void;
  /** False: never read, so the receive window fills and the sender stalls. */
  read?: boolean;
}

/**
 * A scripted TCP server: its port and how many connections it accepted.
 */
export interface PeerServer {
  readonly port: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Stops listening. */
  close(): void;
}

const READ_CHUNK = 65536;
/** Reads per readable event, far above what any window holds. */
const MAX_READS = 4096;

class ScriptedConnection implements PeerConnection, TcpEvents {
  connection: TcpConnection | null = null;
  received = 0;
  private readonly outbox: Uint8Array[] = [];
  private ending = false;
  private done = false;
  /** FIN sent after everything queued: no more writes, but reading goes on. */
  private wrote = false;
  /** The other side's FIN was handed to the script (once). */
  private endSeen = false;
  private open = false;

  constructor(
    private readonly script: PeerScript,
    public remote: Endpoint,
  ) {}

  attach(connection: TcpConnection): void {
    this.connection = connection;
    this.remote = connection.remote;
  }

  send(data: Uint8Array | string): void {
    if (this.done || this.wrote) return;
    const bytes = typeof data === 'string' ? latin1(data) : data.slice();
    if (bytes.length > 0) this.outbox.push(bytes);
    this.flush();
  }

  end(): void {
    this.ending = true;
    this.flush();
  }

  reset(): void {
    if (this.done || !this.connection) return;
    this.done = true;
    this.connection.abort();
  }

  connected(): void {
    this.open = true;
    if (this.script.onConnect) this.script.onConnect(this);
    this.flush();
  }

  readable(): void {
    const connection = this.connection;
    if (!connection || this.done || this.script.read === false) return;
    const buffer = new Uint8Array(READ_CHUNK);
    for (let i = 0; i < MAX_READS && !this.done; i++) {
      const count = connection.read(buffer);
      if (count === 0) break;
      this.received += count;
      if (this.script.onData) this.script.onData(this, buffer.slice(0, count));
    }
    if (!this.done && !this.endSeen && connection.finished()) {
      this.endSeen = true;
      if (this.script.onEnd) this.script.onEnd(this);
      else this.end();
      // Both directions are finished: nothing more to do on this connection.
      if (this.wrote && !this.done) {
        this.done = true;
        connection.close();
      }
    }
  }

  writable(): void {
    this.flush();
  }

  error(errno: number): void {
    if (this.done) return;
    this.done = true;
    if (this.script.onError) this.script.onError(this, errno);
    if (this.connection) this.connection.close();
  }

  private flush(): void {
    const connection = this.connection;
    if (!connection || this.done || this.wrote || !this.open) return;
    for (let i = 0; i < MAX_READS && this.outbox.length > 0; i++) {
      const head = this.outbox[0]!;
      const taken = connection.write(head);
      if (taken === head.length) this.outbox.shift();
      else {
        this.outbox[0] = head.subarray(taken);
        return;
      }
    }
    if (this.ending && this.outbox.length === 0) {
      // A half-close: FIN goes out, and reading goes on until the other side's FIN.
      this.wrote = true;
      if (connection.finished()) {
        this.done = true;
        connection.close();
      } else connection.shutdownWrite();
    }
  }
}

function wildcard(host: Host, family?: number): Endpoint {
  const v6 = family === AF_INET6 || (family === undefined && host.ipv4.length === 0 && host.ipv6.length > 0);
  return { family: v6 ? AF_INET6 : AF_INET, addr: new Uint8Array(v6 ? IPV6_ANY : IPV4_ANY), port: 0 };
}

/** A TCP server on `host`:`port` (all IPv4 addresses; `family` AF_INET6 for IPv6) that runs `script` for each connection. */
export function tcpServer(host: Host, port: number, script: PeerScript, family?: number): PeerServer {
  const local = wildcard(host, family);
  local.port = port;
  let accepted = 0;
  let listener: TcpListenerImpl | null = null;
  const opened = host.tcpListen(local, 128, {
    acceptable() {
      for (let i = 0; i < MAX_READS && listener && listener.pending() > 0; i++) {
        const peer = new ScriptedConnection(script, local);
        const connection = listener.accept(peer);
        if (!connection) break;
        peer.attach(connection);
        accepted++;
        peer.connected();
        peer.readable();
      }
    },
    error() {},
  }, script);
  if (typeof opened === 'number') throw new Error(`tcpServer: cannot listen on ${host.name}:${port} (errno ${opened})`);
  listener = opened;
  return {
    port: opened.local.port,
    get accepted() {
      return accepted;
    },
    close: () => opened.close(),
  };
}

/** A scripted TCP client: connects from `host` to `to` ("addr" text or an Endpoint) and runs `script`. */
export function tcpClient(host: Host, to: Endpoint | { addr: string; port: number }, script: PeerScript): PeerConnection {
  const remote = toEndpoint(to);
  const peer = new ScriptedConnection(script, remote);
  const opened = host.tcpConnect(remote, null, peer);
  if (typeof opened === 'number') throw new Error(`tcpClient: cannot connect (errno ${opened})`);
  peer.attach(opened);
  return peer;
}

/** Echoes every byte back, and closes its side when the client does. */
export function tcpEchoServer(host: Host, port: number, family?: number): PeerServer {
  return tcpServer(host, port, { onData: (c, data) => c.send(data) }, family);
}

/**
 * Holds `port` on `host` and answers every SYN with RST, so a connect fails with ECONNREFUSED. `close()` frees the port.
 */
export function tcpRefuser(
  host: Host,
  port: number,
  family?: number,
): {
  /** Frees the port. */
  close(): void;
} {
  const local = wildcard(host, family);
  local.port = port;
  const opened = host.tcpListen(local, 1, { acceptable() {}, error() {} }, local, true);
  if (typeof opened === 'number') throw new Error(`tcpRefuser: cannot listen (errno ${opened})`);
  return { close: () => opened.close() };
}

/** Accepts and reads; once `bytes` bytes have arrived, resets the connection (the client sees ECONNRESET). Echoes first when `echo`. */
export function tcpResetAfter(host: Host, port: number, bytes: number, options: { echo?: boolean; family?: number } = {}): PeerServer {
  return tcpServer(
    host,
    port,
    {
      onData(c, data) {
        if (options.echo) c.send(data);
        if (c.received >= bytes) c.reset();
      },
    },
    options.family,
  );
}

/** Accepts and never reads: the client's writes fill the window and stall. */
export function tcpStaller(host: Host, port: number, family?: number): PeerServer {
  return tcpServer(host, port, { read: false }, family);
}

/**
 * A scripted UDP peer: its port and how many datagrams it received.
 */
export interface DatagramPeer {
  readonly port: number;
  /** Datagrams received so far. */
  readonly received: number;
  /** Closes the peer's socket. */
  close(): void;
}

/**
 * A UDP peer on `host`:`port`: `respond` gets each datagram and its source
 * and returns what to send back (nothing, one datagram, or several).
 */
export function udpResponder(
  host: Host,
  port: number,
  respond: (data: Uint8Array, from: Endpoint) => Uint8Array | Uint8Array[] | null | void,
  family?: number,
): DatagramPeer {
  const local = wildcard(host, family);
  local.port = port;
  let socket: UdpSocket | null = null;
  let received = 0;
  const opened = host.udpOpen(local, {
    readable() {
      for (let i = 0; i < MAX_READS && socket; i++) {
        const size = socket.nextSize();
        if (size < 0) break;
        const data = new Uint8Array(size);
        const from: Endpoint = { family: 0, addr: new Uint8Array(0), port: 0 };
        socket.receive(data, from, false);
        received++;
        const reply = respond(data, from);
        const replies = !reply ? [] : reply instanceof Uint8Array ? [reply] : reply;
        for (const r of replies) socket.send(r, from);
      }
    },
    writable() {},
    error() {},
  }, respond);
  if (typeof opened === 'number') throw new Error(`udpResponder: cannot bind ${host.name}:${port} (errno ${opened})`);
  socket = opened;
  return {
    port: opened.local.port,
    get received() {
      return received;
    },
    close: () => opened.close(),
  };
}

/** A UDP echo peer. */
export function udpEchoServer(host: Host, port: number, family?: number): DatagramPeer {
  return udpResponder(host, port, (data) => data, family);
}

/**
 * A DNS server on `host` (port 53 by default) answering A, AAAA and CNAME
 * queries from `zone`; unknown names get NXDOMAIN.
 */
export function dnsServer(host: Host, zone: DnsZone & { port?: number; family?: number }): DatagramPeer {
  return udpResponder(host, zone.port || 53, (query) => answerDnsQuery(query, zone), zone.family);
}

function toEndpoint(to: Endpoint | { addr: string; port: number }): Endpoint {
  if (typeof to.addr !== 'string') return to as Endpoint;
  const addr = parseAddress(to.addr);
  if (!addr) throw new TypeError(`not an IP address: ${to.addr}`);
  return { family: addr.length === 4 ? AF_INET : AF_INET6, addr, port: to.port };
}

function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}
