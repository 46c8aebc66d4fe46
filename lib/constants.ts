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
/** Protocol family: unspecified. Mirrors `PF_UNSPEC` of include/zephyr/net/net_ip.h. */ export const PF_UNSPEC = 0;
/** Protocol family: IPv4. Mirrors `PF_INET` of include/zephyr/net/net_ip.h. */ export const PF_INET = 1;
/** Protocol family: IPv6. Mirrors `PF_INET6` of include/zephyr/net/net_ip.h. */ export const PF_INET6 = 2;
/** Protocol family: raw link-layer packets (no provider in zsockjs: socket() answers EAFNOSUPPORT). Mirrors `PF_PACKET` of include/zephyr/net/net_ip.h. */ export const PF_PACKET = 3;
/** Protocol family: CAN bus (no provider in zsockjs). Mirrors `PF_CAN` of include/zephyr/net/net_ip.h. */ export const PF_CAN = 4;
/** Protocol family: Zephyr network management events (no provider in zsockjs). Mirrors `PF_NET_MGMT` of include/zephyr/net/net_ip.h. */ export const PF_NET_MGMT = 5;
/** Protocol family: local (Unix-domain) sockets; zsock_socketpair accepts it. Mirrors `PF_LOCAL` of include/zephyr/net/net_ip.h. */ export const PF_LOCAL = 6;
/** Protocol family: Unix domain, the same number as PF_LOCAL. Mirrors `PF_UNIX` of include/zephyr/net/net_ip.h. */ export const PF_UNIX = 6;
/** Address family: unspecified; getaddrinfo hints with it ask for both IPv4 and IPv6. Mirrors `AF_UNSPEC` of include/zephyr/net/net_ip.h. */ export const AF_UNSPEC = 0;
/** Address family: IPv4 (`sockaddr_in`). Mirrors `AF_INET` of include/zephyr/net/net_ip.h. */ export const AF_INET = 1;
/** Address family: IPv6 (`sockaddr_in6`). Mirrors `AF_INET6` of include/zephyr/net/net_ip.h. */ export const AF_INET6 = 2;
/** Address family: raw link-layer packets (no provider in zsockjs: socket() answers EAFNOSUPPORT). Mirrors `AF_PACKET` of include/zephyr/net/net_ip.h. */ export const AF_PACKET = 3;
/** Address family: CAN bus (no provider in zsockjs). Mirrors `AF_CAN` of include/zephyr/net/net_ip.h. */ export const AF_CAN = 4;
/** Address family: Zephyr network management events (no provider in zsockjs). Mirrors `AF_NET_MGMT` of include/zephyr/net/net_ip.h. */ export const AF_NET_MGMT = 5;
/** Address family: local (Unix-domain) sockets; zsock_socketpair accepts it. Mirrors `AF_LOCAL` of include/zephyr/net/net_ip.h. */ export const AF_LOCAL = 6;
/** Address family: Unix domain, the same number as AF_LOCAL. Mirrors `AF_UNIX` of include/zephyr/net/net_ip.h. */ export const AF_UNIX = 6;

/* Socket types (net_ip.h). */
/** Socket type: a reliable byte stream (TCP; socketpair). Mirrors `SOCK_STREAM` of include/zephyr/net/net_ip.h. */ export const SOCK_STREAM = 1;
/** Socket type: datagrams (UDP; socketpair). Mirrors `SOCK_DGRAM` of include/zephyr/net/net_ip.h. */ export const SOCK_DGRAM = 2;
/** Socket type: raw packets (no provider in zsockjs: socket() answers EPROTONOSUPPORT or EAFNOSUPPORT). Mirrors `SOCK_RAW` of include/zephyr/net/net_ip.h. */ export const SOCK_RAW = 3;

/* Protocol numbers (net_ip.h). IPPROTO_IP/TCP/IPV6 double as option levels. */
/** Protocol 0: the default protocol of the type; also the IPv4 option level for get/setsockopt. Mirrors `IPPROTO_IP` of include/zephyr/net/net_ip.h. */ export const IPPROTO_IP = 0;
/** Protocol number of ICMP. Mirrors `IPPROTO_ICMP` of include/zephyr/net/net_ip.h. */ export const IPPROTO_ICMP = 1;
/** Protocol number of IGMP. Mirrors `IPPROTO_IGMP` of include/zephyr/net/net_ip.h. */ export const IPPROTO_IGMP = 2;
/** Zephyr's protocol value for every Ethernet protocol on AF_PACKET sockets. Mirrors `IPPROTO_ETH_P_ALL` of include/zephyr/net/net_ip.h. */ export const IPPROTO_ETH_P_ALL = 3;
/** Protocol number of IP-in-IP. Mirrors `IPPROTO_IPIP` of include/zephyr/net/net_ip.h. */ export const IPPROTO_IPIP = 4;
/** Protocol number of TCP; also the TCP option level (TCP_NODELAY, TCP_KEEP*). Mirrors `IPPROTO_TCP` of include/zephyr/net/net_ip.h. */ export const IPPROTO_TCP = 6;
/** Protocol number of UDP. Mirrors `IPPROTO_UDP` of include/zephyr/net/net_ip.h. */ export const IPPROTO_UDP = 17;
/** Protocol number of IPv6; also the IPv6 option level (IPV6_*). Mirrors `IPPROTO_IPV6` of include/zephyr/net/net_ip.h. */ export const IPPROTO_IPV6 = 41;
/** Protocol number of ICMPv6. Mirrors `IPPROTO_ICMPV6` of include/zephyr/net/net_ip.h. */ export const IPPROTO_ICMPV6 = 58;
/** Raw IP packets. Mirrors `IPPROTO_RAW` of include/zephyr/net/net_ip.h. */ export const IPPROTO_RAW = 255;
/** Zephyr's protocol value for a TLS 1.0 stream socket (no TLS provider in zsockjs). Mirrors `IPPROTO_TLS_1_0` of include/zephyr/net/socket.h. */ export const IPPROTO_TLS_1_0 = 256;
/** Zephyr's protocol value for a TLS 1.1 stream socket (no TLS provider in zsockjs). Mirrors `IPPROTO_TLS_1_1` of include/zephyr/net/socket.h. */ export const IPPROTO_TLS_1_1 = 257;
/** Zephyr's protocol value for a TLS 1.2 stream socket (no TLS provider in zsockjs). Mirrors `IPPROTO_TLS_1_2` of include/zephyr/net/socket.h. */ export const IPPROTO_TLS_1_2 = 258;
/** Zephyr's protocol value for a TLS 1.3 stream socket (no TLS provider in zsockjs). Mirrors `IPPROTO_TLS_1_3` of include/zephyr/net/socket.h. */ export const IPPROTO_TLS_1_3 = 259;
/** Zephyr's protocol value for a DTLS 1.0 datagram socket (no TLS provider in zsockjs). Mirrors `IPPROTO_DTLS_1_0` of include/zephyr/net/socket.h. */ export const IPPROTO_DTLS_1_0 = 272;
/** Zephyr's protocol value for a DTLS 1.2 datagram socket (no TLS provider in zsockjs). Mirrors `IPPROTO_DTLS_1_2` of include/zephyr/net/socket.h. */ export const IPPROTO_DTLS_1_2 = 273;

