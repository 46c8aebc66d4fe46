/** Dotted IPv4 text, as the ECMA-419 classes take and give addresses. */
import { ipv4_bytes, ipv4_text } from '../../lib/ipv4_text';

export const AF_INET = 1;

/** "a.b.c.d" for 4 address bytes. */
export const ipv4Text = ipv4_text;

/** The 4 bytes of a dotted IPv4 text, or null. */
export function ipv4Bytes(text: string | undefined): Uint8Array | null {
  return typeof text === 'string' ? ipv4_bytes(text) : null;
}

export function wildcardV4(port: number): { family: number; addr: Uint8Array; port: number } {
  return { family: AF_INET, addr: new Uint8Array(4), port };
}
