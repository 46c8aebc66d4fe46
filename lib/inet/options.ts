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
import type { in6_addr, in_addr, IntRef } from '../sockaddr';
import { stack_port } from '../stack';
import { is_multicast, is_unspecified } from './endpoint';
import { SockFlag, TcpState, type InetSocket } from './socket';
import { udp_membership } from './udp';

/** What an unset option reads back as. */
const DEFAULTS: { [option: string]: number } = { ttl: 64, multicastTtl: 1, multicastLoop: 1 };

function port_can(option: PortOption, sock: InetSocket): boolean {
  const caps = stack_port().capabilities;
  if (caps.options.indexOf(option) < 0) return false;
  return !(sock.type === SOCK_STREAM && caps.udpOnlyOptions && caps.udpOnlyOptions.indexOf(option) >= 0);
}

/** Stores a port option and hands it to the port's socket if one is open. */
function set_port_option(sock: InetSocket, option: PortOption, value: number): number {
  if (!port_can(option, sock)) return fail(ENOPROTOOPT);
  const live = sock.conn || sock.udp;
  if (live) {
    const err = live.setOption(option, value);
    if (err) return fail(err);
  }
  (sock.options || (sock.options = {}))[option] = value;
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

/** Joins or leaves a group on a UDP socket (the callers refuse TCP ones). */
function membership(sock: InetSocket, join: boolean, group: Endpoint): number {
  if (!stack_port().capabilities.multicast) return fail(ENOPROTOOPT);
  if (is_unspecified(group.addr) || !is_multicast(group)) return fail(EINVAL);
  const err = udp_membership(sock, group, join);
  return err ? fail(err) : 0;
}

/** The value a port option is set to, checked as Zephyr (or, where Zephyr lacks it, Linux) checks it; null: EINVAL. */
function port_value(option: PortOption, level: number, value: OptionValue | null, len: number): number | null {
  const n = int_arg(value, len);
  switch (option) {
    case 'keepalive':
      return n !== null && n >= 0 && n <= 1 ? n : null;
    case 'rcvbuf':
    case 'sndbuf':
      return n !== null && n >= 0 && n <= 65535 ? n : null;
    case 'keepidle':
    case 'keepintvl':
    case 'keepcnt':
      return n !== null && n >= 1 ? n : null;
    case 'nodelay':
    case 'broadcast':
    case 'v6only':
      return n === null ? null : n ? 1 : 0;
    case 'multicastLoop': {
      const on = level === IPPROTO_IP ? small_arg(value, len) : n;
      return on === null ? null : on ? 1 : 0;
    }
    case 'tos': {
      const tos = small_arg(value, len);
      return tos !== null && tos >= 0 && tos <= 255 ? tos : null;
    }
    case 'ttl':
    case 'multicastTtl': {
      // -1 asks for the default; IP_TTL may not be 0, hop limits may.
      const hops = option === 'multicastTtl' && level === IPPROTO_IP ? small_arg(value, len) : n;
      const min = option === 'ttl' && level === IPPROTO_IP ? 1 : 0;
      if (hops === null || hops < -1 || hops > 255 || (hops < min && hops !== -1)) return null;
      return hops === -1 ? DEFAULTS[option]! : hops;
    }
  }
  return null;
}

/**
 * Whether a struct's address field is the in_addr (`ip`) or in6_addr
 * (`ipv6`) it must be: a struct of another shape is EINVAL, as a wrong
 * optlen is, never a TypeError thrown from inside.
 */
function address_bytes(field: unknown, kind: 'ip' | 'ipv6'): boolean {
  if (!field || typeof field !== 'object') return false;
  const bytes = kind === 'ip' ? (field as in_addr).s4_addr : (field as in6_addr).s6_addr;
  return bytes instanceof Uint8Array && bytes.length >= (kind === 'ip' ? 4 : 16);
}

export function inet_setsockopt(
  sock: InetSocket,
  level: number,
  name: number,
  value: OptionValue | null,
  len: number,
): number {
  const tcp = sock.type === SOCK_STREAM;
  if (level === SOL_SOCKET) {
    switch (name) {
      case SO_REUSEADDR:
      case SO_REUSEPORT: {
        const n = int_arg(value, len);
        if (n === null) return fail(EINVAL);
        if (name === SO_REUSEADDR) sock.flags = n !== 0 ? sock.flags | SockFlag.ReuseAddr : sock.flags & ~SockFlag.ReuseAddr;
        else sock.flags = n !== 0 ? sock.flags | SockFlag.ReusePort : sock.flags & ~SockFlag.ReusePort;
        return 0;
      }
      case SO_RCVTIMEO:
      case SO_SNDTIMEO: {
        const ms = len === SIZEOF_TIMEVAL ? timeval_ms(value) : null;
        if (ms === null) return fail(EINVAL);
        if (name === SO_RCVTIMEO) sock.rcvTimeo = ms;
        else sock.sndTimeo = ms;
        return 0;
      }
      case SO_LINGER: {
        const lg = value as linger | null;
        if (len !== SIZEOF_LINGER || !lg || typeof lg.l_onoff !== 'number' || typeof lg.l_linger !== 'number') {
          return fail(EINVAL);
        }
        sock.flags = lg.l_onoff !== 0 ? sock.flags | SockFlag.LingerOn : sock.flags & ~SockFlag.LingerOn;
        sock.lingerSecs = lg.l_linger;
        return 0;
      }
    }
  } else if (level === IPPROTO_IP && (name === IP_ADD_MEMBERSHIP || name === IP_DROP_MEMBERSHIP)) {
    if (tcp || sock.family !== AF_INET || !stack_port().capabilities.multicast) return fail(ENOPROTOOPT);
    const mreq = value as ip_mreqn | null;
    if (len !== SIZEOF_IP_MREQN || !address_bytes(mreq && mreq.imr_multiaddr, 'ip')) return fail(EINVAL);
    const group: Endpoint = { family: AF_INET, addr: new Uint8Array(mreq!.imr_multiaddr.s4_addr.subarray(0, 4)), port: 0 };
    return membership(sock, name === IP_ADD_MEMBERSHIP, group);
  } else if (level === IPPROTO_IPV6 && (name === IPV6_JOIN_GROUP || name === IPV6_LEAVE_GROUP)) {
    if (tcp || sock.family !== AF_INET6 || !stack_port().capabilities.multicast) return fail(ENOPROTOOPT);
    const mreq = value as ipv6_mreq | null;
    if (len !== SIZEOF_IPV6_MREQ || !address_bytes(mreq && mreq.ipv6mr_multiaddr, 'ipv6')) return fail(EINVAL);
    const group: Endpoint = { family: AF_INET6, addr: new Uint8Array(mreq!.ipv6mr_multiaddr.s6_addr.subarray(0, 16)), port: 0 };
    return membership(sock, name === IPV6_JOIN_GROUP, group);
  }
  const option = port_option_for(sock, level, name);
  if (typeof option === 'number') return fail(option);
  if (!port_can(option, sock)) return fail(ENOPROTOOPT);
  const n = port_value(option, level, value, len);
  // V6ONLY only before the socket has an address, as on Linux.
  if (n === null || (option === 'v6only' && (sock.local || sock.conn || sock.listener || sock.udp))) return fail(EINVAL);
  return set_port_option(sock, option, n);
}

function put_int(value: OptionValue, len: IntRef, n: number): number {
  if (len.value !== SIZEOF_INT || !write_int(value, n)) return fail(EINVAL);
  return 0;
}

function stored(sock: InetSocket, option: PortOption): number {
  const v = sock.options ? sock.options[option] : undefined;
  return v !== undefined ? v : DEFAULTS[option] || 0;
}

function put_timeval(value: OptionValue, len: IntRef, ms: number): number {
  const tv = value as timeval;
  if (len.value !== SIZEOF_TIMEVAL || typeof tv.tv_sec !== 'number') return fail(EINVAL);
  const t = ms < 0 ? 0 : ms;
  tv.tv_sec = Math.floor(t / 1000);
  tv.tv_usec = (t % 1000) * 1000;
  return 0;
}

/**
 * The port option behind (level, name) for this kind of socket, or an
 * errno: the option belongs to another protocol or family (ENOPROTOOPT).
 */
function port_option_for(sock: InetSocket, level: number, name: number): PortOption | number {
  const tcp = sock.type === SOCK_STREAM;
  const six = sock.family === AF_INET6;
  switch (level * 256 + name) {
    case SOL_SOCKET * 256 + SO_KEEPALIVE:
      return tcp ? 'keepalive' : ENOPROTOOPT;
    case SOL_SOCKET * 256 + SO_RCVBUF:
      return 'rcvbuf';
    case SOL_SOCKET * 256 + SO_SNDBUF:
      return 'sndbuf';
    case SOL_SOCKET * 256 + SO_BROADCAST:
      return tcp ? ENOPROTOOPT : 'broadcast';
    case IPPROTO_TCP * 256 + TCP_NODELAY:
      return tcp ? 'nodelay' : ENOPROTOOPT;
    case IPPROTO_TCP * 256 + TCP_KEEPIDLE:
      return tcp ? 'keepidle' : ENOPROTOOPT;
    case IPPROTO_TCP * 256 + TCP_KEEPINTVL:
      return tcp ? 'keepintvl' : ENOPROTOOPT;
    case IPPROTO_TCP * 256 + TCP_KEEPCNT:
      return tcp ? 'keepcnt' : ENOPROTOOPT;
    case IPPROTO_IP * 256 + IP_TTL:
      return 'ttl';
    case IPPROTO_IP * 256 + IP_TOS:
      return 'tos';
    case IPPROTO_IP * 256 + IP_MULTICAST_TTL:
      return tcp ? ENOPROTOOPT : 'multicastTtl';
    case IPPROTO_IP * 256 + IP_MULTICAST_LOOP:
      return tcp ? ENOPROTOOPT : 'multicastLoop';
    case IPPROTO_IPV6 * 256 + IPV6_V6ONLY:
      return six ? 'v6only' : ENOPROTOOPT;
    case IPPROTO_IPV6 * 256 + IPV6_UNICAST_HOPS:
      return six ? 'ttl' : ENOPROTOOPT;
    case IPPROTO_IPV6 * 256 + IPV6_MULTICAST_HOPS:
      return six && !tcp ? 'multicastTtl' : ENOPROTOOPT;
    case IPPROTO_IPV6 * 256 + IPV6_MULTICAST_LOOP:
      return six && !tcp ? 'multicastLoop' : ENOPROTOOPT;
  }
  return ENOPROTOOPT;
}

export function inet_getsockopt(sock: InetSocket, level: number, name: number, value: OptionValue, len: IntRef): number {
  if (level === SOL_SOCKET) {
    switch (name) {
      case SO_ERROR: {
        // POSIX: reading the pending error clears it (Zephyr keeps it; no test of its pins that).
        if (put_int(value, len, sock.pendingError) < 0) return -1;
        sock.pendingError = 0;
        if (sock.state === TcpState.Failed && (sock.flags & SockFlag.ErrorUnreported) !== 0) {
          // The failed connect is reported now: the next connect starts over.
          sock.flags &= ~SockFlag.ErrorUnreported;
          sock.error = 0;
          sock.state = TcpState.Fresh;
        }
        return 0;
      }
      case SO_TYPE:
        return put_int(value, len, sock.type);
      case SO_DOMAIN:
        return put_int(value, len, sock.family);
      case SO_PROTOCOL:
        // IPPROTO_TCP or IPPROTO_UDP, from the type: the socket keeps no field for it.
        return put_int(value, len, sock.type === SOCK_STREAM ? 6 : 17);
      case SO_ACCEPTCONN:
        return put_int(value, len, sock.type === SOCK_STREAM && sock.state === TcpState.Listening ? 1 : 0);
      case SO_REUSEADDR:
        return put_int(value, len, (sock.flags & SockFlag.ReuseAddr) !== 0 ? 1 : 0);
      case SO_REUSEPORT:
        return put_int(value, len, (sock.flags & SockFlag.ReusePort) !== 0 ? 1 : 0);
      case SO_RCVTIMEO:
        return put_timeval(value, len, sock.rcvTimeo);
      case SO_SNDTIMEO:
        return put_timeval(value, len, sock.sndTimeo);
      case SO_LINGER: {
        const lg = value as linger;
        if (len.value !== SIZEOF_LINGER || typeof lg.l_onoff !== 'number') return fail(EINVAL);
        lg.l_onoff = (sock.flags & SockFlag.LingerOn) !== 0 ? 1 : 0;
        lg.l_linger = sock.lingerSecs;
        return 0;
      }
    }
  }
  const option = port_option_for(sock, level, name);
  if (typeof option === 'number') return fail(option);
  if (!port_can(option, sock)) return fail(ENOPROTOOPT);
  return put_int(value, len, stored(sock, option));
}