/* poll() events (socket.h; equal to Linux's). */
/** poll event: data to read, a connection to accept, or EOF (POSIX name POLLIN). Mirrors `ZSOCK_POLLIN` of include/zephyr/net/socket.h. */ export const ZSOCK_POLLIN = 0x1;
/** poll event: urgent data (never reported by zsockjs; POSIX name POLLPRI). Mirrors `ZSOCK_POLLPRI` of include/zephyr/net/socket.h. */ export const ZSOCK_POLLPRI = 0x2;
/** poll event: room to write, or a non-blocking connect finished (POSIX name POLLOUT). Mirrors `ZSOCK_POLLOUT` of include/zephyr/net/socket.h. */ export const ZSOCK_POLLOUT = 0x4;
/** poll event, always reported: a pending error, read with SO_ERROR (POSIX name POLLERR). Mirrors `ZSOCK_POLLERR` of include/zephyr/net/socket.h. */ export const ZSOCK_POLLERR = 0x8;
/** poll event, always reported: the peer closed or the connection is gone (POSIX name POLLHUP). Mirrors `ZSOCK_POLLHUP` of include/zephyr/net/socket.h. */ export const ZSOCK_POLLHUP = 0x10;
/** poll event, always reported: the descriptor is not open (POSIX name POLLNVAL). Mirrors `ZSOCK_POLLNVAL` of include/zephyr/net/socket.h. */ export const ZSOCK_POLLNVAL = 0x20;

/* send/recv flags (socket.h). */
/** recv flag: return data without taking it from the queue (POSIX name MSG_PEEK). Mirrors `ZSOCK_MSG_PEEK` of include/zephyr/net/socket.h. */ export const ZSOCK_MSG_PEEK = 0x02;
/** recvmsg result flag: control data was cut short (POSIX name MSG_CTRUNC). Mirrors `ZSOCK_MSG_CTRUNC` of include/zephyr/net/socket.h. */ export const ZSOCK_MSG_CTRUNC = 0x08;
/** recv flag: return the real length of a datagram larger than the buffer; recvmsg result flag: the datagram was cut (POSIX name MSG_TRUNC). Mirrors `ZSOCK_MSG_TRUNC` of include/zephyr/net/socket.h. */ export const ZSOCK_MSG_TRUNC = 0x20;
/** send/recv flag: this one call does not block; it answers EAGAIN instead (POSIX name MSG_DONTWAIT). Mirrors `ZSOCK_MSG_DONTWAIT` of include/zephyr/net/socket.h. */ export const ZSOCK_MSG_DONTWAIT = 0x40;
/** recv flag: wait until the whole length arrived, EOF or an error (POSIX name MSG_WAITALL). Mirrors `ZSOCK_MSG_WAITALL` of include/zephyr/net/socket.h. */ export const ZSOCK_MSG_WAITALL = 0x100;

/* shutdown() (socket.h). */
/** shutdown: no more receiving (POSIX name SHUT_RD). Mirrors `ZSOCK_SHUT_RD` of include/zephyr/net/socket.h. */ export const ZSOCK_SHUT_RD = 0;
/** shutdown: no more sending; TCP sends FIN, the peer reads EOF (POSIX name SHUT_WR). Mirrors `ZSOCK_SHUT_WR` of include/zephyr/net/socket.h. */ export const ZSOCK_SHUT_WR = 1;
/** shutdown: both directions (POSIX name SHUT_RDWR). Mirrors `ZSOCK_SHUT_RDWR` of include/zephyr/net/socket.h. */ export const ZSOCK_SHUT_RDWR = 2;

