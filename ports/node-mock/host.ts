/**
 * A simulated host: the frames it sends (unicast, broadcast, multicast),
 * forwards as a router, and demultiplexes on arrival to its connections,
 * listeners and UDP sockets (the tables are in host-tables.ts).
 */
import type { Endpoint } from '../../lib/port';
import { EACCES, EFAULT, EHOSTUNREACH, EMSGSIZE, ENETUNREACH, ECONNREFUSED } from '../../lib/errno';
import { AF_INET, AF_INET6, isBroadcast, isLoopback, isMulticast, isUnspecified, sameAddress } from './ip';
import { Packet, type Station, PROTO_ICMP, PROTO_ICMPV6, PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, UDP_HEADER, IPV4_HEADER, IPV6_HEADER } from './packet';
import { HostTables } from './host-tables';
import type { UdpSocketImpl } from './udp';

export { type HostStats, type NetworkCore } from './host-tables';

export class Host extends HostTables {
  // ---- Sending -------------------------------------------------------

  /** Sends a frame toward `packet.target`; returns 0 or EHOSTUNREACH. */
  sendPacket(packet: Packet): number {
    const target = packet.target!;
    if (packet.ipId === 0) packet.ipId = this.nextIpId();
    if (target === this) {
      this.loopback.transmit(packet, this);
      return 0;
    }
    const link = this.net.nextLink(this, target);
    if (!link) {
      this.stats.unroutable++;
      return EHOSTUNREACH;
    }
    link.transmit(packet, this);
    return 0;
  }

  /** Sends a UDP datagram to a unicast, broadcast or multicast destination. */
  sendDatagram(socket: UdpSocketImpl, data: Uint8Array, to: Endpoint): number {
    const local = socket.local;
    const source = !isUnspecified(local.addr) && !isMulticast(local.addr) ? local.addr : this.sourceFor(to.addr);
    if (!source) return ENETUNREACH;
    const targets: HostTables[] = [];
    let ttl = socket.ttl;
    if (isMulticast(to.addr)) {
      ttl = socket.multicastTtl;
      for (const host of this.net.hosts) {
        if (!host.joinedAny(to.addr, to.port)) continue;
        if (host === this ? socket.multicastLoop : this.net.hops(this, host) <= ttl) targets.push(host);
      }
    } else if (isBroadcast(to.addr)) {
      if (!socket.broadcast) return EACCES;
      targets.push(this);
      for (const link of this.links) {
        const peer = link.peer(this);
        if (targets.indexOf(peer) < 0 && peer.onSubnet(to.addr)) targets.push(peer);
      }
    } else {
      const target = this.targetFor(to.addr);
      if (!target) return this.ipv4.length + this.ipv6.length === 0 && !isLoopback(to.addr) ? ENETUNREACH : EHOSTUNREACH;
      targets.push(target);
    }
    const size = (to.addr.length === 4 ? IPV4_HEADER : IPV6_HEADER) + UDP_HEADER + data.length;
    // A buffer transferred away (detached) cannot be copied: EFAULT, as C reports a bad buffer.
    let payload: Uint8Array;
    try {
      payload = data.slice();
    } catch (detached) {
      return EFAULT;
    }
    for (const target of targets) {
      if (size > (target === this ? this.loopback.options.mtu : this.firstHopMtu(target))) return EMSGSIZE;
    }
    for (const target of targets) {
      const p = new Packet();
      p.v6 = to.addr.length === 16;
      p.src = source;
      p.dst = to.addr.slice();
      p.protocol = PROTO_UDP;
      p.ttl = ttl > 0 ? ttl : 1;
      p.tos = socket.tos;
      p.srcPort = local.port;
      p.dstPort = to.port;
      p.payload = payload;
      p.origin = this;
      p.target = target;
      this.sendPacket(p);
    }
    return 0;
  }

  private firstHopMtu(target: Station): number {
    const link = this.net.nextLink(this, target);
    return link ? link.options.mtu : 0;
  }

  // ---- Receiving -------------------------------------------------------

  receive(packet: Packet): void {
    if (packet.target !== this) {
      this.forward(packet);
      return;
    }
    if (packet.corrupt) {
      this.stats.corrupted++;
      return;
    }
    const protocol = packet.protocol;
    if (protocol === PROTO_TCP) this.receiveTcp(packet);
    else if (protocol === PROTO_UDP) this.receiveUdp(packet);
    else if (protocol === PROTO_ICMP || protocol === PROTO_ICMPV6) this.receiveIcmp(packet);
  }

