/**
 * errno numbers as Zephyr's minimal libc defines them (BSD-style numbers,
 * not Linux's: ENOTSUP 35 and EOPNOTSUPP 45 differ), and the application's
 * `errno`.
 */

/** errno 1: "Operation not permitted". Mirrors `EPERM` of lib/libc/minimal/include/errno.h. */ export const EPERM = 1;
/** errno 2: "No such file or directory". Mirrors `ENOENT` of lib/libc/minimal/include/errno.h. */ export const ENOENT = 2;
/** errno 3: "No such process". Mirrors `ESRCH` of lib/libc/minimal/include/errno.h. */ export const ESRCH = 3;
/** errno 4: "Interrupted call". Mirrors `EINTR` of lib/libc/minimal/include/errno.h. */ export const EINTR = 4;
/** errno 5: "Input/output error". Mirrors `EIO` of lib/libc/minimal/include/errno.h. */ export const EIO = 5;
/** errno 6: "No such device or address". Mirrors `ENXIO` of lib/libc/minimal/include/errno.h. */ export const ENXIO = 6;
/** errno 7: "Argument list too long". Mirrors `E2BIG` of lib/libc/minimal/include/errno.h. */ export const E2BIG = 7;
/** errno 8: "Executable format error". Mirrors `ENOEXEC` of lib/libc/minimal/include/errno.h. */ export const ENOEXEC = 8;
/** errno 9: "Bad file descriptor". Mirrors `EBADF` of lib/libc/minimal/include/errno.h. */ export const EBADF = 9;
/** errno 10: "No child processes". Mirrors `ECHILD` of lib/libc/minimal/include/errno.h. */ export const ECHILD = 10;
/** errno 11: "Resource temporarily unavailable". Mirrors `EAGAIN` of lib/libc/minimal/include/errno.h. */ export const EAGAIN = 11;
/** The same number as EAGAIN. Mirrors `EWOULDBLOCK` of lib/libc/minimal/include/errno.h. */ export const EWOULDBLOCK = EAGAIN;
/** errno 12: "Out of memory". Mirrors `ENOMEM` of lib/libc/minimal/include/errno.h. */ export const ENOMEM = 12;
/** errno 13: "Permission denied". Mirrors `EACCES` of lib/libc/minimal/include/errno.h. */ export const EACCES = 13;
/** errno 14: "Bad address". Mirrors `EFAULT` of lib/libc/minimal/include/errno.h. */ export const EFAULT = 14;
/** errno 15: "Directory not empty". Mirrors `ENOTEMPTY` of lib/libc/minimal/include/errno.h. */ export const ENOTEMPTY = 15;
/** errno 16: "Device or resource busy". Mirrors `EBUSY` of lib/libc/minimal/include/errno.h. */ export const EBUSY = 16;
/** errno 17: "File exists". Mirrors `EEXIST` of lib/libc/minimal/include/errno.h. */ export const EEXIST = 17;
/** errno 18: "Cross-device link". Mirrors `EXDEV` of lib/libc/minimal/include/errno.h. */ export const EXDEV = 18;
/** errno 19: "No such device". Mirrors `ENODEV` of lib/libc/minimal/include/errno.h. */ export const ENODEV = 19;
/** errno 20: "Not a directory". Mirrors `ENOTDIR` of lib/libc/minimal/include/errno.h. */ export const ENOTDIR = 20;
/** errno 21: "Is a directory". Mirrors `EISDIR` of lib/libc/minimal/include/errno.h. */ export const EISDIR = 21;
/** errno 22: "Invalid argument". Mirrors `EINVAL` of lib/libc/minimal/include/errno.h. */ export const EINVAL = 22;
/** errno 23: "Too many open files in system". Mirrors `ENFILE` of lib/libc/minimal/include/errno.h. */ export const ENFILE = 23;
/** errno 24: "Too many open files". Mirrors `EMFILE` of lib/libc/minimal/include/errno.h. */ export const EMFILE = 24;
/** errno 25: "Inappropriate I/O control operation". Mirrors `ENOTTY` of lib/libc/minimal/include/errno.h. */ export const ENOTTY = 25;
/** errno 26: "File name too long". Mirrors `ENAMETOOLONG` of lib/libc/minimal/include/errno.h. */ export const ENAMETOOLONG = 26;
/** errno 27: "File too large". Mirrors `EFBIG` of lib/libc/minimal/include/errno.h. */ export const EFBIG = 27;
/** errno 28: "No space left on device". Mirrors `ENOSPC` of lib/libc/minimal/include/errno.h. */ export const ENOSPC = 28;
/** errno 29: "Invalid seek". Mirrors `ESPIPE` of lib/libc/minimal/include/errno.h. */ export const ESPIPE = 29;
/** errno 30: "Read-only file system". Mirrors `EROFS` of lib/libc/minimal/include/errno.h. */ export const EROFS = 30;
/** errno 31: "Too many links". Mirrors `EMLINK` of lib/libc/minimal/include/errno.h. */ export const EMLINK = 31;
/** errno 32: "Broken pipe". Mirrors `EPIPE` of lib/libc/minimal/include/errno.h. */ export const EPIPE = 32;
/** errno 33: "Resource deadlock would occur". Mirrors `EDEADLK` of lib/libc/minimal/include/errno.h. */ export const EDEADLK = 33;
/** errno 34: "No locks available". Mirrors `ENOLCK` of lib/libc/minimal/include/errno.h. */ export const ENOLCK = 34;
/** errno 35: "Not supported". Mirrors `ENOTSUP` of lib/libc/minimal/include/errno.h. */ export const ENOTSUP = 35;
/** errno 36: "Message too long". Mirrors `EMSGSIZE` of lib/libc/minimal/include/errno.h. */ export const EMSGSIZE = 36;
/** errno 37: "Argument out of domain". Mirrors `EDOM` of lib/libc/minimal/include/errno.h. */ export const EDOM = 37;
/** errno 38: "Result out of range". Mirrors `ERANGE` of lib/libc/minimal/include/errno.h. */ export const ERANGE = 38;
/** errno 40: "Destination address required". Mirrors `EDESTADDRREQ` of lib/libc/minimal/include/errno.h. */ export const EDESTADDRREQ = 40;
/** errno 41: "Wrong protocol type for socket". Mirrors `EPROTOTYPE` of lib/libc/minimal/include/errno.h. */ export const EPROTOTYPE = 41;
/** errno 42: "Protocol option not available". Mirrors `ENOPROTOOPT` of lib/libc/minimal/include/errno.h. */ export const ENOPROTOOPT = 42;
/** errno 43: "Protocol not supported". Mirrors `EPROTONOSUPPORT` of lib/libc/minimal/include/errno.h. */ export const EPROTONOSUPPORT = 43;
/** errno 44: "Socket type not supported". Mirrors `ESOCKTNOSUPPORT` of lib/libc/minimal/include/errno.h. */ export const ESOCKTNOSUPPORT = 44;
/** errno 45: "Operation not supported on socket". Mirrors `EOPNOTSUPP` of lib/libc/minimal/include/errno.h. */ export const EOPNOTSUPP = 45;
/** errno 46: "Protocol family not supported". Mirrors `EPFNOSUPPORT` of lib/libc/minimal/include/errno.h. */ export const EPFNOSUPPORT = 46;
/** errno 47: "Address family not supported". Mirrors `EAFNOSUPPORT` of lib/libc/minimal/include/errno.h. */ export const EAFNOSUPPORT = 47;
/** errno 48: "Address in use". Mirrors `EADDRINUSE` of lib/libc/minimal/include/errno.h. */ export const EADDRINUSE = 48;
/** errno 49: "Address not available". Mirrors `EADDRNOTAVAIL` of lib/libc/minimal/include/errno.h. */ export const EADDRNOTAVAIL = 49;
/** errno 50: "Not a socket". Mirrors `ENOTSOCK` of lib/libc/minimal/include/errno.h. */ export const ENOTSOCK = 50;
/** errno 51: "Network unreachable". Mirrors `ENETUNREACH` of lib/libc/minimal/include/errno.h. */ export const ENETUNREACH = 51;
/** errno 52: "Connection reset by network". Mirrors `ENETRESET` of lib/libc/minimal/include/errno.h. */ export const ENETRESET = 52;
/** errno 53: "Connection aborted". Mirrors `ECONNABORTED` of lib/libc/minimal/include/errno.h. */ export const ECONNABORTED = 53;
/** errno 54: "Connection reset by peer". Mirrors `ECONNRESET` of lib/libc/minimal/include/errno.h. */ export const ECONNRESET = 54;
/** errno 55: "No buffer space available". Mirrors `ENOBUFS` of lib/libc/minimal/include/errno.h. */ export const ENOBUFS = 55;
/** errno 56: "Socket is connected". Mirrors `EISCONN` of lib/libc/minimal/include/errno.h. */ export const EISCONN = 56;
/** errno 57: "Socket is not connected". Mirrors `ENOTCONN` of lib/libc/minimal/include/errno.h. */ export const ENOTCONN = 57;
/** errno 58: "Cannot send after shutdown". Mirrors `ESHUTDOWN` of lib/libc/minimal/include/errno.h. */ export const ESHUTDOWN = 58;
/** errno 59: "Too many references". Mirrors `ETOOMANYREFS` of lib/libc/minimal/include/errno.h. */ export const ETOOMANYREFS = 59;
/** errno 60: "Connection timed out". Mirrors `ETIMEDOUT` of lib/libc/minimal/include/errno.h. */ export const ETIMEDOUT = 60;
/** errno 61: "Connection refused". Mirrors `ECONNREFUSED` of lib/libc/minimal/include/errno.h. */ export const ECONNREFUSED = 61;
/** errno 62: "Network is down". Mirrors `ENETDOWN` of lib/libc/minimal/include/errno.h. */ export const ENETDOWN = 62;
/** errno 63: "Text file busy". Mirrors `ETXTBSY` of lib/libc/minimal/include/errno.h. */ export const ETXTBSY = 63;
/** errno 64: "Too many levels of symbolic links". Mirrors `ELOOP` of lib/libc/minimal/include/errno.h. */ export const ELOOP = 64;
/** errno 65: "Host unreachable". Mirrors `EHOSTUNREACH` of lib/libc/minimal/include/errno.h. */ export const EHOSTUNREACH = 65;
/** errno 66: "Block device required". Mirrors `ENOTBLK` of lib/libc/minimal/include/errno.h. */ export const ENOTBLK = 66;
/** errno 67: "Host is down". Mirrors `EHOSTDOWN` of lib/libc/minimal/include/errno.h. */ export const EHOSTDOWN = 67;
/** errno 68: "Operation in progress". Mirrors `EINPROGRESS` of lib/libc/minimal/include/errno.h. */ export const EINPROGRESS = 68;
/** errno 69: "Operation already in progress". Mirrors `EALREADY` of lib/libc/minimal/include/errno.h. */ export const EALREADY = 69;
/** errno 71: "Function not implemented". Mirrors `ENOSYS` of lib/libc/minimal/include/errno.h. */ export const ENOSYS = 71;
/** errno 72: "Operation canceled". Mirrors `ECANCELED` of lib/libc/minimal/include/errno.h. */ export const ECANCELED = 72;
/** errno 74: "No stream resources". Mirrors `ENOSR` of lib/libc/minimal/include/errno.h. */ export const ENOSR = 74;
/** errno 75: "Not a stream". Mirrors `ENOSTR` of lib/libc/minimal/include/errno.h. */ export const ENOSTR = 75;
/** errno 76: "Protocol error". Mirrors `EPROTO` of lib/libc/minimal/include/errno.h. */ export const EPROTO = 76;
/** errno 77: "Bad message". Mirrors `EBADMSG` of lib/libc/minimal/include/errno.h. */ export const EBADMSG = 77;
/** errno 78: "No data available". Mirrors `ENODATA` of lib/libc/minimal/include/errno.h. */ export const ENODATA = 78;
/** errno 79: "Stream timer expired". Mirrors `ETIME` of lib/libc/minimal/include/errno.h. */ export const ETIME = 79;
/** errno 80: "No message of desired type". Mirrors `ENOMSG` of lib/libc/minimal/include/errno.h. */ export const ENOMSG = 80;
/** errno 138: "Illegal byte sequence". Mirrors `EILSEQ` of lib/libc/minimal/include/errno.h. */ export const EILSEQ = 138;

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
