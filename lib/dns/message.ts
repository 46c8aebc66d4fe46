/**
 * DNS messages (RFC 1035, AAAA from RFC 3596): the query a stub resolver
 * sends and the checks on the reply it gets back.
 *
 * Replies come from the network, so the parser trusts nothing: every read is
 * bounds-checked, compression pointers may only point backwards, names are
 * limited to 255 wire bytes, and a record that does not fit its message makes
 * the whole message malformed. Nothing here throws or allocates beyond the
 * address copies it returns.
 */

import { dns_lower, dns_name_length } from './name';

export const DNS_TYPE_A = 1;
export const DNS_TYPE_CNAME = 5;
export const DNS_TYPE_AAAA = 28;
export const DNS_CLASS_IN = 1;

/** Bytes a query needs at most: header, a 255-byte name, type and class. */
export const DNS_QUERY_MAX = 12 + 255 + 4;
/** CNAME links followed before the answer counts as a loop. */
export const DNS_MAX_CNAME_LINKS = 8;
/** Addresses kept from one reply; further records are checked but dropped. */
export const DNS_MAX_ADDRESSES = 16;

/** Outcomes of dns_parse_response. */
/** Addresses found (result.addresses is not empty). */
export const DNS_ANSWER_OK = 0;
/** RCODE 3: the name does not exist. */
export const DNS_ANSWER_NXDOMAIN = 1;
/** The name exists but has no address of the asked type. */
export const DNS_ANSWER_NODATA = 2;
/** The server reported a failure: SERVFAIL, REFUSED, NOTIMP, FORMERR, ... (result.rcode). */
export const DNS_ANSWER_SERVFAIL = 3;
/** The reply breaks the wire format. */
export const DNS_ANSWER_MALFORMED = 4;
/** Not a reply to this query: not a response, other ID, opcode or question. */
export const DNS_ANSWER_MISMATCH = 5;
/** The TC flag is set: the answer did not fit in the datagram. */
export const DNS_ANSWER_TRUNCATED = 6;
/** The CNAME chain loops or is longer than DNS_MAX_CNAME_LINKS. */
export const DNS_ANSWER_CNAME_LOOP = 7;

/** What dns_parse_response found; the caller owns it and may reuse it. */
export interface DnsAnswer {
  /** Copies of the addresses (4 bytes for A, 16 for AAAA), in reply order. */
  addresses: Uint8Array[];
  /** Seconds the answer may be cached: the least TTL over the CNAME chain and the addresses. */
  ttl: number;
  /** The reply's RCODE (0 when the header could not be read). */
  rcode: number;
  /**
   * Filled only when the caller's object has the field: with DNS_ANSWER_OK
   * or NODATA, the end of the CNAME chain as text when the answer went
   * through one, '' when the question name owns the addresses.
   */
  canonical?: string;
}

/** Compression pointers followed within one name; each must point further back anyway. */
const MAX_JUMPS = 32;
const HEADER = 12;
const DOT = 46;

/**
 * Writes a standard query (opcode 0, RD=1, one question of class IN) for
 * `name` and `qtype` into `out`. Returns the length, or -1 when the name is
 * not valid (see dns_name_length) or `out` is too short (DNS_QUERY_MAX always
 * suffices). `id` is taken modulo 65536.
 */
export function dns_encode_query(id: number, name: string, qtype: number, out: Uint8Array): number {
  const length = dns_name_length(name);
  if (length < 0 || out.length < length + 18) return -1;
  out[0] = (id >>> 8) & 255;
  out[1] = id & 255;
  out[2] = 1; // RD
  for (let i = 3; i < HEADER; i++) out[i] = 0;
  out[5] = 1; // QDCOUNT
  let labelStart = HEADER;
  let pos = HEADER + 1;
  for (let i = 0; i < length; i++) {
    const c = name.charCodeAt(i);
    if (c === DOT) {
      out[labelStart] = pos - labelStart - 1;
      labelStart = pos;
    } else {
      out[pos] = c;
    }
    pos++;
  }
  out[labelStart] = pos - labelStart - 1;
  out[pos++] = 0;
  out[pos++] = (qtype >>> 8) & 255;
  out[pos++] = qtype & 255;
  out[pos++] = 0;
  out[pos++] = DNS_CLASS_IN;
  return pos;
}

/**
 * Checks the name at `pos` and returns the position after it (after its
 * first pointer, if compressed), or -1 when it is malformed: a read past
 * `end`, a label type other than length or pointer, a pointer that does not
 * point before the run of labels it ends (which rules out loops) or into the
 * header, too many jumps, or more than 255 wire bytes.
 */
