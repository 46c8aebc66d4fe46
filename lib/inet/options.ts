/**
 * setsockopt/getsockopt for IP sockets. The core keeps every value; options
 * the platform must carry out go to the port, and an option the port does
 * not list in its capabilities answers ENOPROTOOPT, as Zephyr answers for
 * an option its configuration left out. Nothing is silently accepted.
 */

import {
  AF_INET,
  AF_INET6,
  IP_ADD_MEMBERSHIP,
  IP_DROP_MEMBERSHIP,
  IP_MULTICAST_LOOP,
  IP_MULTICAST_TTL,
  IP_TOS,
  IP_TTL,
  IPPROTO_IP,
  IPPROTO_IPV6,
  IPPROTO_TCP,
  IPV6_JOIN_GROUP,
  IPV6_LEAVE_GROUP,
  IPV6_MULTICAST_HOPS,
  IPV6_MULTICAST_LOOP,
  IPV6_UNICAST_HOPS,
  IPV6_V6ONLY,
  SO_ACCEPTCONN,
  SO_BROADCAST,
  SO_DOMAIN,
  SO_ERROR,
  SO_KEEPALIVE,
  SO_LINGER,
  SO_PROTOCOL,
  SO_RCVBUF,
  SO_RCVTIMEO,
  SO_REUSEADDR,
  SO_REUSEPORT,
  SO_SNDBUF,
  SO_SNDTIMEO,
  SO_TYPE,
  SOCK_STREAM,
  SOL_SOCKET,
  TCP_KEEPCNT,
  TCP_KEEPIDLE,
  TCP_KEEPINTVL,
  TCP_NODELAY,
  } from '../constants';
import { EINVAL,
  ENOPROTOOPT,
} from '../errno';
import { fail } from '../fail';
import type { OptionValue } from '../ops';
import {
  read_int,
  SIZEOF_INT,
  SIZEOF_IP_MREQN,
  SIZEOF_IPV6_MREQ,
  SIZEOF_LINGER,
  SIZEOF_TIMEVAL,
  timeval_ms,
  write_int,
  type ip_mreqn,
  type ipv6_mreq,
  type linger,
  type timeval,
} from '../optval';
import type { Endpoint, PortOption } from '../port';
import type { IntRef } from '../sockaddr';
import { stack_port } from '../stack';
import { is_multicast, is_unspecified } from './endpoint';
import { TcpState, type InetSocket } from './socket';

/** Joins or leaves a group; the UDP kind supplies it (TCP sockets have none). */
export type MembershipFn = (sock: InetSocket, group: Endpoint, join: boolean) => number;

/** What an unset option reads back as. */
const DEFAULTS: { [option: string]: number } = { ttl: 64, multicastTtl: 1, multicastLoop: 1 };

function port_can(option: PortOption): boolean {
  return stack_port().capabilities.options.indexOf(option) >= 0;
}

/** Stores a port option and hands it to the port's socket if one is open. */
function set_port_option(sock: InetSocket, option: PortOption, value: number): number {
  if (!port_can(option)) return fail(ENOPROTOOPT);
  const live = sock.conn || sock.udp;
  if (live) {
    const err = live.setOption(option, value);
    if (err) return fail(err);
  }
  sock.options[option] = value;
  return 0;
}

/** An int option of exactly sizeof(int) bytes, or null (EINVAL). */
function int_arg(value: OptionValue | null, len: number): number | null {
  return len === SIZEOF_INT ? read_int(value) : null;
}

/** An int or a single byte, as Linux takes for IP_TOS and the multicast options. */
function small_arg(value: OptionValue | null, len: number): number | null {
  return len === SIZEOF_INT || len === 1 ? read_int(value) : null;
}

function set_ranged(sock: InetSocket, option: PortOption, n: number | null, min: number, max: number): number {
  if (n === null || n < min || n > max) return fail(EINVAL);
  return set_port_option(sock, option, n);
}

function set_hops(sock: InetSocket, option: PortOption, n: number | null, min: number): number {
  if (n === null || n < -1 || n > 255 || (n < min && n !== -1)) return fail(EINVAL);
  return set_port_option(sock, option, n === -1 ? DEFAULTS[option]! : n);
}

function membership(sock: InetSocket, join: boolean, group: Endpoint, change: MembershipFn | null): number {
  if (!change || !stack_port().capabilities.multicast) return fail(ENOPROTOOPT);
  if (is_unspecified(group.addr) || !is_multicast(group)) return fail(EINVAL);
  const err = change(sock, group, join);
  return err ? fail(err) : 0;
}

