/**
 * Dotted IPv4 text for the ports whose platforms speak addresses as text
 * (ECMA-419's classes, Espruino's net and dgram). Plain conversions that
 * never touch errno, unlike zsock_inet_pton/ntop.
 */

/** "a.b.c.d" for 4 address bytes. */
export function ipv4_text(addr: Uint8Array): string {
  return addr[0] + '.' + addr[1] + '.' + addr[2] + '.' + addr[3];
}

/** The 4 bytes of a dotted quad ("192.0.2.1"), or null when `text` is not one. */
export function ipv4_bytes(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = parts[i]!;
    if (part.length === 0 || part.length > 3) return null;
    let value = 0;
    for (let j = 0; j < part.length; j++) {
      const digit = part.charCodeAt(j) - 48;
      if (digit < 0 || digit > 9) return null;
      value = value * 10 + digit;
    }
    if (value > 255) return null;
    out[i] = value;
  }
  return out;
}
