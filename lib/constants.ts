/**
 * Every numeric constant of Zephyr's socket API, with Zephyr's names and
 * values (include/zephyr/net/net_ip.h, socket.h, socket_select.h,
 * dns_resolve.h, sys/fdtable.h, posix/fcntl.h, posix/netdb.h).
 *
 * Plain `export const` lines, so a bundler inlines the ones a program uses
 * and drops the rest. The POSIX names of the ZSOCK_-prefixed constants
 * (POLLIN, MSG_PEEK, SHUT_RD, FD_SETSIZE, ...) are exported by zsockjs/posix.
 */

import { in6_addr } from './sockaddr';

/* Protocol and address families (net_ip.h). */
export const PF_UNSPEC = 0;
export const PF_INET = 1;
export const PF_INET6 = 2;
export const PF_PACKET = 3;
export const PF_CAN = 4;
export const PF_NET_MGMT = 5;
export const PF_LOCAL = 6;
export const PF_UNIX = 6;
export const AF_UNSPEC = 0;
export const AF_INET = 1;
export const AF_INET6 = 2;
export const AF_PACKET = 3;
export const AF_CAN = 4;
export const AF_NET_MGMT = 5;
export const AF_LOCAL = 6;
export const AF_UNIX = 6;

/* Socket types (net_ip.h). */
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_RAW = 3;

/* Protocol numbers (net_ip.h). IPPROTO_IP/TCP/IPV6 double as option levels. */
export const IPPROTO_IP = 0;
export const IPPROTO_ICMP = 1;
export const IPPROTO_IGMP = 2;
export const IPPROTO_ETH_P_ALL = 3;
export const IPPROTO_IPIP = 4;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_IPV6 = 41;
export const IPPROTO_ICMPV6 = 58;
export const IPPROTO_RAW = 255;
export const IPPROTO_TLS_1_0 = 256;
export const IPPROTO_TLS_1_1 = 257;
export const IPPROTO_TLS_1_2 = 258;
export const IPPROTO_TLS_1_3 = 259;
export const IPPROTO_DTLS_1_0 = 272;
export const IPPROTO_DTLS_1_2 = 273;

/* poll() events (socket.h; equal to Linux's). */
export const ZSOCK_POLLIN = 0x1;
export const ZSOCK_POLLPRI = 0x2;
export const ZSOCK_POLLOUT = 0x4;
export const ZSOCK_POLLERR = 0x8;
export const ZSOCK_POLLHUP = 0x10;
export const ZSOCK_POLLNVAL = 0x20;

/* send/recv flags (socket.h). */
export const ZSOCK_MSG_PEEK = 0x02;
export const ZSOCK_MSG_CTRUNC = 0x08;
export const ZSOCK_MSG_TRUNC = 0x20;
export const ZSOCK_MSG_DONTWAIT = 0x40;
export const ZSOCK_MSG_WAITALL = 0x100;

/* shutdown() (socket.h). */
export const ZSOCK_SHUT_RD = 0;
export const ZSOCK_SHUT_WR = 1;
export const ZSOCK_SHUT_RDWR = 2;

/* SOL_SOCKET level (socket.h). SOL_SOCKET is 1 as on Linux, not BSD's 0xffff. */
export const SOL_SOCKET = 1;
export const SO_DEBUG = 1;
export const SO_REUSEADDR = 2;
export const SO_TYPE = 3;
export const SO_ERROR = 4;
export const SO_DONTROUTE = 5;
export const SO_BROADCAST = 6;
export const SO_SNDBUF = 7;
export const SO_RCVBUF = 8;
export const SO_KEEPALIVE = 9;
export const SO_OOBINLINE = 10;
export const SO_PRIORITY = 12;
export const SO_LINGER = 13;
export const SO_REUSEPORT = 15;
export const SO_RCVLOWAT = 18;
export const SO_SNDLOWAT = 19;
export const SO_RCVTIMEO = 20;
export const SO_SNDTIMEO = 21;
export const SO_BINDTODEVICE = 25;
export const SO_ACCEPTCONN = 30;
export const SO_TIMESTAMPING = 37;
export const SO_PROTOCOL = 38;
export const SO_DOMAIN = 39;
export const SO_SOCKS5 = 60;
export const SO_TXTIME = 61;
export const SCM_TXTIME = 61;
export const SOF_TIMESTAMPING_RX_HARDWARE = 0x1;
export const SOF_TIMESTAMPING_TX_HARDWARE = 0x2;