function dns_skip_name(msg: Uint8Array, pos: number, end: number): number {
  let runStart = pos;
  let after = -1;
  let wireLength = 0;
  let jumps = 0;
  for (;;) {
    if (pos >= end) return -1;
    const length = msg[pos]!;
    if (length >= 0xc0) {
      if (pos + 1 >= end) return -1;
      const target = ((length & 0x3f) << 8) | msg[pos + 1]!;
      if (target >= runStart || target < HEADER || ++jumps > MAX_JUMPS) return -1;
      if (after < 0) after = pos + 2;
      pos = runStart = target;
      continue;
    }
    if (length > 63) return -1;
    wireLength += length + 1;
    if (wireLength > 255) return -1;
    if (length === 0) return after < 0 ? pos + 1 : after;
    pos += length + 1;
  }
}

/** The position of the next length byte, past any pointers. Only for names dns_skip_name accepted. */
function resolve_label(msg: Uint8Array, pos: number): number {
  let length = msg[pos]!;
  while (length >= 0xc0) {
    pos = ((length & 0x3f) << 8) | msg[pos + 1]!;
    length = msg[pos]!;
  }
  return pos;
}

/** Whether two names in `msg`, both checked by dns_skip_name, are equal ignoring ASCII case. */
function names_equal(msg: Uint8Array, a: number, b: number): boolean {
  for (;;) {
    a = resolve_label(msg, a);
    b = resolve_label(msg, b);
    if (a === b) return true;
    const length = msg[a]!;
    if (length !== msg[b]) return false;
    if (length === 0) return true;
    for (let i = 1; i <= length; i++) {
      if (dns_lower(msg[a + i]!) !== dns_lower(msg[b + i]!)) return false;
    }
    a += length + 1;
    b += length + 1;
  }
}

/**
 * Whether the name at `pos` (checked by dns_skip_name) is `name` as text,
 * ignoring ASCII case and one trailing dot. A label holding a dot byte never
 * matches, so one label "a.b" is not the two labels "a" and "b".
 */
function name_matches(msg: Uint8Array, pos: number, name: string): boolean {
  let length = name.length;
  if (length > 0 && name.charCodeAt(length - 1) === DOT) length--;
  let i = 0;
  for (;;) {
    pos = resolve_label(msg, pos);
    const labelLength = msg[pos]!;
    if (labelLength === 0) return i === length;
    if (i > 0 && name.charCodeAt(i++) !== DOT) return false;
    for (let k = 1; k <= labelLength; k++) {
      const c = msg[pos + k]!;
      if (c === DOT || i >= length || dns_lower(c) !== dns_lower(name.charCodeAt(i++))) return false;
    }
    pos += labelLength + 1;
  }
}

/** The name at `pos` (checked by dns_skip_name) as dotted text, without the root's dot. */
function name_text(msg: Uint8Array, pos: number): string {
  let text = '';
  for (;;) {
    pos = resolve_label(msg, pos);
    const length = msg[pos]!;
    if (length === 0) return text;
    if (text) text += '.';
    for (let k = 1; k <= length; k++) text += String.fromCharCode(msg[pos + k]!);
    pos += length + 1;
  }
}

function read16(msg: Uint8Array, pos: number): number {
  return (msg[pos]! << 8) | msg[pos + 1]!;
}

/** A TTL in seconds; values with the top bit set count as 0 (RFC 2181 section 8). */
function read_ttl(msg: Uint8Array, pos: number): number {
  return msg[pos]! & 0x80 ? 0 : msg[pos]! * 0x1000000 + ((msg[pos + 1]! << 16) | read16(msg, pos + 2));
}

/**
 * Checks `count` resource records from `pos` and returns the position after
 * them, or -1 when one is malformed: it runs past `end`, or it is of class IN
 * and an A without 4 bytes of data, an AAAA without 16, or a CNAME whose data
 * is not exactly one name.
 */
function skip_records(msg: Uint8Array, pos: number, end: number, count: number): number {
  for (let n = 0; n < count; n++) {
    pos = dns_skip_name(msg, pos, end);
    if (pos < 0 || pos + 10 > end) return -1;
    const type = read16(msg, pos);
    const dataLength = read16(msg, pos + 8);
    const data = pos + 10;
    pos = data + dataLength;
    if (pos > end) return -1;
    if (read16(msg, data - 8) !== DNS_CLASS_IN) continue;
    if (
      (type === DNS_TYPE_A && dataLength !== 4) ||
      (type === DNS_TYPE_AAAA && dataLength !== 16) ||
      (type === DNS_TYPE_CNAME && dns_skip_name(msg, data, pos) !== pos)
    ) {
      return -1;
    }
  }
  return pos;
}

