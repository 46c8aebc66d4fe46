/**
 * Byte-order conversion as on a little-endian device (ESP32, most MCUs and
 * hosts): htons(0x1234) is 0x3412. sockaddr fields store these values, so
 * `addr.sin_port = htons(4242)` reads exactly as it does in C.
 */

export function htons(value: number): number {
  return ((value & 0xff) << 8) | ((value >>> 8) & 0xff);
}

export function ntohs(value: number): number {
  return ((value & 0xff) << 8) | ((value >>> 8) & 0xff);
}

export function htonl(value: number): number {
  return (
    (((value & 0xff) << 24) | ((value & 0xff00) << 8) | ((value >>> 8) & 0xff00) | ((value >>> 24) & 0xff)) >>> 0
  );
}

export function ntohl(value: number): number {
  return htonl(value);
}