/* SOL_SOCKET level (socket.h). SOL_SOCKET is 1 as on Linux, not BSD's 0xffff. */
/** Option level of the socket itself (SO_*). 1, as on Linux. Mirrors `SOL_SOCKET` of include/zephyr/net/socket.h. */ export const SOL_SOCKET = 1;
/** Socket option: debugging (ENOPROTOOPT in zsockjs). Mirrors `SO_DEBUG` of include/zephyr/net/socket.h. */ export const SO_DEBUG = 1;
/** Socket option (int): allow binding an address in use by a socket that also set it. Mirrors `SO_REUSEADDR` of include/zephyr/net/socket.h. */ export const SO_REUSEADDR = 2;
/** Socket option, read-only (int): the socket type (SOCK_STREAM, SOCK_DGRAM). Mirrors `SO_TYPE` of include/zephyr/net/socket.h. */ export const SO_TYPE = 3;
/** Socket option, read-only (int): the pending error, cleared by reading (the result of a non-blocking connect). Mirrors `SO_ERROR` of include/zephyr/net/socket.h. */ export const SO_ERROR = 4;
/** Socket option: bypass routing (ENOPROTOOPT in zsockjs). Mirrors `SO_DONTROUTE` of include/zephyr/net/socket.h. */ export const SO_DONTROUTE = 5;
/** Socket option (int): allow UDP sends to broadcast addresses (without it: EACCES). Mirrors `SO_BROADCAST` of include/zephyr/net/socket.h. */ export const SO_BROADCAST = 6;
/** Socket option (int): the send buffer size. Mirrors `SO_SNDBUF` of include/zephyr/net/socket.h. */ export const SO_SNDBUF = 7;
/** Socket option (int): the receive buffer size. Mirrors `SO_RCVBUF` of include/zephyr/net/socket.h. */ export const SO_RCVBUF = 8;
/** Socket option (int): send TCP keepalive probes on an idle connection. Mirrors `SO_KEEPALIVE` of include/zephyr/net/socket.h. */ export const SO_KEEPALIVE = 9;
/** Socket option: urgent data inline (ENOPROTOOPT in zsockjs). Mirrors `SO_OOBINLINE` of include/zephyr/net/socket.h. */ export const SO_OOBINLINE = 10;
/** Socket option: the packet priority (ENOPROTOOPT in zsockjs). Mirrors `SO_PRIORITY` of include/zephyr/net/socket.h. */ export const SO_PRIORITY = 12;
/** Socket option (`linger`): `{ l_onoff: 1, l_linger: 0 }` makes close reset the connection. Mirrors `SO_LINGER` of include/zephyr/net/socket.h. */ export const SO_LINGER = 13;
/** Socket option (int): allow several sockets on one port when all set it. Mirrors `SO_REUSEPORT` of include/zephyr/net/socket.h. */ export const SO_REUSEPORT = 15;
/** Socket option: receive low-water mark (ENOPROTOOPT in zsockjs). Mirrors `SO_RCVLOWAT` of include/zephyr/net/socket.h. */ export const SO_RCVLOWAT = 18;
/** Socket option: send low-water mark (ENOPROTOOPT in zsockjs). Mirrors `SO_SNDLOWAT` of include/zephyr/net/socket.h. */ export const SO_SNDLOWAT = 19;
/** Socket option (`timeval`): how long a receive waits before EAGAIN; zero waits forever. Mirrors `SO_RCVTIMEO` of include/zephyr/net/socket.h. */ export const SO_RCVTIMEO = 20;
/** Socket option (`timeval`): how long a send waits for room before EAGAIN; zero waits forever. Mirrors `SO_SNDTIMEO` of include/zephyr/net/socket.h. */ export const SO_SNDTIMEO = 21;
/** Socket option: bind to a network interface (ENOPROTOOPT in zsockjs). Mirrors `SO_BINDTODEVICE` of include/zephyr/net/socket.h. */ export const SO_BINDTODEVICE = 25;
/** Socket option, read-only (int): 1 when the socket is listening. Mirrors `SO_ACCEPTCONN` of include/zephyr/net/socket.h. */ export const SO_ACCEPTCONN = 30;
/** Socket option: packet timestamps (ENOPROTOOPT in zsockjs). Mirrors `SO_TIMESTAMPING` of include/zephyr/net/socket.h. */ export const SO_TIMESTAMPING = 37;
/** Socket option, read-only (int): the socket's protocol (IPPROTO_TCP, IPPROTO_UDP). Mirrors `SO_PROTOCOL` of include/zephyr/net/socket.h. */ export const SO_PROTOCOL = 38;
/** Socket option, read-only (int): the socket's address family. Mirrors `SO_DOMAIN` of include/zephyr/net/socket.h. */ export const SO_DOMAIN = 39;
/** Socket option: Zephyr's SOCKS5 proxy (ENOPROTOOPT in zsockjs). Mirrors `SO_SOCKS5` of include/zephyr/net/socket.h. */ export const SO_SOCKS5 = 60;
/** Socket option: transmit time of packets (ENOPROTOOPT in zsockjs). Mirrors `SO_TXTIME` of include/zephyr/net/socket.h. */ export const SO_TXTIME = 61;
/** Control message type carrying a transmit time (control messages are not supported). Mirrors `SCM_TXTIME` of include/zephyr/net/socket.h. */ export const SCM_TXTIME = 61;
/** SO_TIMESTAMPING flag: hardware receive timestamps. Mirrors `SOF_TIMESTAMPING_RX_HARDWARE` of include/zephyr/net/socket.h. */ export const SOF_TIMESTAMPING_RX_HARDWARE = 0x1;
/** SO_TIMESTAMPING flag: hardware transmit timestamps. Mirrors `SOF_TIMESTAMPING_TX_HARDWARE` of include/zephyr/net/socket.h. */ export const SOF_TIMESTAMPING_TX_HARDWARE = 0x2;