  private forward(packet: Packet): void {
    if (packet.ttl <= 1) {
      this.stats.unroutable++;
      return;
    }
    const link = this.net.nextLink(this, packet.target!);
    if (!link) {
      this.stats.unroutable++;
      return;
    }
    const copy = packet.clone();
    copy.ttl = packet.ttl - 1;
    link.transmit(copy, this);
  }

  private receiveTcp(packet: Packet): void {
    const list = this.connections.get(packet.dstPort * 65536 + packet.srcPort);
    if (list) {
      for (const connection of list) {
        if (connection.matches(packet)) {
          connection.input(packet);
          return;
        }
      }
    }
    if (packet.flags & TCP_SYN && !(packet.flags & TCP_ACK)) {
      const listener = this.findListener(packet.dst, packet.dstPort);
      if (listener) {
        listener.onSyn(packet);
        return;
      }
    }
    this.stats.unmatched++;
    this.refuseSegment(packet);
  }


  /** Answers a segment nobody wants with RST, as RFC 793 says (never a RST for a RST). */
  refuseSegment(packet: Packet): void {
    if (packet.flags & TCP_RST) return;
    const p = new Packet();
    p.v6 = packet.v6;
    p.src = packet.dst;
    p.dst = packet.src;
    p.protocol = PROTO_TCP;
    p.srcPort = packet.dstPort;
    p.dstPort = packet.srcPort;
    if (packet.flags & TCP_ACK) {
      p.seq = packet.ack;
      p.flags = TCP_RST;
    } else {
      const length = packet.payload.length + (packet.flags & TCP_SYN ? 1 : 0) + (packet.flags & TCP_FIN ? 1 : 0);
      p.ack = (packet.seq + length) >>> 0;
      p.flags = TCP_RST | TCP_ACK;
    }
    p.origin = this;
    p.target = packet.origin;
    this.sendPacket(p);
  }

  private receiveUdp(packet: Packet): void {
    const list = this.udpSockets.get(packet.dstPort);
    const from: Endpoint = { family: packet.v6 ? AF_INET6 : AF_INET, addr: packet.src, port: packet.srcPort };
    const dst = packet.dst;
    let delivered = false;
    if (list) {
      const group = isMulticast(dst);
      const broadcast = !group && isBroadcast(dst) && !this.owns(dst);
      let wildcard: UdpSocketImpl | null = null;
      for (const socket of list) {
        if (socket.local.addr.length !== dst.length) continue;
        if (group || broadcast) {
          // Every member (or every socket on the port) gets its own copy.
          if (group ? socket.joined(dst) : isUnspecified(socket.local.addr) || sameAddress(socket.local.addr, dst)) {
            socket.deliver(packet.payload, from);
            delivered = true;
          }
        } else if (sameAddress(socket.local.addr, dst)) {
          socket.deliver(packet.payload, from);
          return;
        } else if (isUnspecified(socket.local.addr)) wildcard = socket;
      }
      if (wildcard && !delivered) {
        wildcard.deliver(packet.payload, from);
        delivered = true;
      }
    }
    if (!delivered && !isMulticast(dst) && !isBroadcast(dst)) this.sendPortUnreachable(packet);
  }

  private sendPortUnreachable(packet: Packet): void {
    const p = new Packet();
    p.v6 = packet.v6;
    p.src = packet.dst;
    p.dst = packet.src;
    p.protocol = packet.v6 ? PROTO_ICMPV6 : PROTO_ICMP;
    p.icmpType = packet.v6 ? 1 : 3;
    p.icmpCode = packet.v6 ? 4 : 3;
    p.quoted = packet;
    p.origin = this;
    p.target = packet.origin;
    this.sendPacket(p);
  }

  private receiveIcmp(packet: Packet): void {
    const quoted = packet.quoted;
    if (!quoted || quoted.protocol !== PROTO_UDP) return;
    const unreachable = packet.v6 ? packet.icmpType === 1 : packet.icmpType === 3;
    if (!unreachable) return;
    for (const socket of this.udpSockets.get(quoted.srcPort) || []) {
      if (isUnspecified(socket.local.addr) || sameAddress(socket.local.addr, quoted.src)) {
        socket.reportError(ECONNREFUSED);
        return;
      }
    }
  }
}

