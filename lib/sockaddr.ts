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

/** struct in_addr: four bytes in network order. */
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

/** struct in6_addr: sixteen bytes in network order. */
export class in6_addr {
  readonly s6_addr: Uint8Array;
  constructor(bytes?: Uint8Array) {
    this.s6_addr = bytes || new Uint8Array(16);
  }
}

/** Size of Zephyr's struct sockaddr_in: family, port, address; no sin_zero. */
export const SOCKADDR_IN_SIZE = 8;
/** Size of Zephyr's struct sockaddr_in6: family, port, address, scope id, padding. */
export const SOCKADDR_IN6_SIZE = 24;
/** Size of struct sockaddr / sockaddr_storage (NET_SOCKADDR_MAX_SIZE with IPv6). */
export const SOCKADDR_SIZE = 24;

/** struct sockaddr, and every view of it. */
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

/** An int passed by pointer (socklen_t *addrlen, int *optval, ...). */
export interface IntRef {
  value: number;
}
/** socklen_t *: an in/out length. */
export type socklen_t = IntRef;