export function inet_setsockopt(
  sock: InetSocket,
  level: number,
  name: number,
  value: OptionValue | null,
  len: number,
  change: MembershipFn | null,
): number {
  const tcp = sock.type === SOCK_STREAM;
  const n = int_arg(value, len);
  if (level === SOL_SOCKET) {
    switch (name) {
      case SO_REUSEADDR:
      case SO_REUSEPORT:
        if (n === null) return fail(EINVAL);
        if (name === SO_REUSEADDR) sock.reuseAddr = n !== 0;
        else sock.reusePort = n !== 0;
        return 0;
      case SO_RCVTIMEO:
      case SO_SNDTIMEO: {
        const ms = len === SIZEOF_TIMEVAL ? timeval_ms(value) : null;
        if (ms === null) return fail(EINVAL);
        if (name === SO_RCVTIMEO) sock.rcvTimeo = ms;
        else sock.sndTimeo = ms;
        return 0;
      }
      case SO_KEEPALIVE:
        if (!tcp) return fail(ENOPROTOOPT);
        return set_ranged(sock, 'keepalive', n, 0, 1);
      case SO_RCVBUF:
        return set_ranged(sock, 'rcvbuf', n, 0, 65535);
      case SO_SNDBUF:
        return set_ranged(sock, 'sndbuf', n, 0, 65535);
      case SO_BROADCAST:
        if (tcp) return fail(ENOPROTOOPT);
        if (n === null) return fail(EINVAL);
        return set_port_option(sock, 'broadcast', n ? 1 : 0);
      case SO_LINGER: {
        const lg = value as linger | null;
        if (len !== SIZEOF_LINGER || !lg || typeof lg.l_onoff !== 'number' || typeof lg.l_linger !== 'number') {
          return fail(EINVAL);
        }
        sock.lingerOn = lg.l_onoff !== 0;
        sock.lingerSecs = lg.l_linger;
        return 0;
      }
    }
    return fail(ENOPROTOOPT);
  }
  if (level === IPPROTO_TCP) {
    if (!tcp) return fail(ENOPROTOOPT);
    switch (name) {
      case TCP_NODELAY:
        if (n === null) return fail(EINVAL);
        return set_port_option(sock, 'nodelay', n ? 1 : 0);
      case TCP_KEEPIDLE:
        return set_ranged(sock, 'keepidle', n, 1, 0x7fffffff);
      case TCP_KEEPINTVL:
        return set_ranged(sock, 'keepintvl', n, 1, 0x7fffffff);
      case TCP_KEEPCNT:
        return set_ranged(sock, 'keepcnt', n, 1, 0x7fffffff);
    }
    return fail(ENOPROTOOPT);
  }
  if (level === IPPROTO_IP) {
    switch (name) {
      case IP_TTL:
        return set_hops(sock, 'ttl', n, 1);
      case IP_TOS:
        return set_ranged(sock, 'tos', small_arg(value, len), 0, 255);
      case IP_MULTICAST_TTL:
        if (tcp) return fail(ENOPROTOOPT);
        return set_hops(sock, 'multicastTtl', small_arg(value, len), 0);
      case IP_MULTICAST_LOOP: {
        if (tcp) return fail(ENOPROTOOPT);
        const on = small_arg(value, len);
        if (on === null) return fail(EINVAL);
        return set_port_option(sock, 'multicastLoop', on ? 1 : 0);
      }
      case IP_ADD_MEMBERSHIP:
      case IP_DROP_MEMBERSHIP: {
        if (tcp || sock.family !== AF_INET) return fail(ENOPROTOOPT);
        const mreq = value as ip_mreqn | null;
        if (len !== SIZEOF_IP_MREQN || !mreq || !mreq.imr_multiaddr) return fail(EINVAL);
        const group: Endpoint = { family: AF_INET, addr: mreq.imr_multiaddr.s4_addr.slice(), port: 0 };
        return membership(sock, name === IP_ADD_MEMBERSHIP, group, change);
      }
    }
    return fail(ENOPROTOOPT);
  }
  if (level === IPPROTO_IPV6) {
    if (sock.family !== AF_INET6) return fail(ENOPROTOOPT);
    switch (name) {
      case IPV6_V6ONLY:
        if (n === null || sock.local || sock.conn || sock.listener || sock.udp) return fail(EINVAL);
        return set_port_option(sock, 'v6only', n ? 1 : 0);
      case IPV6_UNICAST_HOPS:
        return set_hops(sock, 'ttl', n, 0);
      case IPV6_MULTICAST_HOPS:
        if (tcp) return fail(ENOPROTOOPT);
        return set_hops(sock, 'multicastTtl', n, 0);
      case IPV6_MULTICAST_LOOP:
        if (tcp) return fail(ENOPROTOOPT);
        if (n === null) return fail(EINVAL);
        return set_port_option(sock, 'multicastLoop', n ? 1 : 0);
      case IPV6_JOIN_GROUP:
      case IPV6_LEAVE_GROUP: {
        if (tcp) return fail(ENOPROTOOPT);
        const mreq = value as ipv6_mreq | null;
        if (len !== SIZEOF_IPV6_MREQ || !mreq || !mreq.ipv6mr_multiaddr) return fail(EINVAL);
        const group: Endpoint = { family: AF_INET6, addr: mreq.ipv6mr_multiaddr.s6_addr.slice(), port: 0 };
        return membership(sock, name === IPV6_JOIN_GROUP, group, change);
      }
    }
    return fail(ENOPROTOOPT);
  }
  return fail(ENOPROTOOPT);
}

