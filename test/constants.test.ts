import { describe, expect, it } from 'vitest';
import * as constants from '../lib/constants';
import { in6_addr } from '../lib/sockaddr';

/**
 * Zephyr's values, read from include/zephyr/net/net_ip.h, socket.h,
 * dns_resolve.h, sys/fdtable.h, posix/fcntl.h and posix/netdb.h
 * (see shared reference zephyr-semantics.md sections 16 and 19).
 */
const ZEPHYR: { [name: string]: number } = {
  PF_UNSPEC: 0, PF_INET: 1, PF_INET6: 2, PF_PACKET: 3, PF_CAN: 4, PF_NET_MGMT: 5, PF_LOCAL: 6, PF_UNIX: 6,
  AF_UNSPEC: 0, AF_INET: 1, AF_INET6: 2, AF_PACKET: 3, AF_CAN: 4, AF_NET_MGMT: 5, AF_LOCAL: 6, AF_UNIX: 6,
  SOCK_STREAM: 1, SOCK_DGRAM: 2, SOCK_RAW: 3,
  IPPROTO_IP: 0, IPPROTO_ICMP: 1, IPPROTO_IGMP: 2, IPPROTO_ETH_P_ALL: 3, IPPROTO_IPIP: 4, IPPROTO_TCP: 6,
  IPPROTO_UDP: 17, IPPROTO_IPV6: 41, IPPROTO_ICMPV6: 58, IPPROTO_RAW: 255,
  IPPROTO_TLS_1_0: 256, IPPROTO_TLS_1_1: 257, IPPROTO_TLS_1_2: 258, IPPROTO_TLS_1_3: 259,
  IPPROTO_DTLS_1_0: 272, IPPROTO_DTLS_1_2: 273,
  ZSOCK_POLLIN: 0x1, ZSOCK_POLLPRI: 0x2, ZSOCK_POLLOUT: 0x4, ZSOCK_POLLERR: 0x8, ZSOCK_POLLHUP: 0x10,
  ZSOCK_POLLNVAL: 0x20,
  ZSOCK_MSG_PEEK: 0x02, ZSOCK_MSG_CTRUNC: 0x08, ZSOCK_MSG_TRUNC: 0x20, ZSOCK_MSG_DONTWAIT: 0x40,
  ZSOCK_MSG_WAITALL: 0x100,
  ZSOCK_SHUT_RD: 0, ZSOCK_SHUT_WR: 1, ZSOCK_SHUT_RDWR: 2,
  SOL_SOCKET: 1, SO_DEBUG: 1, SO_REUSEADDR: 2, SO_TYPE: 3, SO_ERROR: 4, SO_DONTROUTE: 5, SO_BROADCAST: 6,
  SO_SNDBUF: 7, SO_RCVBUF: 8, SO_KEEPALIVE: 9, SO_OOBINLINE: 10, SO_PRIORITY: 12, SO_LINGER: 13,
  SO_REUSEPORT: 15, SO_RCVLOWAT: 18, SO_SNDLOWAT: 19, SO_RCVTIMEO: 20, SO_SNDTIMEO: 21, SO_BINDTODEVICE: 25,
  SO_ACCEPTCONN: 30, SO_TIMESTAMPING: 37, SO_PROTOCOL: 38, SO_DOMAIN: 39, SO_SOCKS5: 60, SO_TXTIME: 61,
  SCM_TXTIME: 61, SOF_TIMESTAMPING_RX_HARDWARE: 1, SOF_TIMESTAMPING_TX_HARDWARE: 2,
  SOMAXCONN: 128,
  TCP_NODELAY: 1, TCP_KEEPIDLE: 2, TCP_KEEPINTVL: 3, TCP_KEEPCNT: 4,
  IP_TOS: 1, IP_TTL: 2, IP_PKTINFO: 8, IP_MTU: 14, IP_MULTICAST_IF: 32, IP_MULTICAST_TTL: 33,
  IP_MULTICAST_LOOP: 34, IP_ADD_MEMBERSHIP: 35, IP_DROP_MEMBERSHIP: 36, IP_LOCAL_PORT_RANGE: 51,
  IPV6_UNICAST_HOPS: 16, IPV6_MULTICAST_IF: 17, IPV6_MULTICAST_HOPS: 18, IPV6_MULTICAST_LOOP: 19,
  IPV6_ADD_MEMBERSHIP: 20, IPV6_DROP_MEMBERSHIP: 21, IPV6_JOIN_GROUP: 20, IPV6_LEAVE_GROUP: 21, IPV6_MTU: 24,
  IPV6_V6ONLY: 26, IPV6_RECVPKTINFO: 49, IPV6_TCLASS: 67, IPV6_ADDR_PREFERENCES: 72,
  IPV6_PREFER_SRC_TMP: 0x1, IPV6_PREFER_SRC_PUBLIC: 0x2, IPV6_PREFER_SRC_COA: 0x4, IPV6_PREFER_SRC_CGA: 0x8,
  IPV6_PREFER_SRC_PUBTMP_DEFAULT: 0x100, IPV6_PREFER_SRC_HOME: 0x400, IPV6_PREFER_SRC_NONCGA: 0x800,
  SOL_TLS: 282, TLS_SEC_TAG_LIST: 1, TLS_HOSTNAME: 2, TLS_CIPHERSUITE_LIST: 3, TLS_CIPHERSUITE_USED: 4,
  TLS_PEER_VERIFY: 5, TLS_DTLS_ROLE: 6, TLS_ALPN_LIST: 7, TLS_DTLS_HANDSHAKE_TIMEOUT_MIN: 8,
  TLS_DTLS_HANDSHAKE_TIMEOUT_MAX: 9, TLS_CERT_NOCOPY: 10, TLS_NATIVE: 11, TLS_SESSION_CACHE: 12,
  TLS_SESSION_CACHE_PURGE: 13, TLS_DTLS_CID: 14, TLS_DTLS_CID_STATUS: 15, TLS_DTLS_CID_VALUE: 16,
  TLS_DTLS_PEER_CID_VALUE: 17, TLS_DTLS_HANDSHAKE_ON_CONNECT: 18,
  TLS_PEER_VERIFY_NONE: 0, TLS_PEER_VERIFY_OPTIONAL: 1, TLS_PEER_VERIFY_REQUIRED: 2,
  TLS_DTLS_ROLE_CLIENT: 0, TLS_DTLS_ROLE_SERVER: 1, TLS_CERT_NOCOPY_NONE: 0, TLS_CERT_NOCOPY_OPTIONAL: 1,
  TLS_SESSION_CACHE_DISABLED: 0, TLS_SESSION_CACHE_ENABLED: 1,
  TLS_DTLS_CID_DISABLED: 0, TLS_DTLS_CID_SUPPORTED: 1, TLS_DTLS_CID_ENABLED: 2,
  TLS_DTLS_CID_STATUS_DISABLED: 0, TLS_DTLS_CID_STATUS_DOWNLINK: 1, TLS_DTLS_CID_STATUS_UPLINK: 2,
  TLS_DTLS_CID_STATUS_BIDIRECTIONAL: 3,
  F_DUPFD: 0, F_GETFL: 3, F_SETFL: 4, O_NONBLOCK: 0x4000,
  ZFD_IOCTL_FIONREAD: 0x541b, ZFD_IOCTL_FIONBIO: 0x5421, FIONREAD: 0x541b, FIONBIO: 0x5421,
  AI_PASSIVE: 0x1, AI_CANONNAME: 0x2, AI_NUMERICHOST: 0x4, AI_V4MAPPED: 0x8, AI_ALL: 0x10, AI_ADDRCONFIG: 0x20,
  AI_NUMERICSERV: 0x400, AI_EXTFLAGS: 0x800,
  NI_NUMERICHOST: 1, NI_NUMERICSERV: 2, NI_NOFQDN: 4, NI_NAMEREQD: 8, NI_DGRAM: 16, NI_MAXHOST: 64,
  NI_MAXSERV: 32,
  DNS_EAI_BADFLAGS: -1, DNS_EAI_NONAME: -2, DNS_EAI_AGAIN: -3, DNS_EAI_FAIL: -4, DNS_EAI_NODATA: -5,
  DNS_EAI_FAMILY: -6, DNS_EAI_SOCKTYPE: -7, DNS_EAI_SERVICE: -8, DNS_EAI_ADDRFAMILY: -9, DNS_EAI_MEMORY: -10,
  DNS_EAI_SYSTEM: -11, DNS_EAI_OVERFLOW: -12, DNS_EAI_INPROGRESS: -100, DNS_EAI_CANCELED: -101,
  DNS_EAI_NOTCANCELED: -102, DNS_EAI_ALLDONE: -103, DNS_EAI_IDN_ENCODE: -105,
  EAI_BADFLAGS: -1, EAI_NONAME: -2, EAI_AGAIN: -3, EAI_FAIL: -4, EAI_NODATA: -5, EAI_FAMILY: -6,
  EAI_SOCKTYPE: -7, EAI_SERVICE: -8, EAI_MEMORY: -10, EAI_SYSTEM: -11, EAI_OVERFLOW: -12,
  INET_ADDRSTRLEN: 16, INET6_ADDRSTRLEN: 46,
  // ROUND_UP(descriptor table size, 32) with zsockjs's 64-entry table (Zephyr's rule; see constants.ts).
  ZSOCK_FD_SETSIZE: 64,
  INADDR_ANY: 0, INADDR_BROADCAST: 0xffffffff, INADDR_LOOPBACK: 0x7f000001,
};