/**
 * Checks `length` bytes of `msg` as the reply to the query that
 * dns_encode_query made from `expectId`, `qname` and `qtype` (A or AAAA),
 * and fills `result`. Returns a DNS_ANSWER_* code (MISMATCH for a qtype
 * other than A or AAAA).
 *
 * The reply must be a response (QR=1) with the same ID, opcode 0, and exactly
 * one question equal to the one asked (name ignoring ASCII case, same type,
 * class IN); otherwise it is DNS_ANSWER_MISMATCH, which a resolver should
 * ignore and keep waiting, as it may be a stray or spoofed datagram. Then the
 * TC flag, then the RCODE decide. Every record of every section must be well
 * formed; bytes after the last record are ignored.
 *
 * The answer section is read as a CNAME chain from the question name, in any
 * record order: addresses of the asked type owned by the chain's last name
 * are the answer; other records are ignored.
 */
export function dns_parse_response(
  msg: Uint8Array,
  length: number,
  expectId: number,
  qname: string,
  qtype: number,
  result: DnsAnswer,
): number {
  const end = length < msg.length ? length : msg.length;
  result.addresses.splice(0);
  result.ttl = 0;
  result.rcode = 0;
  if (result.canonical !== undefined) result.canonical = '';
  if (qtype !== DNS_TYPE_A && qtype !== DNS_TYPE_AAAA) return DNS_ANSWER_MISMATCH;
  if (end < HEADER) return DNS_ANSWER_MALFORMED;
  const flags = read16(msg, 2);
  if (read16(msg, 0) !== (expectId & 0xffff) || !(flags & 0x8000) || flags & 0x7800 || read16(msg, 4) !== 1) {
    return DNS_ANSWER_MISMATCH;
  }
  result.rcode = flags & 15;

  const questionType = dns_skip_name(msg, HEADER, end);
  if (questionType < 0 || questionType + 4 > end) return DNS_ANSWER_MALFORMED;
  if (
    !name_matches(msg, HEADER, qname) ||
    read16(msg, questionType) !== qtype ||
    read16(msg, questionType + 2) !== DNS_CLASS_IN
  ) {
    return DNS_ANSWER_MISMATCH;
  }
  if (flags & 0x0200) return DNS_ANSWER_TRUNCATED;
  if (result.rcode === 3) return DNS_ANSWER_NXDOMAIN;
  if (result.rcode !== 0) return DNS_ANSWER_SERVFAIL;

  const answers = questionType + 4;
  const answerCount = read16(msg, 6);
  // A count that claims more records than there are runs past the end: malformed.
  if (skip_records(msg, answers, end, answerCount + read16(msg, 8) + read16(msg, 10)) < 0) {
    return DNS_ANSWER_MALFORMED;
  }

  // Follow the chain: each pass looks for a CNAME owned by the current name.
  let current = HEADER;
  let ttl = -1;
  for (let links = 0; ; links++) {
    let next = -1;
    let pos = answers;
    for (let n = 0; n < answerCount && next < 0; n++) {
      const owner = pos;
      pos = dns_skip_name(msg, pos, end);
      const data = pos + 10;
      if (
        read16(msg, pos) === DNS_TYPE_CNAME &&
        read16(msg, pos + 2) === DNS_CLASS_IN &&
        names_equal(msg, owner, current)
      ) {
        next = data;
        const linkTtl = read_ttl(msg, pos + 4);
        if (ttl < 0 || linkTtl < ttl) ttl = linkTtl;
      }
      pos = data + read16(msg, pos + 8);
    }
    if (next < 0) break;
    if (links === DNS_MAX_CNAME_LINKS) return DNS_ANSWER_CNAME_LOOP;
    current = next;
  }
  if (current !== HEADER && result.canonical !== undefined) result.canonical = name_text(msg, current);

  const addressLength = qtype === DNS_TYPE_AAAA ? 16 : 4;
  const addresses = result.addresses;
  let pos = answers;
  for (let n = 0; n < answerCount; n++) {
    const owner = pos;
    pos = dns_skip_name(msg, pos, end);
    const data = pos + 10;
    if (
      read16(msg, pos) === qtype &&
      read16(msg, pos + 2) === DNS_CLASS_IN &&
      addresses.length < DNS_MAX_ADDRESSES &&
      names_equal(msg, owner, current)
    ) {
      const address = new Uint8Array(addressLength);
      for (let i = 0; i < addressLength; i++) address[i] = msg[data + i]!;
      addresses.push(address);
      const recordTtl = read_ttl(msg, pos + 4);
      if (ttl < 0 || recordTtl < ttl) ttl = recordTtl;
    }
    pos = data + read16(msg, pos + 8);
  }
  if (addresses.length === 0) return DNS_ANSWER_NODATA;
  result.ttl = ttl;
  return DNS_ANSWER_OK;
}