/* listen() backlog limit (socket.h). */
/** The largest listen backlog; larger ones are clamped to it. Mirrors `SOMAXCONN` of include/zephyr/net/socket.h. */ export const SOMAXCONN = 128;

/* IPPROTO_TCP level (socket.h). */
/** TCP option (int): send small writes at once instead of coalescing them (Nagle off). Mirrors `TCP_NODELAY` of include/zephyr/net/socket.h. */ export const TCP_NODELAY = 1;
/** TCP option (int, seconds): idle time before the first keepalive probe. Mirrors `TCP_KEEPIDLE` of include/zephyr/net/socket.h. */ export const TCP_KEEPIDLE = 2;
/** TCP option (int, seconds): time between keepalive probes. Mirrors `TCP_KEEPINTVL` of include/zephyr/net/socket.h. */ export const TCP_KEEPINTVL = 3;
/** TCP option (int): unanswered probes before the connection fails with ETIMEDOUT. Mirrors `TCP_KEEPCNT` of include/zephyr/net/socket.h. */ export const TCP_KEEPCNT = 4;

/* IPPROTO_IP level (socket.h). */
/** IPv4 option (int): the type-of-service byte. Mirrors `IP_TOS` of include/zephyr/net/socket.h. */ export const IP_TOS = 1;
/** IPv4 option (int): the time to live of unicast packets, 1..255. Mirrors `IP_TTL` of include/zephyr/net/socket.h. */ export const IP_TTL = 2;
/** IPv4 option: packet information control messages (ENOPROTOOPT in zsockjs). Mirrors `IP_PKTINFO` of include/zephyr/net/socket.h. */ export const IP_PKTINFO = 8;
/** IPv4 option: the path MTU (ENOPROTOOPT in zsockjs). Mirrors `IP_MTU` of include/zephyr/net/socket.h. */ export const IP_MTU = 14;
/** IPv4 option: the interface for multicast sends. Mirrors `IP_MULTICAST_IF` of include/zephyr/net/socket.h. */ export const IP_MULTICAST_IF = 32;
/** IPv4 option (int): the time to live of multicast packets. Mirrors `IP_MULTICAST_TTL` of include/zephyr/net/socket.h. */ export const IP_MULTICAST_TTL = 33;
/** IPv4 option (int): whether multicast sends reach the sender's own host. Mirrors `IP_MULTICAST_LOOP` of include/zephyr/net/socket.h. */ export const IP_MULTICAST_LOOP = 34;
/** IPv4 option (`ip_mreqn`): join a multicast group. Mirrors `IP_ADD_MEMBERSHIP` of include/zephyr/net/socket.h. */ export const IP_ADD_MEMBERSHIP = 35;
/** IPv4 option (`ip_mreqn`): leave a multicast group. Mirrors `IP_DROP_MEMBERSHIP` of include/zephyr/net/socket.h. */ export const IP_DROP_MEMBERSHIP = 36;
/** IPv4 option: the ephemeral port range (ENOPROTOOPT in zsockjs). Mirrors `IP_LOCAL_PORT_RANGE` of include/zephyr/net/socket.h. */ export const IP_LOCAL_PORT_RANGE = 51;

