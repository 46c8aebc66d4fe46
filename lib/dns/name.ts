/**
 * Host names as text: the checks a name must pass before it is queried,
 * cached or listed in the host table, and comparison as DNS compares names
 * (ASCII case-insensitive, one trailing dot meaning the same name).
 */

const DOT = 46;

/**
 * Length of `name` without one trailing dot when it can be sent in a query,
 * or -1. A valid name has 1..253 characters, no empty label, labels of at
 * most 63 characters, and only printable ASCII (0x21..0x7e): non-ASCII names
 * are rejected rather than guessed at (no IDNA).
 */
export function dns_name_length(name: string): number {
  let length = name.length;
  if (length > 0 && name.charCodeAt(length - 1) === DOT) length--;
  if (length === 0 || length > 253) return -1;
  let label = 0;
  for (let i = 0; i < length; i++) {
    const c = name.charCodeAt(i);
    if (c === DOT) {
      if (label === 0) return -1;
      label = 0;
    } else if (c < 0x21 || c > 0x7e || ++label > 63) {
      return -1;
    }
  }
  return label === 0 ? -1 : length;
}

/** ASCII lower case of a byte or char code; anything else unchanged. */
export function dns_lower(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

/** Whether two names are the same to DNS: ASCII case ignored, one trailing dot ignored. */
export function dns_name_same(a: string, b: string): boolean {
  let lengthA = a.length;
  let lengthB = b.length;
  if (lengthA > 0 && a.charCodeAt(lengthA - 1) === DOT) lengthA--;
  if (lengthB > 0 && b.charCodeAt(lengthB - 1) === DOT) lengthB--;
  if (lengthA !== lengthB) return false;
  for (let i = 0; i < lengthA; i++) {
    if (dns_lower(a.charCodeAt(i)) !== dns_lower(b.charCodeAt(i))) return false;
  }
  return true;
}
