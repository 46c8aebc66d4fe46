/**
 * The frames the simulation carries. One class for every protocol keeps the
 * hot path monomorphic; payloads are views the sender never mutates, so a
 * frame can be delivered, duplicated and captured without copying bytes.
 */

export const PROTO_ICMP = 1;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;
export const PROTO_ICMPV6 = 58;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export const IPV4_HEADER = 20;
export const IPV6_HEADER = 40;
export const TCP_HEADER = 20;
export const UDP_HEADER = 8;
export const ICMP_HEADER = 8;

const EMPTY = new Uint8Array(0);

/**
 * A host as frames and links see it: who it is and how to hand it a frame.
 * Declared here, beneath links and sockets, so nothing below the host
 * imports the host.
 */
export interface Station {
  readonly id: number;
  readonly name: string;
  readonly mac: Uint8Array;
  /** A frame arrived over one of its links. */
  receive(packet: Packet): void;
}

export class Packet {
  /** IP-level fields. */
  v6 = false;
  src: Uint8Array = EMPTY;
  dst: Uint8Array = EMPTY;
  protocol = PROTO_TCP;
  ttl = 64;
  tos = 0;
  ipId = 0;
  /** Transport ports (ICMP: unused). */
  srcPort = 0;
  dstPort = 0;
  /** TCP fields; `window` is in bytes, unscaled. */
  seq = 0;
  ack = 0;
  flags = 0;
  window = 0;
  /** The sender's window-scale shift, used only to write the capture's 16-bit field. */
  windowShift = 0;
  /** SYN options: MSS (0: absent) and announced window-scale shift (-1: absent). */
  mss = 0;
  wscale = -1;
  payload: Uint8Array = EMPTY;
  /** ICMP: type/code and the datagram that caused it. */
  icmpType = 0;
  icmpCode = 0;
  quoted: Packet | null = null;

  /** Routing: the host that sent it and the host it is for. */
  origin: Station | null = null;
  target: Station | null = null;
  /** The host at the far end of the link this frame is crossing. */
  hop: Station | null = null;
  /** Fault state set by link middleware for one hop. */
  extraDelay = 0;
  corrupt = false;
  /** Set once the origin's first link has applied one-shot faults (dropNext/delayNext). */
  counted = false;

  /** Bytes on the wire above the link layer. */
  ipLength(): number {
    return (this.v6 ? IPV6_HEADER : IPV4_HEADER) + this.transportLength();
  }

  transportLength(): number {
    if (this.protocol === PROTO_TCP) return TCP_HEADER + this.tcpOptionsLength() + this.payload.length;
    if (this.protocol === PROTO_UDP) return UDP_HEADER + this.payload.length;
    return ICMP_HEADER + this.quotedLength();
  }

  tcpOptionsLength(): number {
    if (this.mss === 0 && this.wscale < 0) return 0;
    return (this.mss ? 4 : 0) + (this.wscale >= 0 ? 4 : 0);
  }

  /** ICMP quotes the offending IP header and the first 8 bytes after it. */
  quotedLength(): number {
    const q = this.quoted;
    if (!q) return 0;
    return (q.v6 ? IPV6_HEADER : IPV4_HEADER) + Math.min(8, q.transportLength());
  }

  clone(): Packet {
    const p = new Packet();
    p.v6 = this.v6;
    p.src = this.src;
    p.dst = this.dst;
    p.protocol = this.protocol;
    p.ttl = this.ttl;
    p.tos = this.tos;
    p.ipId = this.ipId;
    p.srcPort = this.srcPort;
    p.dstPort = this.dstPort;
    p.seq = this.seq;
    p.ack = this.ack;
    p.flags = this.flags;
    p.window = this.window;
    p.windowShift = this.windowShift;
    p.mss = this.mss;
    p.wscale = this.wscale;
    p.payload = this.payload;
    p.icmpType = this.icmpType;
    p.icmpCode = this.icmpCode;
    p.quoted = this.quoted;
    p.origin = this.origin;
    p.target = this.target;
    p.corrupt = this.corrupt;
    p.counted = this.counted;
    return p;
  }
}