function put_int(value: OptionValue, len: IntRef, n: number): number {
  if (len.value !== SIZEOF_INT || !write_int(value, n)) return fail(EINVAL);
  return 0;
}

function stored(sock: InetSocket, option: PortOption): number {
  const v = sock.options[option];
  return v !== undefined ? v : DEFAULTS[option] || 0;
}

function put_port_option(sock: InetSocket, value: OptionValue, len: IntRef, option: PortOption): number {
  if (!port_can(option)) return fail(ENOPROTOOPT);
  return put_int(value, len, stored(sock, option));
}

function put_timeval(value: OptionValue, len: IntRef, ms: number): number {
  const tv = value as timeval;
  if (len.value !== SIZEOF_TIMEVAL || typeof tv.tv_sec !== 'number') return fail(EINVAL);
  const t = ms < 0 ? 0 : ms;
  tv.tv_sec = Math.floor(t / 1000);
  tv.tv_usec = (t % 1000) * 1000;
  return 0;
}

export function inet_getsockopt(sock: InetSocket, level: number, name: number, value: OptionValue, len: IntRef): number {
  const tcp = sock.type === SOCK_STREAM;
  if (level === SOL_SOCKET) {
    switch (name) {
      case SO_ERROR:
        return put_int(value, len, sock.error);
      case SO_TYPE:
        return put_int(value, len, sock.type);
      case SO_DOMAIN:
        return put_int(value, len, sock.family);
      case SO_PROTOCOL:
        return put_int(value, len, sock.proto);
      case SO_ACCEPTCONN:
        return put_int(value, len, tcp && sock.state === TcpState.Listening ? 1 : 0);
      case SO_REUSEADDR:
        return put_int(value, len, sock.reuseAddr ? 1 : 0);
      case SO_REUSEPORT:
        return put_int(value, len, sock.reusePort ? 1 : 0);
      case SO_RCVTIMEO:
        return put_timeval(value, len, sock.rcvTimeo);
      case SO_SNDTIMEO:
        return put_timeval(value, len, sock.sndTimeo);
      case SO_KEEPALIVE:
        if (!tcp) return fail(ENOPROTOOPT);
        return put_port_option(sock, value, len, 'keepalive');
      case SO_RCVBUF:
        return put_port_option(sock, value, len, 'rcvbuf');
      case SO_SNDBUF:
        return put_port_option(sock, value, len, 'sndbuf');
      case SO_BROADCAST:
        if (tcp) return fail(ENOPROTOOPT);
        return put_port_option(sock, value, len, 'broadcast');
      case SO_LINGER: {
        const lg = value as linger;
        if (len.value !== SIZEOF_LINGER || typeof lg.l_onoff !== 'number') return fail(EINVAL);
        lg.l_onoff = sock.lingerOn ? 1 : 0;
        lg.l_linger = sock.lingerSecs;
        return 0;
      }
    }
    return fail(ENOPROTOOPT);
  }
  if (level === IPPROTO_TCP) {
    if (!tcp) return fail(ENOPROTOOPT);
    switch (name) {
      case TCP_NODELAY:
        return put_port_option(sock, value, len, 'nodelay');
      case TCP_KEEPIDLE:
        return put_port_option(sock, value, len, 'keepidle');
      case TCP_KEEPINTVL:
        return put_port_option(sock, value, len, 'keepintvl');
      case TCP_KEEPCNT:
        return put_port_option(sock, value, len, 'keepcnt');
    }
    return fail(ENOPROTOOPT);
  }
  if (level === IPPROTO_IP) {
    switch (name) {
      case IP_TTL:
        return put_port_option(sock, value, len, 'ttl');
      case IP_TOS:
        return put_port_option(sock, value, len, 'tos');
      case IP_MULTICAST_TTL:
        if (tcp) return fail(ENOPROTOOPT);
        return put_port_option(sock, value, len, 'multicastTtl');
      case IP_MULTICAST_LOOP:
        if (tcp) return fail(ENOPROTOOPT);
        return put_port_option(sock, value, len, 'multicastLoop');
    }
    return fail(ENOPROTOOPT);
  }
  if (level === IPPROTO_IPV6 && sock.family === AF_INET6) {
    switch (name) {
      case IPV6_V6ONLY:
        return put_port_option(sock, value, len, 'v6only');
      case IPV6_UNICAST_HOPS:
        return put_port_option(sock, value, len, 'ttl');
      case IPV6_MULTICAST_HOPS:
        if (tcp) return fail(ENOPROTOOPT);
        return put_port_option(sock, value, len, 'multicastTtl');
      case IPV6_MULTICAST_LOOP:
        if (tcp) return fail(ENOPROTOOPT);
        return put_port_option(sock, value, len, 'multicastLoop');
    }
  }
  return fail(ENOPROTOOPT);
}

