/**
 * Frames as bytes: Ethernet II with IPv4/IPv6 and TCP/UDP/ICMP headers,
 * real checksums (pseudo-headers included), and the pcap file format
 * (link type 1, microsecond timestamps). Pure byte work, no I/O.
 */
import { Packet, PROTO_ICMP, PROTO_ICMPV6, PROTO_TCP, PROTO_UDP } from './packet';

export const LINKTYPE_ETHERNET = 1;
const ETHERNET_HEADER = 14;
const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;

/** One's-complement sum of 16-bit words, folded to 16 bits but not inverted. */
function sum16(bytes: Uint8Array, start: number, end: number, initial: number): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if (i < end) sum += bytes[i]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

function checksum(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  return ~sum16(bytes, start, end, initial) & 0xffff;
}

function put16(out: Uint8Array, at: number, value: number): void {
  out[at] = (value >>> 8) & 0xff;
  out[at + 1] = value & 0xff;
}

function put32(out: Uint8Array, at: number, value: number): void {
  out[at] = (value >>> 24) & 0xff;
  out[at + 1] = (value >>> 16) & 0xff;
  out[at + 2] = (value >>> 8) & 0xff;
  out[at + 3] = value & 0xff;
}

/** Writes the IP packet (header and transport) at `at`; returns its length. */
export function writeIpPacket(packet: Packet, out: Uint8Array, at: number): number {
  const ipHeader = packet.v6 ? 40 : 20;
  const transportLength = packet.transportLength();
  const total = ipHeader + transportLength;
  const protocol = packet.protocol;
  if (packet.v6) {
    out[at] = 0x60 | (packet.tos >>> 4);
    out[at + 1] = (packet.tos & 0x0f) << 4;
    put16(out, at + 4, transportLength);
    out[at + 6] = protocol;
    out[at + 7] = packet.ttl;
    out.set(packet.src, at + 8);
    out.set(packet.dst, at + 24);
  } else {
    out[at] = 0x45;
    out[at + 1] = packet.tos;
    put16(out, at + 2, total);
    put16(out, at + 4, packet.ipId);
    put16(out, at + 6, 0x4000); // DF: the simulation does not fragment.
    out[at + 8] = packet.ttl;
    out[at + 9] = protocol;
    out.set(packet.src, at + 12);
    out.set(packet.dst, at + 16);
    put16(out, at + 10, checksum(out, at, at + 20));
  }
  const t = at + ipHeader;
  if (protocol === PROTO_TCP) writeTcp(packet, out, t);
  else if (protocol === PROTO_UDP) {
    put16(out, t, packet.srcPort);
    put16(out, t + 2, packet.dstPort);
    put16(out, t + 4, transportLength);
    out.set(packet.payload, t + 8);
  } else if (protocol === PROTO_ICMP || protocol === PROTO_ICMPV6) {
    out[t] = packet.icmpType;
    out[t + 1] = packet.icmpCode;
    if (packet.quoted) {
      // The quote: the offending packet's IP header and first 8 transport bytes.
      const quoted = new Uint8Array(packet.quoted.ipLength());
      writeIpPacket(packet.quoted, quoted, 0);
      out.set(quoted.subarray(0, packet.quotedLength()), t + 8);
    }
  }
  // Transport checksum, over a pseudo-header where the protocol has one.
  let pseudo = 0;
  if (protocol !== PROTO_ICMP) {
    const addrLength = packet.v6 ? 16 : 4;
    pseudo = sum16(out, packet.v6 ? at + 8 : at + 12, (packet.v6 ? at + 8 : at + 12) + 2 * addrLength, 0);
    pseudo += protocol + transportLength;
  }
  const checksumAt = protocol === PROTO_TCP ? t + 16 : protocol === PROTO_UDP ? t + 6 : t + 2;
  let value = checksum(out, t, t + transportLength, pseudo);
  if (protocol === PROTO_UDP && value === 0) value = 0xffff;
  put16(out, checksumAt, value);
  return total;
}

function writeTcp(packet: Packet, out: Uint8Array, t: number): void {
  const options = packet.tcpOptionsLength();
  put16(out, t, packet.srcPort);
  put16(out, t + 2, packet.dstPort);
  put32(out, t + 4, packet.seq);
  put32(out, t + 8, packet.ack);
  out[t + 12] = ((20 + options) / 4) << 4;
  out[t + 13] = packet.flags;
  const window = Math.min(packet.window >>> packet.windowShift, 0xffff);
  put16(out, t + 14, window);
  let o = t + 20;
  if (packet.mss > 0) {
    out[o] = 2;
    out[o + 1] = 4;
    put16(out, o + 2, packet.mss);
    o += 4;
  }
  if (packet.wscale >= 0) {
    out[o] = 1; // NOP keeps the options 32-bit aligned.
    out[o + 1] = 3;
    out[o + 2] = 3;
    out[o + 3] = packet.wscale;
    o += 4;
  }
  out.set(packet.payload, o);
}

/** The Ethernet frame for `packet` between two MAC addresses. */
export function frameBytes(packet: Packet, srcMac: Uint8Array, dstMac: Uint8Array): Uint8Array {
  const out = new Uint8Array(ETHERNET_HEADER + packet.ipLength());
  out.set(dstMac, 0);
  out.set(srcMac, 6);
  put16(out, 12, packet.v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4);
  writeIpPacket(packet, out, ETHERNET_HEADER);
  return out;
}

/**
 * One frame of a pcap file and its virtual time in milliseconds.
 */
export interface PcapRecord {
  /** Virtual time, ms. */
  time: number;
  frame: Uint8Array;
}

/** A pcap file (classic format, microsecond timestamps, Ethernet link type). */
export function pcapFile(records: readonly PcapRecord[]): Uint8Array {
  let size = 24;
  for (const r of records) size += 16 + r.frame.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 262144, true);
  view.setUint32(20, LINKTYPE_ETHERNET, true);
  let at = 24;
  for (const r of records) {
    const micros = Math.round(r.time * 1000);
    view.setUint32(at, Math.floor(micros / 1e6), true);
    view.setUint32(at + 4, micros % 1e6, true);
    view.setUint32(at + 8, r.frame.length, true);
    view.setUint32(at + 12, r.frame.length, true);
    out.set(r.frame, at + 16);
    at += 16 + r.frame.length;
  }
  return out;
}
