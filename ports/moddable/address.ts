/** Dotted IPv4 text, as the ECMA-419 classes take and give addresses. */

export const AF_INET = 1;

/** "a.b.c.d" for 4 address bytes. */
export function ipv4Text(addr: Uint8Array): string {
  return addr[0] + '.' + addr[1] + '.' + addr[2] + '.' + addr[3];
}

/** The 4 bytes of a dotted IPv4 text, or null. */
export function ipv4Bytes(text: string | undefined): Uint8Array | null {
  if (typeof text !== 'string') return null;
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

export function wildcardV4(port: number): { family: number; addr: Uint8Array; port: number } {
  return { family: AF_INET, addr: new Uint8Array(4), port };
}
