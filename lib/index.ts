/**
 * zsockjs: Zephyr's BSD socket API for JavaScript. Every export is
 * independent; a bundler keeps only what a program uses.
 *
 * @module
 */

export * from './constants';
export * from './errno';
export { strerror } from './strerror';
export * from './sockaddr';
export * from './byteorder';
export { zsock_inet_pton } from './inet_pton';
export { zsock_inet_ntop, type StringRef } from './inet_ntop';
export { zsock_gai_strerror } from './gai_strerror';
export * from './fdset';
export * from './optval';
export {
  zsock_socket,
  zsock_close,
  zsock_shutdown,
  zsock_bind,
  zsock_connect,
  zsock_listen,
  zsock_accept,
  zsock_send,
  zsock_sendto,
  zsock_recv,
  zsock_recvfrom,
  zsock_getsockopt,
  zsock_setsockopt,
  zsock_getsockname,
  zsock_getpeername,
  zsock_fcntl,
  zsock_ioctl,
} from './api';
export { zsock_sendmsg, zsock_recvmsg, type iovec, type msghdr } from './msg';
export {
  zsock_getaddrinfo,
  zsock_freeaddrinfo,
  zsock_addrinfo,
  type zsock_addrinfo_hints,
  type AddrinfoRef,
} from './getaddrinfo';
export { zsock_getnameinfo } from './getnameinfo';
export { zsock_gethostname, zsock_sethostname, NET_HOSTNAME_MAX_LEN } from './gethostname';
export {
  zsock_dns_set_servers,
  zsock_dns_set_timeout,
  zsock_dns_add_host,
  zsock_dns_clear_hosts,
  zsock_dns_flush_cache,
  dns_client,
} from './dns/client';
export type { NameResolver, DnsQuestion } from './dns/resolver';
export { zsock_poll, type zsock_pollfd } from './poll';
export { zsock_select } from './select';
export { zsock_init, type SocketProvider, type StackOptions } from './stack';
export { inet_tcp, zsock_set_connect_timeout } from './inet/tcp';
export { inet_udp } from './inet/udp';
export { zsock_socketpair, zsock_set_socketpair_buffer_size } from './socketpair';
export type * from './port';
export type { OptionValue } from './ops';
export {
  k_sleep,
  k_msleep,
  k_usleep,
  k_uptime_get,
  k_uptime_get_32,
  sys_rand32_get,
  K_MSEC,
  K_SECONDS,
  K_USEC,
  K_NO_WAIT,
  K_FOREVER,
  type k_timeout_t,
} from './kernel';
export { net_addr_pton, net_addr_ntop, net_ipaddr_parse } from './net_ip';
