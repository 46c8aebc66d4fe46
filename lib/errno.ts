/**
 * errno numbers as Zephyr's minimal libc defines them (BSD-style numbers,
 * not Linux's: ENOTSUP 35 and EOPNOTSUPP 45 differ), and the application's
 * `errno`.
 */

/** errno 1; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EPERM` of lib/libc/minimal/include/errno.h. */ export const EPERM = 1;
/** errno 2; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENOENT` of lib/libc/minimal/include/errno.h. */ export const ENOENT = 2;
/** errno 3; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ESRCH` of lib/libc/minimal/include/errno.h. */ export const ESRCH = 3;
/** errno 4: the descriptor was closed while the call waited (every waiting call settles with it). Mirrors `EINTR` of lib/libc/minimal/include/errno.h. */ export const EINTR = 4;
/** errno 5: a port error with no closer name (the Node port maps system errors Zephyr has no name for to it). Mirrors `EIO` of lib/libc/minimal/include/errno.h. */ export const EIO = 5;
/** errno 6; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENXIO` of lib/libc/minimal/include/errno.h. */ export const ENXIO = 6;
/** errno 7; no zsockjs call answers it, it is here for code that compares against it. Mirrors `E2BIG` of lib/libc/minimal/include/errno.h. */ export const E2BIG = 7;
/** errno 8; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENOEXEC` of lib/libc/minimal/include/errno.h. */ export const ENOEXEC = 8;
/** errno 9: the descriptor is not open. Mirrors `EBADF` of lib/libc/minimal/include/errno.h. */ export const EBADF = 9;
/** errno 10; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ECHILD` of lib/libc/minimal/include/errno.h. */ export const ECHILD = 10;
/** errno 11: the call would wait and may not: non-blocking, ZSOCK_MSG_DONTWAIT, or SO_RCVTIMEO / SO_SNDTIMEO ran out. Mirrors `EAGAIN` of lib/libc/minimal/include/errno.h. */ export const EAGAIN = 11;
/** The same number as EAGAIN. Mirrors `EWOULDBLOCK` of lib/libc/minimal/include/errno.h. */ export const EWOULDBLOCK = EAGAIN;
/** errno 12: recvmsg without msg_iov, as Zephyr answers it. Mirrors `ENOMEM` of lib/libc/minimal/include/errno.h. */ export const ENOMEM = 12;
/** errno 13: a UDP send to a broadcast address without SO_BROADCAST. Mirrors `EACCES` of lib/libc/minimal/include/errno.h. */ export const EACCES = 13;
/** errno 14: a length past the end of the buffer; socketpair without an array. Mirrors `EFAULT` of lib/libc/minimal/include/errno.h. */ export const EFAULT = 14;
/** errno 15; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENOTEMPTY` of lib/libc/minimal/include/errno.h. */ export const ENOTEMPTY = 15;
/** errno 16; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EBUSY` of lib/libc/minimal/include/errno.h. */ export const EBUSY = 16;
/** errno 17; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EEXIST` of lib/libc/minimal/include/errno.h. */ export const EEXIST = 17;
/** errno 18; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EXDEV` of lib/libc/minimal/include/errno.h. */ export const EXDEV = 18;
/** errno 19; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENODEV` of lib/libc/minimal/include/errno.h. */ export const ENODEV = 19;
/** errno 20; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENOTDIR` of lib/libc/minimal/include/errno.h. */ export const ENOTDIR = 20;
/** errno 21; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EISDIR` of lib/libc/minimal/include/errno.h. */ export const EISDIR = 21;
/** errno 22: an argument out of range or in the wrong state (a negative length, unknown flags, a second bind, an option value of the wrong size). Mirrors `EINVAL` of lib/libc/minimal/include/errno.h. */ export const EINVAL = 22;
/** errno 23: the descriptor table is full (zsock_init's maxDescriptors). Mirrors `ENFILE` of lib/libc/minimal/include/errno.h. */ export const ENFILE = 23;
/** errno 24; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EMFILE` of lib/libc/minimal/include/errno.h. */ export const EMFILE = 24;
/** errno 25; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENOTTY` of lib/libc/minimal/include/errno.h. */ export const ENOTTY = 25;
/** errno 26: gethostname's buffer has no room for the name. Mirrors `ENAMETOOLONG` of lib/libc/minimal/include/errno.h. */ export const ENAMETOOLONG = 26;
/** errno 27; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EFBIG` of lib/libc/minimal/include/errno.h. */ export const EFBIG = 27;
/** errno 28: inet_ntop's size has no room for the text. Mirrors `ENOSPC` of lib/libc/minimal/include/errno.h. */ export const ENOSPC = 28;
/** errno 29; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ESPIPE` of lib/libc/minimal/include/errno.h. */ export const ESPIPE = 29;
/** errno 30; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EROFS` of lib/libc/minimal/include/errno.h. */ export const EROFS = 30;
/** errno 31; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EMLINK` of lib/libc/minimal/include/errno.h. */ export const EMLINK = 31;
/** errno 32: a send after shutdown(SHUT_WR), or after the peer closed a socketpair. Mirrors `EPIPE` of lib/libc/minimal/include/errno.h. */ export const EPIPE = 32;
/** errno 33; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EDEADLK` of lib/libc/minimal/include/errno.h. */ export const EDEADLK = 33;
/** errno 34; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENOLCK` of lib/libc/minimal/include/errno.h. */ export const ENOLCK = 34;
/** errno 35: an operation the port cannot do (shutdown without half-close). Mirrors `ENOTSUP` of lib/libc/minimal/include/errno.h. */ export const ENOTSUP = 35;
/** errno 36: a datagram larger than the socket can send. Mirrors `EMSGSIZE` of lib/libc/minimal/include/errno.h. */ export const EMSGSIZE = 36;
/** errno 37; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EDOM` of lib/libc/minimal/include/errno.h. */ export const EDOM = 37;
/** errno 38; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ERANGE` of lib/libc/minimal/include/errno.h. */ export const ERANGE = 38;
/** errno 40: a send on an unconnected socket without an address. Mirrors `EDESTADDRREQ` of lib/libc/minimal/include/errno.h. */ export const EDESTADDRREQ = 40;
/** errno 41: a socket type no family knows. Mirrors `EPROTOTYPE` of lib/libc/minimal/include/errno.h. */ export const EPROTOTYPE = 41;
/** errno 42: an option the socket or its port does not have (see the capability table). Mirrors `ENOPROTOOPT` of lib/libc/minimal/include/errno.h. */ export const ENOPROTOOPT = 42;
/** errno 43: a protocol the socket type does not carry, or a type no registered provider serves. Mirrors `EPROTONOSUPPORT` of lib/libc/minimal/include/errno.h. */ export const EPROTONOSUPPORT = 43;
/** errno 44; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ESOCKTNOSUPPORT` of lib/libc/minimal/include/errno.h. */ export const ESOCKTNOSUPPORT = 44;
/** errno 45: an operation the socket type does not have (listen or accept on UDP). Mirrors `EOPNOTSUPP` of lib/libc/minimal/include/errno.h. */ export const EOPNOTSUPP = 45;
/** errno 46: an IPv6 socket on a port without IPv6. Mirrors `EPFNOSUPPORT` of lib/libc/minimal/include/errno.h. */ export const EPFNOSUPPORT = 46;
/** errno 47: an address family no provider serves. Mirrors `EAFNOSUPPORT` of lib/libc/minimal/include/errno.h. */ export const EAFNOSUPPORT = 47;
/** errno 48: the address and port are held by another socket (no SO_REUSEADDR / SO_REUSEPORT), or no ephemeral port is left. Mirrors `EADDRINUSE` of lib/libc/minimal/include/errno.h. */ export const EADDRINUSE = 48;
/** errno 49: an address the host does not own. Mirrors `EADDRNOTAVAIL` of lib/libc/minimal/include/errno.h. */ export const EADDRNOTAVAIL = 49;
/** errno 50; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENOTSOCK` of lib/libc/minimal/include/errno.h. */ export const ENOTSOCK = 50;
/** errno 51: the host has no address of the destination's family. Mirrors `ENETUNREACH` of lib/libc/minimal/include/errno.h. */ export const ENETUNREACH = 51;
/** errno 52; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENETRESET` of lib/libc/minimal/include/errno.h. */ export const ENETRESET = 52;
/** errno 53: the connection was aborted. Mirrors `ECONNABORTED` of lib/libc/minimal/include/errno.h. */ export const ECONNABORTED = 53;
/** errno 54: the peer reset the connection. Mirrors `ECONNRESET` of lib/libc/minimal/include/errno.h. */ export const ECONNRESET = 54;
/** errno 55: the port's buffers are exhausted. Mirrors `ENOBUFS` of lib/libc/minimal/include/errno.h. */ export const ENOBUFS = 55;
/** errno 56: the socket is connected already (a socketpair sendto with an address). Mirrors `EISCONN` of lib/libc/minimal/include/errno.h. */ export const EISCONN = 56;
/** errno 57: the socket is not connected. Mirrors `ENOTCONN` of lib/libc/minimal/include/errno.h. */ export const ENOTCONN = 57;
/** errno 58; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ESHUTDOWN` of lib/libc/minimal/include/errno.h. */ export const ESHUTDOWN = 58;
/** errno 59; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ETOOMANYREFS` of lib/libc/minimal/include/errno.h. */ export const ETOOMANYREFS = 59;
/** errno 60: connect, retransmissions or keepalive probes gave up. Mirrors `ETIMEDOUT` of lib/libc/minimal/include/errno.h. */ export const ETIMEDOUT = 60;
/** errno 61: the peer refused the connection (RST), or ICMP port unreachable on a connected UDP socket. Mirrors `ECONNREFUSED` of lib/libc/minimal/include/errno.h. */ export const ECONNREFUSED = 61;
/** errno 62; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENETDOWN` of lib/libc/minimal/include/errno.h. */ export const ENETDOWN = 62;
/** errno 63; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ETXTBSY` of lib/libc/minimal/include/errno.h. */ export const ETXTBSY = 63;
/** errno 64; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ELOOP` of lib/libc/minimal/include/errno.h. */ export const ELOOP = 64;
/** errno 65: no route to the destination host. Mirrors `EHOSTUNREACH` of lib/libc/minimal/include/errno.h. */ export const EHOSTUNREACH = 65;
/** errno 66; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENOTBLK` of lib/libc/minimal/include/errno.h. */ export const ENOTBLK = 66;
/** errno 67; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EHOSTDOWN` of lib/libc/minimal/include/errno.h. */ export const EHOSTDOWN = 67;
/** errno 68: a non-blocking connect started; POLLOUT tells when it ends, SO_ERROR how. Mirrors `EINPROGRESS` of lib/libc/minimal/include/errno.h. */ export const EINPROGRESS = 68;
/** errno 69: a non-blocking connect is still running. Mirrors `EALREADY` of lib/libc/minimal/include/errno.h. */ export const EALREADY = 69;
/** errno 71; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENOSYS` of lib/libc/minimal/include/errno.h. */ export const ENOSYS = 71;
/** errno 72; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ECANCELED` of lib/libc/minimal/include/errno.h. */ export const ECANCELED = 72;
/** errno 74; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENOSR` of lib/libc/minimal/include/errno.h. */ export const ENOSR = 74;
/** errno 75; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENOSTR` of lib/libc/minimal/include/errno.h. */ export const ENOSTR = 75;
/** errno 76; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EPROTO` of lib/libc/minimal/include/errno.h. */ export const EPROTO = 76;
/** errno 77; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EBADMSG` of lib/libc/minimal/include/errno.h. */ export const EBADMSG = 77;
/** errno 78; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENODATA` of lib/libc/minimal/include/errno.h. */ export const ENODATA = 78;
/** errno 79; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ETIME` of lib/libc/minimal/include/errno.h. */ export const ETIME = 79;
/** errno 80; no zsockjs call answers it, it is here for code that compares against it. Mirrors `ENOMSG` of lib/libc/minimal/include/errno.h. */ export const ENOMSG = 80;
/** errno 138; no zsockjs call answers it, it is here for code that compares against it. Mirrors `EILSEQ` of lib/libc/minimal/include/errno.h. */ export const EILSEQ = 138;

/**
 * The errno of the most recent failed call, as an ES module live binding: `import { errno } from 'zsockjs'` always reads the current value. Read it right after the failed call (after its `await`); the README's "Reading errno" has the rule for concurrent tasks.
 * Mirrors C's `errno` (errno.h).
 */
export let errno = 0;

/**
 * Sets errno, as C code assigns it (`errno = 0`). Synchronous.
 */
export function set_errno(value: number): void {
  errno = value;
}

/**
 * Reads errno, for code that cannot use a live binding (CommonJS, a bundler that copies bindings). Synchronous.
 */
export function get_errno(): number {
  return errno;
}
