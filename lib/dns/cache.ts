/**
 * A small cache of resolved addresses: name and family to the addresses of
 * one reply, kept for the reply's TTL. Fixed capacity; when full, an expired
 * entry or else the least recently used one makes room. Only answers with
 * addresses are kept (no negative caching), and a TTL of 0 is not cached.
 * Time is the port's clock (`Port.now()`, milliseconds), passed in.
 */

import { dns_name_same } from './name';

interface CacheEntry {
  name: string;
  family: number;
  /** null: the slot is free. */
  addresses: Uint8Array[] | null;
  /** Port clock (ms) at which the entry stops being valid. */
  expires: number;
  /** Tick of the last put or hit, for least-recently-used eviction. */
  used: number;
  /** The end of the answer's CNAME chain, '' when there was none. */
  canonical: string;
}

export class DnsCache {
  private readonly entries: CacheEntry[] = [];
  private tick = 0;

  constructor(capacity: number = 8) {
    for (let i = 0; i < capacity; i++) {
      this.entries.push({ name: '', family: 0, addresses: null, expires: 0, used: 0, canonical: '' });
    }
  }

  /**
   * The addresses cached for `name` (ASCII case and a trailing dot ignored)
   * and `family`, or null when none are cached or they expired by `now`.
   * The array and its addresses belong to the cache: read, don't modify.
   */
  get(name: string, family: number, now: number): Uint8Array[] | null {
    const entry = this.find(name, family);
    if (!entry) return null;
    if (now >= entry.expires) {
      entry.addresses = null;
      return null;
    }
    entry.used = ++this.tick;
    return entry.addresses;
  }

  /**
   * Caches `addresses` for `name` and `family` for `ttl` seconds from `now`,
   * replacing what was cached for them. An empty list or a TTL of 0 (or less)
   * caches nothing and drops the old entry: the newest answer wins. The list
   * is copied; the addresses themselves are kept, not copied. `canonical` is
   * the end of the answer's CNAME chain, if it had one.
   */
  put(name: string, family: number, addresses: Uint8Array[], ttl: number, now: number, canonical?: string): void {
    let entry = this.find(name, family);
    if (!(ttl > 0) || addresses.length === 0) {
      if (entry) entry.addresses = null;
      return;
    }
    if (!entry) {
      const entries = this.entries;
      for (let i = 0; i < entries.length; i++) {
        const candidate = entries[i]!;
        if (!candidate.addresses || now >= candidate.expires) {
          entry = candidate;
          break;
        }
        if (!entry || candidate.used < entry.used) entry = candidate;
      }
      if (!entry) return; // capacity 0
    }
    entry.name = name;
    entry.family = family;
    entry.addresses = addresses.slice();
    entry.expires = now + ttl * 1000;
    entry.used = ++this.tick;
    entry.canonical = canonical || '';
  }

  /** The canonical name kept with the entry for `name` and `family` ('' when none or not cached). */
  canonical(name: string, family: number): string {
    const entry = this.find(name, family);
    return entry ? entry.canonical : '';
  }

  /** Forgets every entry. */
  clear(): void {
    for (let i = 0; i < this.entries.length; i++) this.entries[i]!.addresses = null;
  }

  private find(name: string, family: number): CacheEntry | null {
    const entries = this.entries;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.addresses && entry.family === family && dns_name_same(entry.name, name)) return entry;
    }
    return null;
  }
}