/* IPPROTO_IPV6 level (socket.h). */
/** IPv6 option (int): the hop limit of unicast packets, 0..255, -1 for the default. Mirrors `IPV6_UNICAST_HOPS` of include/zephyr/net/socket.h. */ export const IPV6_UNICAST_HOPS = 16;
/** IPv6 option: the interface for multicast sends. Mirrors `IPV6_MULTICAST_IF` of include/zephyr/net/socket.h. */ export const IPV6_MULTICAST_IF = 17;
/** IPv6 option (int): the hop limit of multicast packets. Mirrors `IPV6_MULTICAST_HOPS` of include/zephyr/net/socket.h. */ export const IPV6_MULTICAST_HOPS = 18;
/** IPv6 option (int): whether multicast sends reach the sender's own host. Mirrors `IPV6_MULTICAST_LOOP` of include/zephyr/net/socket.h. */ export const IPV6_MULTICAST_LOOP = 19;
/** IPv6 option (`ipv6_mreq`): join a multicast group. Mirrors `IPV6_ADD_MEMBERSHIP` of include/zephyr/net/socket.h. */ export const IPV6_ADD_MEMBERSHIP = 20;
/** IPv6 option (`ipv6_mreq`): leave a multicast group. Mirrors `IPV6_DROP_MEMBERSHIP` of include/zephyr/net/socket.h. */ export const IPV6_DROP_MEMBERSHIP = 21;
/** The POSIX name of IPV6_ADD_MEMBERSHIP. Mirrors `IPV6_JOIN_GROUP` of include/zephyr/net/socket.h. */ export const IPV6_JOIN_GROUP = 20;
/** The POSIX name of IPV6_DROP_MEMBERSHIP. Mirrors `IPV6_LEAVE_GROUP` of include/zephyr/net/socket.h. */ export const IPV6_LEAVE_GROUP = 21;
/** IPv6 option: the path MTU (ENOPROTOOPT in zsockjs). Mirrors `IPV6_MTU` of include/zephyr/net/socket.h. */ export const IPV6_MTU = 24;
/** IPv6 option (int): the socket serves IPv6 only, no IPv4-mapped traffic; on by default, settable before bind. Mirrors `IPV6_V6ONLY` of include/zephyr/net/socket.h. */ export const IPV6_V6ONLY = 26;
/** IPv6 option: packet information control messages (ENOPROTOOPT in zsockjs). Mirrors `IPV6_RECVPKTINFO` of include/zephyr/net/socket.h. */ export const IPV6_RECVPKTINFO = 49;
/** IPv6 option: the traffic class byte. Mirrors `IPV6_TCLASS` of include/zephyr/net/socket.h. */ export const IPV6_TCLASS = 67;
/** IPv6 option: source address preferences (IPV6_PREFER_SRC_*; ENOPROTOOPT in zsockjs). Mirrors `IPV6_ADDR_PREFERENCES` of include/zephyr/net/socket.h. */ export const IPV6_ADDR_PREFERENCES = 72;
/** IPV6_ADDR_PREFERENCES flag: prefer a temporary source address. Mirrors `IPV6_PREFER_SRC_TMP` of include/zephyr/net/socket.h. */ export const IPV6_PREFER_SRC_TMP = 0x0001;
/** IPV6_ADDR_PREFERENCES flag: prefer a public source address. Mirrors `IPV6_PREFER_SRC_PUBLIC` of include/zephyr/net/socket.h. */ export const IPV6_PREFER_SRC_PUBLIC = 0x0002;
/** IPV6_ADDR_PREFERENCES flag: prefer a care-of address. Mirrors `IPV6_PREFER_SRC_COA` of include/zephyr/net/socket.h. */ export const IPV6_PREFER_SRC_COA = 0x0004;
/** IPV6_ADDR_PREFERENCES flag: prefer a cryptographically generated address. Mirrors `IPV6_PREFER_SRC_CGA` of include/zephyr/net/socket.h. */ export const IPV6_PREFER_SRC_CGA = 0x0008;
/** IPV6_ADDR_PREFERENCES flag: the system default between public and temporary. Mirrors `IPV6_PREFER_SRC_PUBTMP_DEFAULT` of include/zephyr/net/socket.h. */ export const IPV6_PREFER_SRC_PUBTMP_DEFAULT = 0x0100;
/** IPV6_ADDR_PREFERENCES flag: prefer a home address. Mirrors `IPV6_PREFER_SRC_HOME` of include/zephyr/net/socket.h. */ export const IPV6_PREFER_SRC_HOME = 0x0400;
/** IPV6_ADDR_PREFERENCES flag: prefer a non-CGA address. Mirrors `IPV6_PREFER_SRC_NONCGA` of include/zephyr/net/socket.h. */ export const IPV6_PREFER_SRC_NONCGA = 0x0800;

