/** Node's error codes to Zephyr's errno numbers, by name. */
import * as Errno from '../../lib/errno';

/** Node's own (non-system) codes that a socket call can meet, and the errno C code sees instead. */
const NODE_CODES: Readonly<Record<string, number>> = {
  ERR_STREAM_WRITE_AFTER_END: Errno.EPIPE,
  ERR_STREAM_DESTROYED: Errno.EPIPE,
  ERR_SOCKET_CLOSED: Errno.EBADF,
  ERR_SOCKET_DGRAM_NOT_RUNNING: Errno.EBADF,
  ERR_SOCKET_BUFFER_SIZE: Errno.EINVAL,
  ERR_OUT_OF_RANGE: Errno.EINVAL,
  ERR_INVALID_ARG_VALUE: Errno.EINVAL,
  ERR_INVALID_ARG_TYPE: Errno.EINVAL,
  // Codes libuv has and Zephyr does not.
  ENONET: Errno.ENETUNREACH,
  ECHARSET: Errno.EINVAL,
  EAI_ADDRFAMILY: Errno.EAFNOSUPPORT,
};

const errnoByName = Errno as unknown as Readonly<Record<string, unknown>>;

/**
 * The Zephyr errno for an error Node reported (its `code` is libuv's name,
 * e.g. 'ECONNREFUSED'). Linux's numbers (err.errno) are never used. An error
 * without a name Zephyr knows becomes EIO.
 */
export function errnoFromNodeError(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return Errno.EIO;
  const mapped = NODE_CODES[code];
  if (mapped !== undefined) return mapped;
  const value = /^E[A-Z0-9]+$/.test(code) ? errnoByName[code] : undefined;
  return typeof value === 'number' ? value : Errno.EIO;
}
