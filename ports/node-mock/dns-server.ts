/**
 * DNS wire format for the scripted DNS server: a minimal decoder for one
 * question and an encoder for A, AAAA and CNAME answers (RFC 1035, 3596).
 */
import { parseAddress } from './ip';

/**
 * What a scripted DNS server knows: names and their addresses, aliases, the TTL of its answers.
 */
export interface DnsZone {
  /** Name → addresses (IPv4 and IPv6 text); names match case-insensitively, without a trailing dot. */
  names?: Record<string, string[]>;
  /** Alias → canonical name. */
  cnames?: Record<string, string>;
  /** TTL of every answer, seconds. */
  ttl?: number;
}

/**
 * DNS record type A (an IPv4 address), 1.
 */
export const DNS_TYPE_A = 1;
/**
 * DNS record type CNAME (an alias), 5.
 */
export const DNS_TYPE_CNAME = 5;
/**
 * DNS record type AAAA (an IPv6 address), 28.
 */
export const DNS_TYPE_AAAA = 28;
export const DNS_CLASS_IN = 1;
export const DNS_RCODE_FORMERR = 1;
export const DNS_RCODE_NXDOMAIN = 3;
export const DNS_RCODE_NOTIMP = 4;

export interface DnsQuestion {
  id: number;
  flags: number;
  name: string;
  type: number;
  qclass: number;
  /** Offset just past the question. */
  end: number;
}

const MAX_LABELS = 128;
const MAX_CNAME_CHAIN = 8;

/** Reads a (possibly compressed) name at `offset`; returns it and the offset after it, or null when malformed. */
export function readName(message: Uint8Array, offset: number): { name: string; end: number } | null {
  const labels: string[] = [];
  let at = offset;
  let end = -1;
  for (let i = 0; i < MAX_LABELS; i++) {
    if (at >= message.length) return null;
    const length = message[at]!;
    if (length === 0) {
      return { name: labels.join('.'), end: end < 0 ? at + 1 : end };
    }
    if ((length & 0xc0) === 0xc0) {
      if (at + 1 >= message.length) return null;
      if (end < 0) end = at + 2;
      at = ((length & 0x3f) << 8) | message[at + 1]!;
      continue;
    }
    if (length > 63 || at + 1 + length > message.length) return null;
    let label = '';
    for (let j = 0; j < length; j++) label += String.fromCharCode(message[at + 1 + j]!);
    labels.push(label);
    at += 1 + length;
  }
  return null;
}

/** Decodes the header and first question of a query; null when it is not a well-formed query. */
export function parseQuestion(message: Uint8Array): DnsQuestion | null {
  if (message.length < 12) return null;
  const id = (message[0]! << 8) | message[1]!;
  const flags = (message[2]! << 8) | message[3]!;
  const qdcount = (message[4]! << 8) | message[5]!;
  if (flags & 0x8000 || qdcount < 1) return null;
  const name = readName(message, 12);
  if (!name || name.end + 4 > message.length) return null;
  const type = (message[name.end]! << 8) | message[name.end + 1]!;
  const qclass = (message[name.end + 2]! << 8) | message[name.end + 3]!;
  return { id, flags, name: name.name, type, qclass, end: name.end + 4 };
}

/** Encodes `name` as uncompressed labels. */
export function encodeName(name: string): number[] {
  const out: number[] = [];
  for (const label of name.split('.')) {
    if (label.length === 0) continue;
    out.push(label.length & 0x3f);
    for (let i = 0; i < label.length && i < 63; i++) out.push(label.charCodeAt(i) & 0xff);
  }
  out.push(0);
  return out;
}

/** Builds a query for `name` and `type`, as a stub resolver sends it (RD set). */
export function buildQuery(id: number, name: string, type: number): Uint8Array {
  const bytes = [id >> 8, id & 0xff, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
  bytes.push(...encodeName(name), type >> 8, type & 0xff, 0, DNS_CLASS_IN);
  return new Uint8Array(bytes);
}

interface Answer {
  name: string;
  type: number;
  data: Uint8Array | number[];
}

/** The response to `query` from `zone`, or null for a message that is not a query (no reply is sent). */
export function answerDnsQuery(query: Uint8Array, zone: DnsZone): Uint8Array | null {
  const question = parseQuestion(query);
  if (!question) {
    if (query.length < 12 || query[2]! & 0x80) return null;
    return header((query[0]! << 8) | query[1]!, 0x8000 | ((query[2]! & 0x01) << 8) | DNS_RCODE_FORMERR, 0, 0, []);
  }
  const opcode = (question.flags >> 11) & 0x0f;
  const rd = question.flags & 0x0100;
  const questionBytes = Array.from(query.subarray(12, question.end));
  if (opcode !== 0) return header(question.id, 0x8000 | (opcode << 11) | rd | DNS_RCODE_NOTIMP, 1, 0, questionBytes);
  const answers: Answer[] = [];
  const names = lowerKeys(zone.names || {});
  const cnames = lowerKeys(zone.cnames || {});
  let name = question.name.toLowerCase().replace(/\.$/, '');
  let owner = question.name.replace(/\.$/, '');
  for (let i = 0; i < MAX_CNAME_CHAIN && cnames[name] !== undefined && question.type !== DNS_TYPE_CNAME; i++) {
    const target = cnames[name]!;
    answers.push({ name: owner, type: DNS_TYPE_CNAME, data: encodeName(target) });
    owner = target;
    name = target.toLowerCase();
  }
  if (question.type === DNS_TYPE_CNAME && cnames[name] !== undefined) {
    answers.push({ name: owner, type: DNS_TYPE_CNAME, data: encodeName(cnames[name]!) });
  }
  const known = names[name] !== undefined || cnames[name] !== undefined || answers.length > 0;
  if (question.qclass === DNS_CLASS_IN && (question.type === DNS_TYPE_A || question.type === DNS_TYPE_AAAA)) {
    for (const text of names[name] || []) {
      const addr = parseAddress(text);
      if (!addr) continue;
      if ((addr.length === 4) === (question.type === DNS_TYPE_A)) answers.push({ name: owner, type: question.type, data: addr });
    }
  }
  const flags = 0x8000 | 0x0400 | rd | 0x0080 | (known ? 0 : DNS_RCODE_NXDOMAIN);
  const ttl = zone.ttl === undefined ? 300 : zone.ttl;
  const body: number[] = questionBytes.slice();
  for (const answer of answers) {
    body.push(...encodeName(answer.name), answer.type >> 8, answer.type & 0xff, 0, DNS_CLASS_IN);
    body.push((ttl >>> 24) & 0xff, (ttl >>> 16) & 0xff, (ttl >>> 8) & 0xff, ttl & 0xff);
    body.push(answer.data.length >> 8, answer.data.length & 0xff, ...Array.from(answer.data));
  }
  return header(question.id, flags, 1, answers.length, body);
}

function header(id: number, flags: number, questions: number, answers: number, body: number[]): Uint8Array {
  return new Uint8Array([id >> 8, id & 0xff, flags >> 8, flags & 0xff, 0, questions, answers >> 8, answers & 0xff, 0, 0, 0, 0, ...body]);
}

function lowerKeys<T>(record: Record<string, T>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const key of Object.keys(record)) out[key.toLowerCase().replace(/\.$/, '')] = record[key]!;
  return out;
}