/* SOL_TLS level and its option values (socket.h). */
/** Option level of Zephyr's TLS sockets (no TLS provider in zsockjs: options at this level answer ENOPROTOOPT). Mirrors `SOL_TLS` of include/zephyr/net/socket.h. */ export const SOL_TLS = 282;
/** TLS option: the credentials to use, by security tag. Mirrors `TLS_SEC_TAG_LIST` of include/zephyr/net/socket.h. */ export const TLS_SEC_TAG_LIST = 1;
/** TLS option: the server name to verify and send (SNI). Mirrors `TLS_HOSTNAME` of include/zephyr/net/socket.h. */ export const TLS_HOSTNAME = 2;
/** TLS option: the cipher suites allowed. Mirrors `TLS_CIPHERSUITE_LIST` of include/zephyr/net/socket.h. */ export const TLS_CIPHERSUITE_LIST = 3;
/** TLS option, read-only: the cipher suite negotiated. Mirrors `TLS_CIPHERSUITE_USED` of include/zephyr/net/socket.h. */ export const TLS_CIPHERSUITE_USED = 4;
/** TLS option: how the peer's certificate is checked (TLS_PEER_VERIFY_*). Mirrors `TLS_PEER_VERIFY` of include/zephyr/net/socket.h. */ export const TLS_PEER_VERIFY = 5;
/** TLS option: client or server role of a DTLS socket (TLS_DTLS_ROLE_*). Mirrors `TLS_DTLS_ROLE` of include/zephyr/net/socket.h. */ export const TLS_DTLS_ROLE = 6;
/** TLS option: the ALPN protocol names. Mirrors `TLS_ALPN_LIST` of include/zephyr/net/socket.h. */ export const TLS_ALPN_LIST = 7;
/** TLS option: the shortest DTLS handshake retransmission timeout. Mirrors `TLS_DTLS_HANDSHAKE_TIMEOUT_MIN` of include/zephyr/net/socket.h. */ export const TLS_DTLS_HANDSHAKE_TIMEOUT_MIN = 8;
/** TLS option: the longest DTLS handshake retransmission timeout. Mirrors `TLS_DTLS_HANDSHAKE_TIMEOUT_MAX` of include/zephyr/net/socket.h. */ export const TLS_DTLS_HANDSHAKE_TIMEOUT_MAX = 9;
/** TLS option: whether certificates are used in place (TLS_CERT_NOCOPY_*). Mirrors `TLS_CERT_NOCOPY` of include/zephyr/net/socket.h. */ export const TLS_CERT_NOCOPY = 10;
/** TLS option: use the offloaded TLS of the network device. Mirrors `TLS_NATIVE` of include/zephyr/net/socket.h. */ export const TLS_NATIVE = 11;
/** TLS option: the session cache (TLS_SESSION_CACHE_*). Mirrors `TLS_SESSION_CACHE` of include/zephyr/net/socket.h. */ export const TLS_SESSION_CACHE = 12;
/** TLS option: empty the session cache. Mirrors `TLS_SESSION_CACHE_PURGE` of include/zephyr/net/socket.h. */ export const TLS_SESSION_CACHE_PURGE = 13;
/** TLS option: DTLS connection IDs (TLS_DTLS_CID_*). Mirrors `TLS_DTLS_CID` of include/zephyr/net/socket.h. */ export const TLS_DTLS_CID = 14;
/** TLS option, read-only: the DTLS connection ID status (TLS_DTLS_CID_STATUS_*). Mirrors `TLS_DTLS_CID_STATUS` of include/zephyr/net/socket.h. */ export const TLS_DTLS_CID_STATUS = 15;
/** TLS option: our DTLS connection ID. Mirrors `TLS_DTLS_CID_VALUE` of include/zephyr/net/socket.h. */ export const TLS_DTLS_CID_VALUE = 16;
/** TLS option, read-only: the peer's DTLS connection ID. Mirrors `TLS_DTLS_PEER_CID_VALUE` of include/zephyr/net/socket.h. */ export const TLS_DTLS_PEER_CID_VALUE = 17;
/** TLS option: run the DTLS handshake in connect(). Mirrors `TLS_DTLS_HANDSHAKE_ON_CONNECT` of include/zephyr/net/socket.h. */ export const TLS_DTLS_HANDSHAKE_ON_CONNECT = 18;
/** TLS_PEER_VERIFY value: do not verify the peer. Mirrors `TLS_PEER_VERIFY_NONE` of include/zephyr/net/socket.h. */ export const TLS_PEER_VERIFY_NONE = 0;
/** TLS_PEER_VERIFY value: verify, continue on failure. Mirrors `TLS_PEER_VERIFY_OPTIONAL` of include/zephyr/net/socket.h. */ export const TLS_PEER_VERIFY_OPTIONAL = 1;
/** TLS_PEER_VERIFY value: verify, fail the handshake on failure. Mirrors `TLS_PEER_VERIFY_REQUIRED` of include/zephyr/net/socket.h. */ export const TLS_PEER_VERIFY_REQUIRED = 2;
/** TLS_DTLS_ROLE value: client. Mirrors `TLS_DTLS_ROLE_CLIENT` of include/zephyr/net/socket.h. */ export const TLS_DTLS_ROLE_CLIENT = 0;
/** TLS_DTLS_ROLE value: server. Mirrors `TLS_DTLS_ROLE_SERVER` of include/zephyr/net/socket.h. */ export const TLS_DTLS_ROLE_SERVER = 1;
/** TLS_CERT_NOCOPY value: certificates are copied. Mirrors `TLS_CERT_NOCOPY_NONE` of include/zephyr/net/socket.h. */ export const TLS_CERT_NOCOPY_NONE = 0;
/** TLS_CERT_NOCOPY value: certificates are used in place where possible. Mirrors `TLS_CERT_NOCOPY_OPTIONAL` of include/zephyr/net/socket.h. */ export const TLS_CERT_NOCOPY_OPTIONAL = 1;
/** TLS_SESSION_CACHE value: off. Mirrors `TLS_SESSION_CACHE_DISABLED` of include/zephyr/net/socket.h. */ export const TLS_SESSION_CACHE_DISABLED = 0;
/** TLS_SESSION_CACHE value: on. Mirrors `TLS_SESSION_CACHE_ENABLED` of include/zephyr/net/socket.h. */ export const TLS_SESSION_CACHE_ENABLED = 1;
/** TLS_DTLS_CID value: no connection ID. Mirrors `TLS_DTLS_CID_DISABLED` of include/zephyr/net/socket.h. */ export const TLS_DTLS_CID_DISABLED = 0;
/** TLS_DTLS_CID value: accept the peer's connection ID. Mirrors `TLS_DTLS_CID_SUPPORTED` of include/zephyr/net/socket.h. */ export const TLS_DTLS_CID_SUPPORTED = 1;
/** TLS_DTLS_CID value: use connection IDs both ways. Mirrors `TLS_DTLS_CID_ENABLED` of include/zephyr/net/socket.h. */ export const TLS_DTLS_CID_ENABLED = 2;
/** TLS_DTLS_CID_STATUS value: not in use. Mirrors `TLS_DTLS_CID_STATUS_DISABLED` of include/zephyr/net/socket.h. */ export const TLS_DTLS_CID_STATUS_DISABLED = 0;
/** TLS_DTLS_CID_STATUS value: used on received records. Mirrors `TLS_DTLS_CID_STATUS_DOWNLINK` of include/zephyr/net/socket.h. */ export const TLS_DTLS_CID_STATUS_DOWNLINK = 1;
/** TLS_DTLS_CID_STATUS value: used on sent records. Mirrors `TLS_DTLS_CID_STATUS_UPLINK` of include/zephyr/net/socket.h. */ export const TLS_DTLS_CID_STATUS_UPLINK = 2;
/** TLS_DTLS_CID_STATUS value: used both ways. Mirrors `TLS_DTLS_CID_STATUS_BIDIRECTIONAL` of include/zephyr/net/socket.h. */ export const TLS_DTLS_CID_STATUS_BIDIRECTIONAL = 3;

/* fcntl() (posix/fcntl.h). */
/** fcntl command: duplicate a descriptor (zsock_fcntl answers EINVAL for it). Mirrors `F_DUPFD` of include/zephyr/posix/fcntl.h. */ export const F_DUPFD = 0;
/** fcntl command: read the status flags (O_NONBLOCK). Mirrors `F_GETFL` of include/zephyr/posix/fcntl.h. */ export const F_GETFL = 3;
/** fcntl command: set the status flags (O_NONBLOCK). Mirrors `F_SETFL` of include/zephyr/posix/fcntl.h. */ export const F_SETFL = 4;
/** Status flag: the descriptor does not block; calls that would wait answer EAGAIN (connect: EINPROGRESS). Mirrors `O_NONBLOCK` of include/zephyr/posix/fcntl.h. */ export const O_NONBLOCK = 0x4000;

