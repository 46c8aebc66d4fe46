/**
 * zsockjs/posix: the plain POSIX names, as Zephyr's
 * CONFIG_NET_SOCKETS_POSIX_NAMES provides them. Each is the zsock_ function
 * or constant itself, re-exported under its POSIX name, so importing one
 * name brings in nothing else. A program written with these names needs no
 * other entry of the core: the types the functions take (StringRef,
 * AddrinfoRef, sockaddr, …) and the start-up calls (zsock_init and the
 * socket providers, which have no POSIX name) are here too.
 *
 * @module
 */

export {
  zsock_socket as socket,
  zsock_close as close,
  zsock_shutdown as shutdown,
  zsock_bind as bind,
  zsock_connect as connect,
  zsock_listen as listen,
  zsock_accept as accept,
  zsock_send as send,
  zsock_sendto as sendto,
  zsock_recv as recv,
  zsock_recvfrom as recvfrom,
  zsock_getsockopt as getsockopt,
  zsock_setsockopt as setsockopt,
  zsock_getsockname as getsockname,
  zsock_getpeername as getpeername,
  zsock_fcntl as fcntl,
  zsock_ioctl as ioctl,
} from './api';
export { zsock_sendmsg as sendmsg, zsock_recvmsg as recvmsg, type iovec, type msghdr } from './msg';
export { zsock_socketpair as socketpair } from './socketpair';
export {
  zsock_getaddrinfo as getaddrinfo,
  zsock_freeaddrinfo as freeaddrinfo,
  zsock_addrinfo as addrinfo,
  type zsock_addrinfo_hints,
  type AddrinfoRef,
} from './getaddrinfo';
export { zsock_getnameinfo as getnameinfo } from './getnameinfo';
export {
  zsock_gethostname as gethostname,
  zsock_sethostname as sethostname,
  NET_HOSTNAME_MAX_LEN,
} from './gethostname';
export { zsock_poll as poll, type zsock_pollfd as pollfd } from './poll';
export { zsock_select as select } from './select';
export { zsock_inet_pton as inet_pton } from './inet_pton';
export { zsock_inet_ntop as inet_ntop, type StringRef } from './inet_ntop';
export { zsock_gai_strerror as gai_strerror } from './gai_strerror';
export {
  zsock_fd_set as fd_set,
  ZSOCK_FD_ZERO as FD_ZERO,
  ZSOCK_FD_SET as FD_SET,
  ZSOCK_FD_CLR as FD_CLR,
  ZSOCK_FD_ISSET as FD_ISSET,
} from './fdset';
export {
  ZSOCK_POLLIN as POLLIN,
  ZSOCK_POLLPRI as POLLPRI,
  ZSOCK_POLLOUT as POLLOUT,
  ZSOCK_POLLERR as POLLERR,
  ZSOCK_POLLHUP as POLLHUP,
  ZSOCK_POLLNVAL as POLLNVAL,
  ZSOCK_MSG_PEEK as MSG_PEEK,
  ZSOCK_MSG_CTRUNC as MSG_CTRUNC,
  ZSOCK_MSG_TRUNC as MSG_TRUNC,
  ZSOCK_MSG_DONTWAIT as MSG_DONTWAIT,
  ZSOCK_MSG_WAITALL as MSG_WAITALL,
  ZSOCK_SHUT_RD as SHUT_RD,
  ZSOCK_SHUT_WR as SHUT_WR,
  ZSOCK_SHUT_RDWR as SHUT_RDWR,
  ZSOCK_FD_SETSIZE as FD_SETSIZE,
} from './constants';
export * from './constants';
export * from './errno';
export * from './sockaddr';
export * from './byteorder';
export * from './optval';
export { strerror } from './strerror';

/* Start-up and configuration: Zephyr's are Kconfig options and
 * NET_SOCKET_REGISTER, which have no POSIX name; the zsock names are kept. */
export { zsock_init, type SocketProvider, type StackOptions } from './stack';
export { inet_tcp, zsock_set_connect_timeout } from './inet/tcp';
export { inet_udp } from './inet/udp';
export { zsock_set_socketpair_buffer_size } from './socketpair';
export {
  zsock_dns_set_servers,
  zsock_dns_set_timeout,
  zsock_dns_add_host,
  zsock_dns_clear_hosts,
  zsock_dns_flush_cache,
  dns_client,
} from './dns/client';
export type { NameResolver, DnsQuestion } from './dns/resolver';
export type * from './port';
export type { OptionValue } from './ops';
