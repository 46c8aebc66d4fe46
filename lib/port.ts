/**
 * The port interface: what a target (the mock network, Node, Moddable,
 * Espruino) gives the portable core.
 *
 * The core owns every BSD semantic (descriptors, blocking, errno, options,
 * poll). A port only moves bytes and says when something changed. It is
 *
 * - non-blocking: no call waits; a call that cannot make progress returns 0
 *   (nothing read, no room) and the port fires an event later;
 * - readiness-based: events carry no data; the core reads and writes when
 *   an event says it may, straight into or out of the caller's buffer;
 * - edge-or-level agnostic: the core re-checks `available()`/`room()` after
 *   every event, so an extra event is harmless and a missed one is a bug;
 * - the source of time: the core's timeouts run on `now()`/`setTimer`, so a
 *   simulated network gives virtual time to every timeout.
 *
 * Errors are Zephyr errno numbers (lib/errno.ts). An open call returns either
 * a handle or a positive errno number.
 *
 * What each platform can give (see the README's capability tables):
 * - ECMA-419 (Moddable): TCP/UDP/Listener with onReadable(count),
 *   onWritable(room), onError(); read(buffer) fills the caller's buffer.
 *   No half-close, no bind before connect, few options.
 * - Node net/dgram: stream 'data' chunks (the port queues them and pauses
 *   the socket past its receive buffer), write() with backpressure,
 *   'connect', 'end', 'error' with codes; most options.
 * - Espruino net/dgram: string chunks and events; no backpressure signal.
 */

/** An IP endpoint as a port sees it: port number in host byte order. */
export interface Endpoint {
  /** AF_INET (1) or AF_INET6 (2): Zephyr's values. */
  family: number;
  /** 4 bytes for AF_INET, 16 for AF_INET6, network order. */
  addr: Uint8Array;
  /** 0..65535, host byte order; 0 asks the port for an ephemeral port. */
  port: number;
}

/** What a port's platform can do natively. The core reports the rest. */
export interface PortCapabilities {
  ipv6: boolean;
  /** SHUT_WR sends a FIN while the socket can still read. */
  halfClose: boolean;
  /** A TCP client can choose its local address and port before connecting. */
  bindBeforeConnect: boolean;
  /** A listener can bind a specific local address (not only the wildcard). */
  listenAddress: boolean;
  /** The port tells a reset (ECONNRESET) apart from an orderly close. */
  resetDistinct: boolean;
  multicast: boolean;
  broadcast: boolean;
  /** Options the port honours through `setOption` (see PortOption). */
  options: readonly PortOption[];
  /** Options of `options` the port carries out on UDP sockets only (TCP answers ENOPROTOOPT); none when absent. */
  udpOnlyOptions?: readonly PortOption[];
  /** The port resolves host names itself (PortResolver). */
  resolver: boolean;
}

/**
 * Socket options a port may honour. Values are plain numbers: booleans are
 * 0/1, times are seconds as in TCP_KEEPIDLE/TCP_KEEPINTVL.
 */
export type PortOption =
  | 'nodelay'
  | 'keepalive'
  | 'keepidle'
  | 'keepintvl'
  | 'keepcnt'
  | 'rcvbuf'
  | 'sndbuf'
  | 'ttl'
  | 'tos'
  | 'multicastTtl'
  | 'multicastLoop'
  | 'broadcast'
  | 'v6only';

/** Events a TCP connection reports. The core supplies one object per socket. */
export interface TcpEvents {
  /** The handshake finished; `local` and `remote` are final. */
  connected(): void;
  /** Bytes arrived, or the peer's FIN did (`finished()` turns true). */
  readable(): void;
  /** Send room opened up. */
  writable(): void;
  /**
   * The connection failed or broke: ECONNREFUSED, ECONNRESET, ETIMEDOUT,
   * EHOSTUNREACH, ENETUNREACH, ECONNABORTED, ... After it the handle only
   * answers `close()`; bytes already received stay readable.
   */
  error(errno: number): void;
}

/** One TCP connection, client side or accepted. */
export interface TcpConnection {
  /** Local endpoint (port 0 until known on platforms that cannot tell). */
  readonly local: Endpoint;
  readonly remote: Endpoint;
  /** Bytes that `read` would return now. */
  available(): number;
  /** The peer sent FIN and every byte before it has been read. */
  finished(): boolean;
  /** Copies up to `into.length` received bytes into `into`; returns the count (0: none now). */
  read(into: Uint8Array): number;
  /** Bytes `write` would accept now (0 before the handshake finished). */
  room(): number;
  /** Queues up to `room()` bytes of `data` for sending; returns how many were taken. */
  write(data: Uint8Array): number;
  /** Sends FIN after queued data; reading goes on. Only with capabilities.halfClose. */
  shutdownWrite(): void;
  /** Orderly close: queued data, then FIN. No event fires after it. */
  close(): void;
  /** Abortive close: RST, queued data dropped. No event fires after it. */
  abort(): void;
  /** Sets an option from capabilities.options; returns 0 or an errno. */
  setOption(option: PortOption, value: number): number;
}

/**
 * What a port tells the core about a TCP listener.
 */
