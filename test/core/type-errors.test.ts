/**
 * What C would not compile throws a TypeError that names the argument at
 * fault, so a program's mistake points at itself.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  AF_INET,
  AF_UNIX,
  k_msleep,
  k_sleep,
  k_usleep,
  SOCK_DGRAM,
  SOCK_STREAM,
  sockaddr_in,
  zsock_accept,
  zsock_bind,
  zsock_connect,
  zsock_fcntl,
  zsock_getpeername,
  zsock_getsockname,
  zsock_getsockopt,
  zsock_ioctl,
  zsock_listen,
  zsock_poll,
  zsock_recvfrom,
  zsock_recvmsg,
  zsock_select,
  zsock_sendmsg,
  zsock_sendto,
  zsock_set_connect_timeout,
  zsock_setsockopt,
  zsock_shutdown,
  zsock_socket,
  zsock_socketpair,
  type msghdr,
} from '../../lib/index';
import { open_mock, type MockSession } from '../conformance/mock-target';

let s: MockSession;
beforeEach(() => {
  s = open_mock();
});
afterEach(async () => {
  await s.close();
});

// Values of the wrong type, as a JavaScript caller can pass them.
const str = 'x' as unknown as number;
const bad = { nope: 1 } as never;

function msg(over: Partial<Record<keyof msghdr, unknown>>): msghdr {
  return { msg_name: null, msg_namelen: 0, msg_iov: [{ iov_base: new Uint8Array(4), iov_len: 4 }], msg_iovlen: 1, msg_flags: 0, ...over } as msghdr;
}

it('each bad argument throws a TypeError naming it', () => {
  const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
  const a = new sockaddr_in();
  const buf = new Uint8Array(4);
  const cases: [string, () => unknown, RegExp][] = [
    ['socket family', () => zsock_socket(str, SOCK_STREAM, 0), /^family must be a number/],
    ['socket type', () => zsock_socket(AF_INET, str, 0), /^type must be a number/],
    ['socket protocol', () => zsock_socket(AF_INET, SOCK_STREAM, str), /^protocol must be a number/],
    ['descriptor', () => zsock_listen(str, 1), /^descriptor must be a number/],
    ['shutdown how', () => zsock_shutdown(fd, str), /^how must be a number/],
    ['bind address', () => zsock_bind(fd, bad, 16), /^address must be a sockaddr/],
    ['bind addrlen', () => zsock_bind(fd, a, str), /^addrlen must be a number/],
    ['connect addrlen', () => zsock_connect(fd, a, str), /^addrlen must be a number/],
    ['listen backlog', () => zsock_listen(fd, str), /^backlog must be a number/],
    ['accept addrlen', () => zsock_accept(fd, a, bad), /^addrlen must be an \{ value: number \} reference or null/],
    ['sendto flags', () => zsock_sendto(fd, buf, 4, str, null, 0), /^flags must be a number/],
    ['sendto addrlen', () => zsock_sendto(fd, buf, 4, 0, a, str), /^addrlen must be a number/],
    ['sendto length', () => zsock_sendto(fd, buf, str, 0, null, 0), /^length must be a number/],
    ['sendto buffer', () => zsock_sendto(fd, bad, 4, 0, null, 0), /^buffer must be a Uint8Array, an ArrayBuffer or a view/],
    ['recvfrom flags', () => zsock_recvfrom(fd, buf, 4, str, null, null), /^flags must be a number/],
    ['recvfrom addrlen', () => zsock_recvfrom(fd, buf, 4, 0, a, bad), /^addrlen must be an \{ value/],
    ['getsockopt level', () => zsock_getsockopt(fd, str, 1, { value: 0 }, { value: 4 }), /^level must be a number/],
    ['getsockopt name', () => zsock_getsockopt(fd, 1, str, { value: 0 }, { value: 4 }), /^option name must be a number/],
    ['getsockopt optlen', () => zsock_getsockopt(fd, 1, 1, { value: 0 }, bad), /^optlen must be an \{ value/],
    ['setsockopt level', () => zsock_setsockopt(fd, str, 1, { value: 0 }, 4), /^level must be a number/],
    ['setsockopt name', () => zsock_setsockopt(fd, 1, str, { value: 0 }, 4), /^option name must be a number/],
    ['setsockopt optlen', () => zsock_setsockopt(fd, 1, 1, { value: 0 }, str), /^optlen must be a number/],
    ['getsockname addrlen', () => zsock_getsockname(fd, a, bad), /^addrlen must be an \{ value/],
    ['getpeername addrlen', () => zsock_getpeername(fd, a, bad), /^addrlen must be an \{ value/],
    ['fcntl command', () => zsock_fcntl(fd, str), /^command must be a number/],
    ['ioctl request', () => zsock_ioctl(fd, str, 0), /^request must be a number/],
    ['ioctl argument', () => zsock_ioctl(fd, 0, bad), /^argument must be an \{ value/],
    ['sendmsg flags', () => zsock_sendmsg(fd, msg({}), str), /^flags must be a number/],
    ['sendmsg message', () => zsock_sendmsg(fd, bad, 0), /^message must be a msghdr/],
    ['sendmsg msg_name', () => zsock_sendmsg(fd, msg({ msg_name: bad }), 0), /^address must be a sockaddr/],
    ['sendmsg msg_namelen', () => zsock_sendmsg(fd, msg({ msg_name: a, msg_namelen: str }), 0), /^msg_namelen must be a number/],
    ['sendmsg msg_iovlen', () => zsock_sendmsg(fd, msg({ msg_iovlen: str }), 0), /^msg_iovlen must be a number/],
    ['sendmsg msg_iov', () => zsock_sendmsg(fd, msg({ msg_iov: bad }), 0), /^msg_iov must be an array of iovec/],
    ['sendmsg iovec', () => zsock_sendmsg(fd, msg({ msg_iov: [7] }), 0), /^msg_iov entries must be iovec/],
    ['sendmsg iov_len', () => zsock_sendmsg(fd, msg({ msg_iov: [{ iov_base: buf, iov_len: str }] }), 0), /^iov_len must be a number/],
    ['sendmsg iov_base', () => zsock_sendmsg(fd, msg({ msg_iov: [{ iov_base: bad, iov_len: 1 }] }), 0), /^iov_base must be a Uint8Array/],
    ['recvmsg flags', () => zsock_recvmsg(fd, msg({}), str), /^flags must be a number/],
    ['poll nfds', () => zsock_poll([], str, 0), /^nfds and timeout are numbers/],
    ['poll fds', () => zsock_poll(bad, 0, 0), /^fds must be an array of zsock_pollfd/],
    ['select nfds', () => zsock_select(str, null, null, null, null), /^nfds must be a number/],
    ['connect timeout', () => zsock_set_connect_timeout(str), /^timeout must be a number/],
    ['socketpair numbers', () => zsock_socketpair(AF_UNIX, str, 0, [0, 0]), /^family, type and protocol must be numbers/],
    ['socketpair sv', () => zsock_socketpair(AF_UNIX, SOCK_STREAM, 0, bad), /^sv must be an array/],
    ['k_sleep', () => k_sleep(str), /^timeout must be a number/],
    ['k_msleep', () => k_msleep(str), /^ms must be a number/],
    ['k_usleep', () => k_usleep(str), /^us must be a number/],
  ];
  for (const [what, thunk, message] of cases) {
    let thrown: unknown = null;
    try {
      thunk();
    } catch (e) {
      thrown = e;
    }
    expect(thrown, what).toBeInstanceOf(TypeError);
    expect((thrown as TypeError).message, what).toMatch(message);
  }
});