/* listen() backlog limit (socket.h). */
export const SOMAXCONN = 128;

/* IPPROTO_TCP level (socket.h). */
export const TCP_NODELAY = 1;
export const TCP_KEEPIDLE = 2;
export const TCP_KEEPINTVL = 3;
export const TCP_KEEPCNT = 4;

/* IPPROTO_IP level (socket.h). */
export const IP_TOS = 1;
export const IP_TTL = 2;
export const IP_PKTINFO = 8;
export const IP_MTU = 14;
export const IP_MULTICAST_IF = 32;
export const IP_MULTICAST_TTL = 33;
export const IP_MULTICAST_LOOP = 34;
export const IP_ADD_MEMBERSHIP = 35;
export const IP_DROP_MEMBERSHIP = 36;
export const IP_LOCAL_PORT_RANGE = 51;

/* IPPROTO_IPV6 level (socket.h). */
export const IPV6_UNICAST_HOPS = 16;
export const IPV6_MULTICAST_IF = 17;
export const IPV6_MULTICAST_HOPS = 18;
export const IPV6_MULTICAST_LOOP = 19;
export const IPV6_ADD_MEMBERSHIP = 20;
export const IPV6_DROP_MEMBERSHIP = 21;
export const IPV6_JOIN_GROUP = 20;
export const IPV6_LEAVE_GROUP = 21;
export const IPV6_MTU = 24;
export const IPV6_V6ONLY = 26;
export const IPV6_RECVPKTINFO = 49;
export const IPV6_TCLASS = 67;
export const IPV6_ADDR_PREFERENCES = 72;
export const IPV6_PREFER_SRC_TMP = 0x0001;
export const IPV6_PREFER_SRC_PUBLIC = 0x0002;
export const IPV6_PREFER_SRC_COA = 0x0004;
export const IPV6_PREFER_SRC_CGA = 0x0008;
export const IPV6_PREFER_SRC_PUBTMP_DEFAULT = 0x0100;
export const IPV6_PREFER_SRC_HOME = 0x0400;
export const IPV6_PREFER_SRC_NONCGA = 0x0800;

/* SOL_TLS level and its option values (socket.h). */
export const SOL_TLS = 282;
export const TLS_SEC_TAG_LIST = 1;
export const TLS_HOSTNAME = 2;
export const TLS_CIPHERSUITE_LIST = 3;
export const TLS_CIPHERSUITE_USED = 4;
export const TLS_PEER_VERIFY = 5;
export const TLS_DTLS_ROLE = 6;
export const TLS_ALPN_LIST = 7;
export const TLS_DTLS_HANDSHAKE_TIMEOUT_MIN = 8;
export const TLS_DTLS_HANDSHAKE_TIMEOUT_MAX = 9;
export const TLS_CERT_NOCOPY = 10;
export const TLS_NATIVE = 11;
export const TLS_SESSION_CACHE = 12;
export const TLS_SESSION_CACHE_PURGE = 13;
export const TLS_DTLS_CID = 14;
export const TLS_DTLS_CID_STATUS = 15;
export const TLS_DTLS_CID_VALUE = 16;
export const TLS_DTLS_PEER_CID_VALUE = 17;
export const TLS_DTLS_HANDSHAKE_ON_CONNECT = 18;
export const TLS_PEER_VERIFY_NONE = 0;
export const TLS_PEER_VERIFY_OPTIONAL = 1;
export const TLS_PEER_VERIFY_REQUIRED = 2;
export const TLS_DTLS_ROLE_CLIENT = 0;
export const TLS_DTLS_ROLE_SERVER = 1;
export const TLS_CERT_NOCOPY_NONE = 0;
export const TLS_CERT_NOCOPY_OPTIONAL = 1;
export const TLS_SESSION_CACHE_DISABLED = 0;
export const TLS_SESSION_CACHE_ENABLED = 1;
export const TLS_DTLS_CID_DISABLED = 0;
export const TLS_DTLS_CID_SUPPORTED = 1;
export const TLS_DTLS_CID_ENABLED = 2;
export const TLS_DTLS_CID_STATUS_DISABLED = 0;
export const TLS_DTLS_CID_STATUS_DOWNLINK = 1;
export const TLS_DTLS_CID_STATUS_UPLINK = 2;
export const TLS_DTLS_CID_STATUS_BIDIRECTIONAL = 3;