/* ioctl() requests (sys/fdtable.h), and their POSIX names (posix/sys/ioctl.h). */
/** ioctl request: the bytes ready to read (the next datagram's size on UDP). Mirrors `ZFD_IOCTL_FIONREAD` of include/zephyr/sys/fdtable.h. */ export const ZFD_IOCTL_FIONREAD = 0x541b;
/** ioctl request: set (1) or clear (0) non-blocking mode. Mirrors `ZFD_IOCTL_FIONBIO` of include/zephyr/sys/fdtable.h. */ export const ZFD_IOCTL_FIONBIO = 0x5421;
/** The POSIX name of ZFD_IOCTL_FIONREAD. Mirrors `FIONREAD` of include/zephyr/posix/sys/ioctl.h. */ export const FIONREAD = 0x541b;
/** The POSIX name of ZFD_IOCTL_FIONBIO. Mirrors `FIONBIO` of include/zephyr/posix/sys/ioctl.h. */ export const FIONBIO = 0x5421;

/* getaddrinfo() hint flags (socket.h). */
/** getaddrinfo hint: a null host gives the wildcard address, for bind. Mirrors `AI_PASSIVE` of include/zephyr/net/socket.h. */ export const AI_PASSIVE = 0x1;
/** getaddrinfo hint: fill ai_canonname of the first entry. Mirrors `AI_CANONNAME` of include/zephyr/net/socket.h. */ export const AI_CANONNAME = 0x2;
/** getaddrinfo hint: the host is a literal; never look it up. Mirrors `AI_NUMERICHOST` of include/zephyr/net/socket.h. */ export const AI_NUMERICHOST = 0x4;
/** getaddrinfo hint: with AF_INET6, give IPv4 answers as IPv4-mapped IPv6 addresses when there are no IPv6 ones. Mirrors `AI_V4MAPPED` of include/zephyr/net/socket.h. */ export const AI_V4MAPPED = 0x8;
/** getaddrinfo hint: with AI_V4MAPPED, give IPv6 and mapped IPv4 answers. Mirrors `AI_ALL` of include/zephyr/net/socket.h. */ export const AI_ALL = 0x10;
/** getaddrinfo hint: only families the host has an address of. Mirrors `AI_ADDRCONFIG` of include/zephyr/net/socket.h. */ export const AI_ADDRCONFIG = 0x20;
/** getaddrinfo hint: the service is a port number; a name answers EAI_NONAME. Mirrors `AI_NUMERICSERV` of include/zephyr/net/socket.h. */ export const AI_NUMERICSERV = 0x400;
/** getaddrinfo hint bit Zephyr reserves for extensions. Mirrors `AI_EXTFLAGS` of include/zephyr/net/socket.h. */ export const AI_EXTFLAGS = 0x800;

/* getnameinfo() flags and buffer sizes (socket.h; NI_MAXSERV from posix/netdb.h). */
/** getnameinfo flag: the host as a literal. Mirrors `NI_NUMERICHOST` of include/zephyr/net/socket.h. */ export const NI_NUMERICHOST = 1;
/** getnameinfo flag: the service as a port number. Mirrors `NI_NUMERICSERV` of include/zephyr/net/socket.h. */ export const NI_NUMERICSERV = 2;
/** getnameinfo flag: only the host part of a name. Mirrors `NI_NOFQDN` of include/zephyr/net/socket.h. */ export const NI_NOFQDN = 4;
/** getnameinfo flag: fail (EAI_NONAME) unless a name is found; zsockjs has no reverse lookup. Mirrors `NI_NAMEREQD` of include/zephyr/net/socket.h. */ export const NI_NAMEREQD = 8;
/** getnameinfo flag: the service is a datagram (UDP) one. Mirrors `NI_DGRAM` of include/zephyr/net/socket.h. */ export const NI_DGRAM = 16;
/** A host buffer size for getnameinfo that fits every answer. Mirrors `NI_MAXHOST` of include/zephyr/net/socket.h. */ export const NI_MAXHOST = 64;
/** A service buffer size for getnameinfo that fits every answer. Mirrors `NI_MAXSERV` of include/zephyr/posix/netdb.h. */ export const NI_MAXSERV = 32;

