/**
 * errno numbers as Zephyr's minimal libc defines them (BSD-style numbers,
 * not Linux's: ENOTSUP 35 and EOPNOTSUPP 45 differ), and the application's
 * `errno`.
 */

export const EPERM = 1;
export const ENOENT = 2;
export const ESRCH = 3;
export const EINTR = 4;
export const EIO = 5;
export const ENXIO = 6;
export const E2BIG = 7;
export const ENOEXEC = 8;
export const EBADF = 9;
export const ECHILD = 10;
export const EAGAIN = 11;
export const EWOULDBLOCK = EAGAIN;
export const ENOMEM = 12;
export const EACCES = 13;
export const EFAULT = 14;
export const ENOTEMPTY = 15;
export const EBUSY = 16;
export const EEXIST = 17;
export const EXDEV = 18;
export const ENODEV = 19;
export const ENOTDIR = 20;
export const EISDIR = 21;
export const EINVAL = 22;
export const ENFILE = 23;
export const EMFILE = 24;
export const ENOTTY = 25;
export const ENAMETOOLONG = 26;
export const EFBIG = 27;
export const ENOSPC = 28;
export const ESPIPE = 29;
export const EROFS = 30;
export const EMLINK = 31;
export const EPIPE = 32;
export const EDEADLK = 33;
export const ENOLCK = 34;
export const ENOTSUP = 35;
export const EMSGSIZE = 36;
export const EDOM = 37;
export const ERANGE = 38;
export const EDESTADDRREQ = 40;
export const EPROTOTYPE = 41;
export const ENOPROTOOPT = 42;
export const EPROTONOSUPPORT = 43;
export const ESOCKTNOSUPPORT = 44;
export const EOPNOTSUPP = 45;
export const EPFNOSUPPORT = 46;
export const EAFNOSUPPORT = 47;
export const EADDRINUSE = 48;
export const EADDRNOTAVAIL = 49;
export const ENOTSOCK = 50;
export const ENETUNREACH = 51;
export const ENETRESET = 52;
export const ECONNABORTED = 53;
export const ECONNRESET = 54;
export const ENOBUFS = 55;
export const EISCONN = 56;
export const ENOTCONN = 57;
export const ESHUTDOWN = 58;
export const ETOOMANYREFS = 59;
export const ETIMEDOUT = 60;
export const ECONNREFUSED = 61;
export const ENETDOWN = 62;
export const ETXTBSY = 63;
export const ELOOP = 64;
export const EHOSTUNREACH = 65;
export const ENOTBLK = 66;
export const EHOSTDOWN = 67;
export const EINPROGRESS = 68;
export const EALREADY = 69;
export const ENOSYS = 71;
export const ECANCELED = 72;
export const ENOSR = 74;
export const ENOSTR = 75;
export const EPROTO = 76;
export const EBADMSG = 77;
export const ENODATA = 78;
export const ETIME = 79;
export const ENOMSG = 80;
export const EILSEQ = 138;

/**
 * The errno of the most recent failed call. An ES module live binding:
 * `import { errno } from "zsockjs"` always reads the current value.
 * See the README, "Reading errno", for the rule with concurrent tasks.
 */
export let errno = 0;

/** Sets errno; used by the core (and by C-style code that resets it). */
export function set_errno(value: number): void {
  errno = value;
}

/** Reads errno, for code that cannot use a live binding (e.g. CommonJS). */
export function get_errno(): number {
  return errno;
}