/* fcntl() (posix/fcntl.h). */
export const F_DUPFD = 0;
export const F_GETFL = 3;
export const F_SETFL = 4;
export const O_NONBLOCK = 0x4000;

/* ioctl() requests (sys/fdtable.h), and their POSIX names (posix/sys/ioctl.h). */
export const ZFD_IOCTL_FIONREAD = 0x541b;
export const ZFD_IOCTL_FIONBIO = 0x5421;
export const FIONREAD = 0x541b;
export const FIONBIO = 0x5421;

/* getaddrinfo() hint flags (socket.h). */
export const AI_PASSIVE = 0x1;
export const AI_CANONNAME = 0x2;
export const AI_NUMERICHOST = 0x4;
export const AI_V4MAPPED = 0x8;
export const AI_ALL = 0x10;
export const AI_ADDRCONFIG = 0x20;
export const AI_NUMERICSERV = 0x400;
export const AI_EXTFLAGS = 0x800;

/* getnameinfo() flags and buffer sizes (socket.h; NI_MAXSERV from posix/netdb.h). */
export const NI_NUMERICHOST = 1;
export const NI_NUMERICSERV = 2;
export const NI_NOFQDN = 4;
export const NI_NAMEREQD = 8;
export const NI_DGRAM = 16;
export const NI_MAXHOST = 64;
export const NI_MAXSERV = 32;

/* getaddrinfo() results (dns_resolve.h: enum dns_resolve_status). */
export const DNS_EAI_BADFLAGS = -1;
export const DNS_EAI_NONAME = -2;
export const DNS_EAI_AGAIN = -3;
export const DNS_EAI_FAIL = -4;
export const DNS_EAI_NODATA = -5;
export const DNS_EAI_FAMILY = -6;
export const DNS_EAI_SOCKTYPE = -7;
export const DNS_EAI_SERVICE = -8;
export const DNS_EAI_ADDRFAMILY = -9;
export const DNS_EAI_MEMORY = -10;
export const DNS_EAI_SYSTEM = -11;
export const DNS_EAI_OVERFLOW = -12;
export const DNS_EAI_INPROGRESS = -100;
export const DNS_EAI_CANCELED = -101;
export const DNS_EAI_NOTCANCELED = -102;
export const DNS_EAI_ALLDONE = -103;
export const DNS_EAI_IDN_ENCODE = -105;

/* The EAI_* names Zephyr maps onto DNS_EAI_* (posix/netdb.h). */
export const EAI_BADFLAGS = -1;
export const EAI_NONAME = -2;
export const EAI_AGAIN = -3;
export const EAI_FAIL = -4;
export const EAI_NODATA = -5;
export const EAI_FAMILY = -6;
export const EAI_SOCKTYPE = -7;
export const EAI_SERVICE = -8;
export const EAI_MEMORY = -10;
export const EAI_SYSTEM = -11;
export const EAI_OVERFLOW = -12;

/* Text sizes of addresses, with the terminating NUL (net_ip.h). */
export const INET_ADDRSTRLEN = 16;
export const INET6_ADDRSTRLEN = 46;

/**
 * Descriptors a zsock_fd_set holds. Zephyr's rule is the descriptor table size
 * (CONFIG_ZVFS_OPEN_MAX) rounded up to a multiple of 32, so every descriptor
 * fits a set; zsockjs's table holds 64 by default (lib/fdtable.ts), hence 64.
 */
export const ZSOCK_FD_SETSIZE = 64;

/**
 * IPv4 addresses as host-order numbers, as in C: store them with
 * `addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK)`. INADDR_LOOPBACK is POSIX;
 * Zephyr itself only has the byte initialiser INADDR_LOOPBACK_INIT.
 */
export const INADDR_ANY = 0;
export const INADDR_BROADCAST = 0xffffffff;
export const INADDR_LOOPBACK = 0x7f000001;

/**
 * in6addr_any (::). A function returning a fresh struct, because a shared
 * module-level object could be written to by mistake, which C's const forbids:
 * `addr.sin6_addr.s6_addr.set(in6addr_any().s6_addr)`.
 */
export function in6addr_any(): in6_addr {
  return new in6_addr();
}

/** in6addr_loopback (::1), fresh on each call; see in6addr_any. */
export function in6addr_loopback(): in6_addr {
  const address = new in6_addr();
  address.s6_addr[15] = 1;
  return address;
}