export interface ListenerEvents {
  /** A connection finished its handshake and waits in the backlog. */
  acceptable(): void;
  /** The listener failed (e.g. EADDRINUSE found after the fact). */
  error(errno: number): void;
}

/**
 * A listening TCP endpoint of a port; the core queues and accepts its connections.
 */
export interface TcpListener {
  readonly local: Endpoint;
  /** Connections waiting to be accepted. */
  pending(): number;
  /** Takes the oldest waiting connection and gives it `events`; null if none. */
  accept(events: TcpEvents): TcpConnection | null;
  /** Stops listening and releases the port. */
  close(): void;
}

/**
 * What a port tells the core about a UDP socket.
 */
export interface UdpEvents {
  /** A datagram was queued. */
  readable(): void;
  /** Send room opened after a send returned EAGAIN or ENOBUFS. */
  writable(): void;
  /** An asynchronous error, e.g. ECONNREFUSED from an ICMP port unreachable. */
  error(errno: number): void;
}

/**
 * A UDP endpoint of a port: queued datagrams, sends, multicast membership.
 */
export interface UdpSocket {
  readonly local: Endpoint;
  /** Length of the next queued datagram, or -1 when none is queued. */
  nextSize(): number;
  /**
   * Copies the next datagram into `into` (truncating what does not fit),
   * writes its source into `from` when given, and dequeues it unless
   * `peek`. Returns the datagram's full length, or -1 when none is queued.
   */
  receive(into: Uint8Array, from: Endpoint | null, peek: boolean): number;
  /** Sends one datagram; returns 0 or an errno (EMSGSIZE, ENOBUFS, EAGAIN, ENETUNREACH, ...). `to` is read only during the call. */
  send(data: Uint8Array, to: Endpoint): number;
  /**
   * Restricts reception to datagrams from `remote` (null lifts it), as a
   * connected UDP socket: datagrams from others already queued are dropped,
   * later ones are never queued.
   */
  connect(remote: Endpoint | null): void;
  /** Joins (join=true) or leaves a multicast group; returns 0 or an errno. */
  membership(group: Endpoint, join: boolean): number;
  /** Sets an option from capabilities.options; returns 0 or an errno. */
  setOption(option: PortOption, value: number): number;
  /** Closes the socket and releases its port. */
  close(): void;
}

/** Native name resolution, where the platform has a better resolver than DNS over UDP. */
export interface PortResolver {
  /**
   * Resolves `host` to addresses of `family` (AF_UNSPEC for both). Calls
   * `done` once, later, with the addresses or a DNS_EAI_* code (negative).
   */
  resolve(host: string, family: number, done: (result: Uint8Array[] | number) => void): void;
}

/**
 * A port's handle for a timer, given back to clearTimer.
 */
export type TimerId = unknown;

/**
 * What the core needs of a platform: a clock and timers, random numbers, addresses, and TCP and UDP endpoints that move bytes and report readiness. Every BSD semantic stays in the core (docs/decisions/port-interface.md). zsockjs only: in Zephyr this layer is the network stack's net_context.
 */
export interface Port {
  readonly name: string;
  readonly capabilities: PortCapabilities;
  /** Milliseconds on a monotonic clock (virtual on a simulated network). */
  now(): number;
  /** Runs `callback` once after `ms` milliseconds. */
  setTimer(ms: number, callback: () => void): TimerId;
  /** Cancels a timer from setTimer that has not run yet. */
  clearTimer(timer: TimerId): void;
  /** Runs `callback` in a later turn of the host's event loop, after pending microtasks. */
  defer(callback: () => void): void;
  /** A uniformly random unsigned 32-bit integer (seeded on a simulated network). */
  random32(): number;
  /** The addresses this host owns for `family`, loopback included. */
  localAddresses(family: number): Uint8Array[];
  /** DNS servers the platform suggests, if it knows any. */
  dnsServers(): Endpoint[];
  /** Starts a TCP connection; `events.connected` or `events.error` follows. */
  tcpConnect(remote: Endpoint, local: Endpoint | null, events: TcpEvents): TcpConnection | number;
  /**
   * Listens on `local` (port 0: ephemeral) with room for `backlog` waiting
   * connections. `shared`: SO_REUSEADDR/SO_REUSEPORT let this socket share
   * its port with others of this stack (the core has applied Zephyr's rules).
   */
  tcpListen(local: Endpoint, backlog: number, events: ListenerEvents, shared: boolean): TcpListener | number;
  /** Opens a UDP socket bound to `local` (port 0: ephemeral); `shared` as for tcpListen. */
  udpOpen(local: Endpoint, events: UdpEvents, shared: boolean): UdpSocket | number;
  /** Present when capabilities.resolver is true. */
  readonly resolver?: PortResolver;
  /**
   * A TCP port free on this host now, or 0 when the platform cannot tell.
   * bind() to port 0 takes it before drawing random ones, so a host with
   * other programs on it does not hand out a port they hold.
   */
  tcpFreePort?(): number;
  /**
   * Optional: sees each blocking call's promise (connect, accept, send*,
   * recv*, poll) with its descriptor, so a simulator can name the calls
   * still pending when a run stops. Devices leave it out.
   */
  watchCall?(fd: number, call: string, result: Promise<number>): void;
}