/* getaddrinfo() results (dns_resolve.h: enum dns_resolve_status). */
/** getaddrinfo result: invalid flags in the hints. Mirrors `DNS_EAI_BADFLAGS` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_BADFLAGS = -1;
/** getaddrinfo result: the name or service is not known. Mirrors `DNS_EAI_NONAME` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_NONAME = -2;
/** getaddrinfo result: no answer in time; try again. Mirrors `DNS_EAI_AGAIN` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_AGAIN = -3;
/** getaddrinfo result: the lookup failed for good. Mirrors `DNS_EAI_FAIL` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_FAIL = -4;
/** getaddrinfo result: the name has no address. Mirrors `DNS_EAI_NODATA` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_NODATA = -5;
/** getaddrinfo result: the address family is not supported. Mirrors `DNS_EAI_FAMILY` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_FAMILY = -6;
/** getaddrinfo result: the socket type is not supported. Mirrors `DNS_EAI_SOCKTYPE` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_SOCKTYPE = -7;
/** getaddrinfo result: the service is not known for this socket type. Mirrors `DNS_EAI_SERVICE` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_SERVICE = -8;
/** getaddrinfo result: the host has no address of the family asked for. Mirrors `DNS_EAI_ADDRFAMILY` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_ADDRFAMILY = -9;
/** getaddrinfo result: out of memory. Mirrors `DNS_EAI_MEMORY` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_MEMORY = -10;
/** getaddrinfo result: a system error; see errno. Mirrors `DNS_EAI_SYSTEM` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_SYSTEM = -11;
/** getaddrinfo result: a buffer is too small for the answer. Mirrors `DNS_EAI_OVERFLOW` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_OVERFLOW = -12;
/** getaddrinfo result: the query is still running. Mirrors `DNS_EAI_INPROGRESS` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_INPROGRESS = -100;
/** getaddrinfo result: the query was cancelled. Mirrors `DNS_EAI_CANCELED` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_CANCELED = -101;
/** getaddrinfo result: the query could not be cancelled. Mirrors `DNS_EAI_NOTCANCELED` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_NOTCANCELED = -102;
/** getaddrinfo result: every answer was delivered. Mirrors `DNS_EAI_ALLDONE` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_ALLDONE = -103;
/** getaddrinfo result: the name could not be IDN-encoded. Mirrors `DNS_EAI_IDN_ENCODE` of include/zephyr/net/dns_resolve.h. */ export const DNS_EAI_IDN_ENCODE = -105;

/* The EAI_* names Zephyr maps onto DNS_EAI_* (posix/netdb.h). */
/** getaddrinfo result: invalid flags in the hints (the same number as DNS_EAI_BADFLAGS). Mirrors `EAI_BADFLAGS` of include/zephyr/posix/netdb.h. */ export const EAI_BADFLAGS = -1;
/** getaddrinfo result: the name or service is not known (the same number as DNS_EAI_NONAME). Mirrors `EAI_NONAME` of include/zephyr/posix/netdb.h. */ export const EAI_NONAME = -2;
/** getaddrinfo result: no answer in time; try again (the same number as DNS_EAI_AGAIN). Mirrors `EAI_AGAIN` of include/zephyr/posix/netdb.h. */ export const EAI_AGAIN = -3;
/** getaddrinfo result: the lookup failed for good (the same number as DNS_EAI_FAIL). Mirrors `EAI_FAIL` of include/zephyr/posix/netdb.h. */ export const EAI_FAIL = -4;
/** getaddrinfo result: the name has no address (the same number as DNS_EAI_NODATA). Mirrors `EAI_NODATA` of include/zephyr/posix/netdb.h. */ export const EAI_NODATA = -5;
/** getaddrinfo result: the address family is not supported (the same number as DNS_EAI_FAMILY). Mirrors `EAI_FAMILY` of include/zephyr/posix/netdb.h. */ export const EAI_FAMILY = -6;
/** getaddrinfo result: the socket type is not supported (the same number as DNS_EAI_SOCKTYPE). Mirrors `EAI_SOCKTYPE` of include/zephyr/posix/netdb.h. */ export const EAI_SOCKTYPE = -7;
/** getaddrinfo result: the service is not known for this socket type (the same number as DNS_EAI_SERVICE). Mirrors `EAI_SERVICE` of include/zephyr/posix/netdb.h. */ export const EAI_SERVICE = -8;
/** getaddrinfo result: out of memory (the same number as DNS_EAI_MEMORY). Mirrors `EAI_MEMORY` of include/zephyr/posix/netdb.h. */ export const EAI_MEMORY = -10;
/** getaddrinfo result: a system error; see errno (the same number as DNS_EAI_SYSTEM). Mirrors `EAI_SYSTEM` of include/zephyr/posix/netdb.h. */ export const EAI_SYSTEM = -11;
/** getaddrinfo result: a buffer is too small for the answer (the same number as DNS_EAI_OVERFLOW). Mirrors `EAI_OVERFLOW` of include/zephyr/posix/netdb.h. */ export const EAI_OVERFLOW = -12;

/* Text sizes of addresses, with the terminating NUL (net_ip.h). */
/** The text size of an IPv4 address, with the terminating NUL: the `size` inet_ntop needs. Mirrors `INET_ADDRSTRLEN` of include/zephyr/net/net_ip.h. */ export const INET_ADDRSTRLEN = 16;
/** The text size of an IPv6 address, with the terminating NUL: the `size` inet_ntop needs. Mirrors `INET6_ADDRSTRLEN` of include/zephyr/net/net_ip.h. */ export const INET6_ADDRSTRLEN = 46;

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
/** 255.255.255.255 as a host-order number. Mirrors `INADDR_BROADCAST` of include/zephyr/net/net_ip.h. */ export const INADDR_BROADCAST = 0xffffffff;
/** 127.0.0.1 as a host-order number (POSIX; Zephyr has INADDR_LOOPBACK_INIT). Mirrors POSIX netinet/in.h. */ export const INADDR_LOOPBACK = 0x7f000001;

/**
 * A fresh in6_addr holding :: (a function, so that no shared object can be written to by mistake: `addr.sin6_addr.s6_addr.set(in6addr_any().s6_addr)`). Mirrors `in6addr_any` of include/zephyr/net/net_ip.h.
 */
export function in6addr_any(): in6_addr {
  return new in6_addr();
}

/**
 * A fresh in6_addr holding ::1; see in6addr_any. Mirrors `in6addr_loopback` of include/zephyr/net/net_ip.h.
 */
export function in6addr_loopback(): in6_addr {
  const address = new in6_addr();
  address.s6_addr[15] = 1;
  return address;
}
