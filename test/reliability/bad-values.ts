/** The bad-input classes of the sweep: for each kind of argument, values C would compile ('c') and values it would reject ('type'). */
import * as api from '../../lib/index';
import { AF_INET, AF_INET6, AF_UNIX, ZSOCK_POLLIN, sockaddr } from '../../lib/index';
import { addr } from '../conformance/helpers';

/** A value C would compile ('c') or reject ('type'). */
export type Bad = [value: () => unknown, cls: 'c' | 'type', label: string];

export function detached(size = 16): Uint8Array {
  const u = new Uint8Array(size);
  structuredClone(u.buffer, { transfer: [u.buffer] });
  return u;
}

export const known_errnos = new Set<number>(
  Object.keys(api)
    .filter((k) => /^E[A-Z0-9]+$/.test(k) && typeof (api as unknown as Record<string, unknown>)[k] === 'number')
    .map((k) => (api as unknown as Record<string, number>)[k]!),
);

export const INT: Bad[] = [
  [() => -1, 'c', '-1'],
  [() => 2 ** 31, 'c', '2^31'],
  [() => -(2 ** 31) - 1, 'c', '-2^31-1'],
  [() => NaN, 'c', 'NaN'],
  [() => 1.5, 'c', '1.5'],
  [() => Infinity, 'c', 'Infinity'],
  [() => 0xffff, 'c', '0xffff'],
  [() => '1', 'type', "'1'"],
  [() => null, 'type', 'null'],
  [() => ({}), 'type', '{}'],
];
/** An int whose -1 means "forever" where it is used (poll/k_sleep timeouts): every other bad int. */
export const TIMEOUT: Bad[] = INT.filter((b) => b[2] !== '-1');
export const SMALL_TIME: Bad[] = [
  [() => NaN, 'c', 'NaN'],
  [() => -5, 'c', '-5'],
  [() => 1.5, 'c', '1.5'],
  [() => '5', 'type', "'5'"],
  [() => null, 'type', 'null'],
];
/** A descriptor that was open once and is closed now (the sweep sets it). */
export const closed = { fd: -1 };
export const FD: Bad[] = [
  [() => -1, 'c', '-1'],
  [() => 9999, 'c', '9999'],
  [() => 63, 'c', 'never opened'],
  [() => closed.fd, 'c', 'closed'],
  [() => NaN, 'c', 'NaN'],
  [() => 1.5, 'c', '1.5'],
  [() => 2 ** 31, 'c', '2^31'],
  [() => '3', 'type', "'3'"],
  [() => null, 'type', 'null'],
  [() => undefined, 'type', 'undefined'],
  [() => ({}), 'type', '{}'],
];
export const BUF: Bad[] = [
  [() => null, 'c', 'NULL'],
  [() => detached(), 'c', 'detached'],
  [() => new Uint8Array(0), 'c', 'empty'],
  [() => new Uint16Array(2), 'c', 'short Uint16Array'],
  [() => {
    const ab = new ArrayBuffer(16);
    const view = new DataView(ab);
    structuredClone(ab, { transfer: [ab] });
    return view;
  }, 'c', 'detached DataView'],
  [() => 'abc', 'type', 'string'],
  [() => 123, 'type', 'number'],
  [() => ({}), 'type', '{}'],
  [() => [1, 2, 3], 'type', 'array'],
];
export const LEN: Bad[] = [...INT.filter((b) => b[1] === 'c'), [() => 1e9, 'c', '1e9'], [() => 17, 'c', 'past the end'], ...INT.filter((b) => b[1] === 'type')];
export function sa(family: number, port = 7, text = '192.0.2.20'): sockaddr {
  const a = family === AF_INET || family === AF_INET6 ? addr(family === AF_INET6 ? '2001:db8::20' : text, port) : new sockaddr();
  a.sa_family = family;
  return a;
}
export const SOCKADDR: Bad[] = [
  [() => null, 'c', 'NULL'],
  [() => sa(0), 'c', 'AF_UNSPEC'],
  [() => sa(99), 'c', 'family 99'],
  [() => sa(AF_INET6), 'c', 'AF_INET6 on IPv4'],
  [() => sa(AF_UNIX), 'c', 'AF_UNIX'],
  [() => addr('0.0.0.0', 0), 'c', '0.0.0.0:0'],
  [() => addr('224.0.0.1', 7), 'c', 'multicast'],
  [() => ({}), 'type', '{}'],
  [() => 'x', 'type', 'string'],
  [() => 5, 'type', 'number'],
];
export const ADDRLEN: Bad[] = [
  [() => -1, 'c', '-1'],
  [() => 0, 'c', '0'],
  [() => 7, 'c', '7'],
  [() => NaN, 'c', 'NaN'],
  [() => 1e9, 'c', '1e9'],
  [() => '8', 'type', "'8'"],
];
export const LENREF: Bad[] = [
  [() => null, 'c', 'NULL'],
  [() => ({ value: -1 }), 'c', '-1'],
  [() => ({ value: NaN }), 'c', 'NaN'],
  [() => ({ value: 0 }), 'c', '0'],
  [() => ({ value: 1e9 }), 'c', '1e9'],
  [() => ({}), 'type', '{}'],
  [() => 5, 'type', 'number'],
];
export const OPTVAL: Bad[] = [
  [() => null, 'c', 'NULL'],
  [() => 0, 'c', '0'],
  [() => ({ value: 1 }), 'c', '{value}'],
  [() => new Uint8Array(2), 'c', '2 bytes'],
  [() => detached(4), 'c', 'detached'],
  [() => ({ tv_sec: 'x', tv_usec: 0 }), 'c', 'bad timeval'],
  [() => ({ imr_multiaddr: {} }), 'c', 'bad ip_mreqn'],
  [() => ({ value: NaN }), 'c', '{value: NaN}'],
];
export function msg(over: Partial<api.msghdr> & { base?: unknown; len?: number }): api.msghdr {
  const base = 'base' in over ? over.base : new Uint8Array(16);
  const m: api.msghdr = {
    msg_name: null,
    msg_namelen: 0,
    msg_iov: [{ iov_base: base as Uint8Array, iov_len: over.len === undefined ? 16 : over.len }],
    msg_iovlen: 1,
    msg_flags: 0,
  };
  return Object.assign(m, over);
}
export const MSG: Bad[] = [
  [() => null, 'c', 'NULL'],
  [() => msg({ msg_iov: null }), 'c', 'msg_iov NULL'],
  [() => msg({ msg_iovlen: -1 }), 'c', 'msg_iovlen -1'],
  [() => msg({ msg_iovlen: 99 }), 'c', 'msg_iovlen 99'],
  [() => msg({ msg_iovlen: NaN }), 'c', 'msg_iovlen NaN'],
  [() => msg({ len: -1 }), 'c', 'iov_len -1'],
  [() => msg({ len: 1e9 }), 'c', 'iov_len 1e9'],
  [() => msg({ base: null }), 'c', 'iov_base NULL'],
  [() => msg({ base: detached() }), 'c', 'iov_base detached'],
  [() => msg({ msg_name: sa(99), msg_namelen: 24 }), 'c', 'msg_name family 99'],
  [() => msg({ msg_name: sa(AF_INET), msg_namelen: -1 }), 'c', 'msg_namelen -1'],
  [() => ({}), 'type', '{}'],
  [() => 'x', 'type', 'string'],
  [() => msg({ base: 'str' }), 'type', 'iov_base string'],
  [() => msg({ msg_name: {} as sockaddr, msg_namelen: 24 }), 'type', 'msg_name {}'],
];
export const STR: Bad[] = [
  [() => null, 'c', 'NULL'],
  [() => '', 'c', "''"],
  [() => 'x'.repeat(300), 'c', '300 characters'],
  [() => '\u0000', 'c', 'NUL'],
  [() => '1.2.3.4\u0000junk', 'c', 'NUL inside'],
  [() => 5, 'type', 'number'],
  [() => ({}), 'type', '{}'],
];
export const STRREF: Bad[] = [
  [() => null, 'c', 'NULL'],
  [() => 5, 'type', 'number'],
  [() => 'x', 'type', 'string'],
];
export const ADDRBYTES: Bad[] = [
  [() => null, 'c', 'NULL'],
  [() => new Uint8Array(2), 'c', 'short'],
  [() => detached(), 'c', 'detached'],
  [() => new api.in6_addr(), 'c', 'in6_addr for IPv4'],
  [() => 'x', 'type', 'string'],
  [() => ({}), 'type', '{}'],
];
export const FDSET: Bad[] = [
  [() => null, 'c', 'NULL'],
  [() => ({}), 'type', '{}'],
  [() => 5, 'type', 'number'],
];
export const TIMEVAL: Bad[] = [
  [() => ({ tv_sec: -1, tv_usec: 0 }), 'c', 'tv_sec -1'],
  [() => ({ tv_sec: 0, tv_usec: 1e6 }), 'c', 'tv_usec 1e6'],
  [() => ({ tv_sec: NaN, tv_usec: 0 }), 'c', 'NaN'],
  [() => ({ tv_sec: 0.5, tv_usec: 0 }), 'c', '0.5 s'],
  [() => ({ tv_sec: Infinity, tv_usec: 0 }), 'c', 'Infinity'],
  [() => 'x', 'type', 'string'],
];
export const POLLFDS: Bad[] = [
  [() => null, 'c', 'NULL'],
  [() => [], 'c', 'shorter than nfds'],
  [() => [{ fd: NaN, events: ZSOCK_POLLIN, revents: 0 }], 'c', 'fd NaN'],
  [() => [{ fd: 9999, events: NaN, revents: 0 }], 'c', 'events NaN'],
  [() => 'x', 'type', 'string'],
  [() => 5, 'type', 'number'],
];
export const HINTS: Bad[] = [
  [() => ({ ai_family: 99 }), 'c', 'ai_family 99'],
  [() => ({ ai_socktype: 99 }), 'c', 'ai_socktype 99'],
  [() => ({ ai_flags: -1 }), 'c', 'ai_flags -1'],
  [() => ({ ai_protocol: 999 }), 'c', 'ai_protocol 999'],
  [() => ({ ai_family: NaN }), 'c', 'ai_family NaN'],
  [() => 'x', 'type', 'string'],
  [() => 5, 'type', 'number'],
];
export const RES: Bad[] = [
  [() => null, 'c', 'NULL'],
  [() => 5, 'type', 'number'],
];
export const SV: Bad[] = [
  [() => null, 'c', 'NULL'],
  [() => [], 'c', 'empty'],
  [() => [1], 'c', 'one'],
  [() => 'ab', 'type', 'string'],
  [() => ({}), 'type', '{}'],
];
export const SERVERS: Bad[] = [
  [() => ['not an address'], 'c', 'garbage'],
  [() => [''], 'c', "''"],
  [() => ['192.0.2.1:99999'], 'c', 'port 99999'],
  [() => 'x', 'type', 'string'],
];

