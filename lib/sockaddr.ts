/**
 * Socket addresses with Zephyr's field names and layout.
 *
 * A `sockaddr` is 24 bytes of memory, as Zephyr's struct sockaddr is with
 * IPv6 enabled, read through named fields. Every view of it (sockaddr_in,
 * sockaddr_in6, sockaddr_storage) is the same object, so C's casts become
 * plain field reads: fill a `sockaddr` from accept(), then read `sin_port`
 * or `sin6_addr` according to `sa_family`.
 *
 * Layout (Zephyr, little-endian device): family u16 at 0, port u16 at 2
 * (stored as given, i.e. already in network order after htons), IPv4 address
 * at 4..8, IPv6 address at 4..20, sin6_scope_id u8 at 20.
 */

/**
 * struct in_addr: the four bytes of an IPv4 address in network order (`s_addr` as a number, `s4_addr` as bytes). Mirrors struct `in_addr` of include/zephyr/net/net_ip.h.
 */
export class in_addr {
  readonly s4_addr: Uint8Array;
  constructor(bytes?: Uint8Array) {
    this.s4_addr = bytes || new Uint8Array(4);
  }
  /**
   * The address as the u32 a little-endian device stores: the value
   * `htonl(INADDR_LOOPBACK)` produces, as in C.
   */
  get s_addr(): number {
    const b = this.s4_addr;
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }
  set s_addr(value: number) {
    const b = this.s4_addr;
    b[0] = value;
    b[1] = value >>> 8;
    b[2] = value >>> 16;
    b[3] = value >>> 24;
  }
}

/**
 * struct in6_addr: the sixteen bytes of an IPv6 address in network order (`s6_addr`). Mirrors struct `in6_addr` of include/zephyr/net/net_ip.h.
 */
export class in6_addr {
  readonly s6_addr: Uint8Array;
  constructor(bytes?: Uint8Array) {
    this.s6_addr = bytes || new Uint8Array(16);
  }
}

/**
 * The size of Zephyr's struct sockaddr_in (family, port, address; no sin_zero): 8, the `addrlen` of an IPv4 address. Mirrors `sizeof(struct sockaddr_in)` of include/zephyr/net/net_ip.h.
 */
export const SOCKADDR_IN_SIZE = 8;
/**
 * The size of Zephyr's struct sockaddr_in6 (family, port, address, scope id, padding): 24, the `addrlen` of an IPv6 address. Mirrors `sizeof(struct sockaddr_in6)` of include/zephyr/net/net_ip.h.
 */
export const SOCKADDR_IN6_SIZE = 24;
/**
 * The size of struct sockaddr and sockaddr_storage: 24 (NET_SOCKADDR_MAX_SIZE with IPv6). Mirrors include/zephyr/net/net_ip.h.
 */
export const SOCKADDR_SIZE = 24;

/**
 * struct sockaddr: Zephyr's 24 bytes with every view on the same memory (`sa_family`, `sin_family`, `sin_port`, `sin_addr`, `sin6_port`, `sin6_addr`, `sin6_scope_id`, `ss_family`, …), so C's casts between sockaddr, sockaddr_in, sockaddr_in6 and sockaddr_storage are plain field reads. Ports are in network byte order (htons). Mirrors struct `sockaddr` and its variants of include/zephyr/net/net_ip.h.
 */
export class sockaddr {
  /** The struct's memory. */
  readonly bytes: Uint8Array;
  /** sin_addr: a view of bytes 4..8. */
  readonly sin_addr: in_addr;
  /** sin6_addr: a view of bytes 4..20. */
  readonly sin6_addr: in6_addr;

  constructor() {
    const bytes = new Uint8Array(SOCKADDR_SIZE);
    this.bytes = bytes;
    this.sin_addr = new in_addr(bytes.subarray(4, 8));
    this.sin6_addr = new in6_addr(bytes.subarray(4, 20));
  }

  get sa_family(): number {
    return this.bytes[0]! | (this.bytes[1]! << 8);
  }
  set sa_family(value: number) {
    this.bytes[0] = value;
    this.bytes[1] = value >>> 8;
  }
  get ss_family(): number {
    return this.sa_family;
  }
  set ss_family(value: number) {
    this.sa_family = value;
  }
  get sin_family(): number {
    return this.sa_family;
  }
  set sin_family(value: number) {
    this.sa_family = value;
  }
  get sin6_family(): number {
    return this.sa_family;
  }
  set sin6_family(value: number) {
    this.sa_family = value;
  }

  /** The port as stored: in network order, i.e. what htons() returned. */
  get sin_port(): number {
    return this.bytes[2]! | (this.bytes[3]! << 8);
  }
  set sin_port(value: number) {
    this.bytes[2] = value;
    this.bytes[3] = value >>> 8;
  }
  get sin6_port(): number {
    return this.sin_port;
  }
  set sin6_port(value: number) {
    this.sin_port = value;
  }

  get sin6_scope_id(): number {
    return this.bytes[20]!;
  }
  set sin6_scope_id(value: number) {
    this.bytes[20] = value;
  }
}

/** The same struct under the names C code uses for it. */
export { sockaddr as sockaddr_in, sockaddr as sockaddr_in6, sockaddr as sockaddr_storage };

/**
 * An int passed by pointer (`socklen_t *addrlen`, `int *optval`, the argument of ioctl): the call reads and writes `value`.
 */
export interface IntRef {
  value: number;
}
/**
 * `socklen_t *`: an in/out length. Mirrors `socklen_t` of include/zephyr/net/net_ip.h.
 */
export type socklen_t = IntRef;
