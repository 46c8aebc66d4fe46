/**
 * Byte-order conversion as on a little-endian device (ESP32, most MCUs and
 * hosts): htons(0x1234) is 0x3412. sockaddr fields store these values, so
 * `addr.sin_port = htons(4242)` reads exactly as it does in C.
 */

/**
 * Converts a 16-bit number from host to network byte order (ports: `addr.sin_port = htons(80)`).
 * Mirrors `htons` of include/zephyr/net/net_ip.h. Synchronous; no errno.
 */
export function htons(value: number): number {
  return ((value & 0xff) << 8) | ((value >>> 8) & 0xff);
}

/**
 * Converts a 16-bit number from network to host byte order (ports: `addr.sin_port = htons(80)`).
 * Mirrors `ntohs` of include/zephyr/net/net_ip.h. Synchronous; no errno.
 */
export function ntohs(value: number): number {
  return ((value & 0xff) << 8) | ((value >>> 8) & 0xff);
}

/**
 * Converts a 32-bit number from host to network byte order (ports: `addr.sin_port = htons(80)`).
 * Mirrors `htonl` of include/zephyr/net/net_ip.h. Synchronous; no errno.
 */
export function htonl(value: number): number {
  return (
    (((value & 0xff) << 24) | ((value & 0xff00) << 8) | ((value >>> 8) & 0xff00) | ((value >>> 24) & 0xff)) >>> 0
  );
}

/**
 * Converts a 32-bit number from network to host byte order (ports: `addr.sin_port = htons(80)`).
 * Mirrors `ntohl` of include/zephyr/net/net_ip.h. Synchronous; no errno.
 */
export function ntohl(value: number): number {
  return htonl(value);
}
