/**
 * A test-only DNS message builder, written apart from lib/dns so that the
 * encoder and parser are checked against an independent encoding. It does
 * not validate: it writes whatever it is told, so tests can build broken
 * messages too.
 */

export const A = 1;
export const CNAME = 5;
export const MX = 15;
export const TXT = 16;
export const AAAA = 28;
export const IN = 1;

export type RecordData = number[] | { target: NameSpec };

/** A name as dotted text, or as its labels (so a label may hold a dot). */
export type NameSpec = string | string[];

export interface RecordSpec {
  name: NameSpec;
  type: number;
  class?: number;
  ttl?: number;
  data: RecordData;
}

export interface QuestionSpec {
  name: NameSpec;
  type: number;
  class?: number;
}

export interface ResponseSpec {
  id: number;
  qr?: boolean;
  opcode?: number;
  tc?: boolean;
  rcode?: number;
  questions: QuestionSpec[];
  answers?: RecordSpec[];
  authority?: RecordSpec[];
  additional?: RecordSpec[];
  /** Use compression pointers for repeated name suffixes. */
  compress?: boolean;
  /** Header counts to write instead of the real ones. */
  counts?: { qd?: number; an?: number; ns?: number; ar?: number };
}

class Writer {
  bytes: number[] = [];
  private suffixes: { [key: string]: number } = {};
  constructor(private readonly compress: boolean) {}

  u8(value: number): void {
    this.bytes.push(value & 0xff);
  }
  u16(value: number): void {
    this.u8(value >> 8);
    this.u8(value);
  }
  u32(value: number): void {
    this.u16(Math.floor(value / 65536));
    this.u16(value % 65536);
  }

  /** Writes `name` ("" or "." is the root), reusing earlier suffixes as pointers when compressing. */
  name(name: NameSpec): void {
    const labels = Array.isArray(name) ? name : name === '' || name === '.' ? [] : name.replace(/\.$/, '').split('.');
    for (let i = 0; i < labels.length; i++) {
      const key = JSON.stringify(labels.slice(i));
      if (this.compress && Object.prototype.hasOwnProperty.call(this.suffixes, key)) {
        this.u16(0xc000 | this.suffixes[key]!);
        return;
      }
      if (this.bytes.length < 0x4000) this.suffixes[key] = this.bytes.length;
      const label = labels[i]!;
      this.u8(label.length);
      for (let k = 0; k < label.length; k++) this.u8(label.charCodeAt(k));
    }
    this.u8(0);
  }

  record(spec: RecordSpec): void {
    this.name(spec.name);
    this.u16(spec.type);
    this.u16(spec.class ?? IN);
    this.u32(spec.ttl ?? 300);
    const lengthAt = this.bytes.length;
    this.u16(0);
    const start = this.bytes.length;
    const data = spec.data;
    if (Array.isArray(data)) for (const b of data) this.u8(b);
    else this.name(data.target);
    const length = this.bytes.length - start;
    this.bytes[lengthAt] = length >> 8;
    this.bytes[lengthAt + 1] = length & 0xff;
  }
}

export function buildResponse(spec: ResponseSpec): Uint8Array {
  const w = new Writer(spec.compress ?? false);
  const answers = spec.answers ?? [];
  const authority = spec.authority ?? [];
  const additional = spec.additional ?? [];
  const counts = spec.counts ?? {};
  w.u16(spec.id);
  w.u8(((spec.qr ?? true) ? 0x80 : 0) | ((spec.opcode ?? 0) << 3) | (spec.tc ? 0x02 : 0) | 0x01);
  w.u8(0x80 | (spec.rcode ?? 0));
  w.u16(counts.qd ?? spec.questions.length);
  w.u16(counts.an ?? answers.length);
  w.u16(counts.ns ?? authority.length);
  w.u16(counts.ar ?? additional.length);
  for (const q of spec.questions) {
    w.name(q.name);
    w.u16(q.type);
    w.u16(q.class ?? IN);
  }
  for (const r of answers) w.record(r);
  for (const r of authority) w.record(r);
  for (const r of additional) w.record(r);
  return Uint8Array.from(w.bytes);
}

/** A query as RFC 1035 lays it out: RD set, one question of class IN. */
export function buildQuery(id: number, name: string, type: number): Uint8Array {
  const w = new Writer(false);
  w.u16(id);
  w.u16(0x0100);
  w.u16(1);
  w.u16(0);
  w.u16(0);
  w.u16(0);
  w.name(name);
  w.u16(type);
  w.u16(IN);
  return Uint8Array.from(w.bytes);
}

export function ipv4(text: string): number[] {
  return text.split('.').map(Number);
}

/** Parses the full (uncompressed, "::"-free or single-"::") IPv6 text form used in tests. */
export function ipv6(text: string): number[] {
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  const out: number[] = [];
  for (const g of groups) {
    const v = parseInt(g, 16);
    out.push(v >> 8, v & 0xff);
  }
  return out;
}