const exported = constants as unknown as { [name: string]: unknown };

describe('constants', () => {
  it("every constant has Zephyr's value, and none is missing from the table", () => {
    const exportedNumbers: { [name: string]: unknown } = {};
    for (const name of Object.keys(exported)) {
      if (typeof exported[name] === 'number') {
        exportedNumbers[name] = exported[name];
      }
    }
    const expected: { [name: string]: unknown } = { ...ZEPHYR };
    expect(exportedNumbers).toEqual(expected);
    const others = Object.keys(exported).filter((name) => typeof exported[name] !== 'number');
    expect(others.sort()).toEqual(['in6addr_any', 'in6addr_loopback']);
  });

  it('in6addr_any and in6addr_loopback give ::, ::1, fresh each time', () => {
    const any = constants.in6addr_any();
    const loopback = constants.in6addr_loopback();
    expect(any).toBeInstanceOf(in6_addr);
    expect(Array.from(any.s6_addr)).toEqual(new Array(16).fill(0));
    expect(Array.from(loopback.s6_addr)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    any.s6_addr[0] = 0xff;
    loopback.s6_addr[15] = 7;
    expect(constants.in6addr_any().s6_addr[0]).toBe(0);
    expect(constants.in6addr_loopback().s6_addr[15]).toBe(1);
  });
});
