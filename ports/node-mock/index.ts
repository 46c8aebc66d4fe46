/**
 * zsockjs/ports/node-mock: a deterministic simulated network for host tests
 * and demos. `createMockNetwork()` builds hosts and links; `net.port(host)`
 * is the Port the core runs on. Runs on any JavaScript engine (the pcap
 * file writer lives in ./pcap-file, apart, because it needs node:fs).
 *
 * @module
 */
export { createMockNetwork, MockNetwork, type NetworkOptions, type HostOptions } from './network';
export type { Host, HostStats, NetworkCore } from './host';
export type { Link, LinkStats, FrameTap } from './link';
export { MockPort } from './port';
export { Capture, type CaptureOptions } from './capture';
export type { FrameFilter, Faults } from './faults';
export type { VirtualClock } from './clock';
export type { SeededRandom } from './random';
export { describeBlocked, LimitError, type BlockedCall, type RealtimeTimers } from './drivers';
export { DEFAULT_LINK, DEFAULT_TCP, DEFAULT_UDP, LOOPBACK_LINK, type LinkOptions, type TcpOptions, type UdpOptions } from './options';
export { AF_INET, AF_INET6, address, formatAddress, parseAddress } from './ip';
export { frameBytes, pcapFile, type PcapRecord } from './pcap';
export {
  dnsServer,
  tcpClient,
  tcpEchoServer,
  tcpRefuser,
  tcpResetAfter,
  tcpServer,
  tcpStaller,
  udpEchoServer,
  udpResponder,
  type DatagramPeer,
  type PeerConnection,
  type PeerScript,
  type PeerServer,
} from './peers';
export { answerDnsQuery, buildQuery, parseQuestion, DNS_TYPE_A, DNS_TYPE_AAAA, DNS_TYPE_CNAME, type DnsZone } from './dns-server';
