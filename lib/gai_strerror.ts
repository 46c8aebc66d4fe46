/**
 * zsock_gai_strerror: as Zephyr, the name of the code rather than a sentence
 * ("EAI_NONAME" for DNS_EAI_NONAME), and "EAI_UNKNOWN" for any other value.
 * Kept apart so that programs which never print a resolver error carry none
 * of these strings.
 */

/**
 * The name of a getaddrinfo or getnameinfo result (DNS_EAI_NONAME gives "EAI_NONAME").
 * Mirrors `zsock_gai_strerror` of include/zephyr/net/socket.h (POSIX name `gai_strerror`). Synchronous; no errno.
 */
export function zsock_gai_strerror(errcode: number): string {
  switch (errcode) {
    case -1: return 'EAI_BADFLAGS';
    case -2: return 'EAI_NONAME';
    case -3: return 'EAI_AGAIN';
    case -4: return 'EAI_FAIL';
    case -5: return 'EAI_NODATA';
    case -6: return 'EAI_FAMILY';
    case -7: return 'EAI_SOCKTYPE';
    case -8: return 'EAI_SERVICE';
    case -9: return 'EAI_ADDRFAMILY';
    case -10: return 'EAI_MEMORY';
    case -11: return 'EAI_SYSTEM';
    case -12: return 'EAI_OVERFLOW';
    case -100: return 'EAI_INPROGRESS';
    case -101: return 'EAI_CANCELED';
    case -102: return 'EAI_NOTCANCELED';
    case -103: return 'EAI_ALLDONE';
    case -105: return 'EAI_IDN_ENCODE';
    default: return 'EAI_UNKNOWN';
  }
}
