import { afterEach, describe, expect, it } from 'vitest';
import { EINVAL, get_errno, set_errno } from '../../lib/errno';
import { dns_add_host, dns_clear_hosts, dns_hosts_lookup } from '../../lib/dns/hosts';

const AF_UNSPEC = 0;
const AF_INET = 1;
const AF_INET6 = 2;
const LOOP4 = [127, 0, 0, 1];
const LOOP6 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];

function lookup(name: string, family: number): { count: number; found: number[][] } {
  const found: Uint8Array[] = [];
  const count = dns_hosts_lookup(name, family, found);
  return { count, found: found.map((a) => Array.from(a)) };
}

afterEach(() => dns_clear_hosts());

describe('host table', () => {
  it('knows localhost for each family, in any case and with a trailing dot', () => {
    expect(lookup('localhost', AF_INET)).toEqual({ count: 1, found: [LOOP4] });
    expect(lookup('localhost', AF_INET6)).toEqual({ count: 1, found: [LOOP6] });
    expect(lookup('LocalHost.', AF_UNSPEC)).toEqual({ count: 2, found: [LOOP4, LOOP6] });
    expect(lookup('localhost.localdomain', AF_INET)).toEqual({ count: 0, found: [] });
  });

  it('gives added addresses by family, in the order added', () => {
    expect(dns_add_host('printer.lan', Uint8Array.of(192, 168, 1, 20))).toBe(0);
    expect(dns_add_host('Printer.LAN.', Uint8Array.from(LOOP6))).toBe(0);
    expect(dns_add_host('printer.lan', Uint8Array.of(192, 168, 1, 21))).toBe(0);
    expect(lookup('printer.lan', AF_INET)).toEqual({ count: 2, found: [[192, 168, 1, 20], [192, 168, 1, 21]] });
    expect(lookup('PRINTER.lan', AF_INET6)).toEqual({ count: 1, found: [LOOP6] });
    expect(lookup('printer.lan.', AF_UNSPEC).found).toEqual([[192, 168, 1, 20], LOOP6, [192, 168, 1, 21]]);
    expect(lookup('printer', AF_INET).count).toBe(0);
    expect(lookup('printer.lan', 3).count).toBe(0);
  });

  it('appends to what the list already holds and returns copies', () => {
    const address = Uint8Array.of(10, 0, 0, 1);
    dns_add_host('gw', address);
    address[3] = 99; // the table copied it
    const found: Uint8Array[] = [Uint8Array.of(1, 1, 1, 1)];
    expect(dns_hosts_lookup('gw', AF_INET, found)).toBe(1);
    expect(found.map((a) => Array.from(a))).toEqual([[1, 1, 1, 1], [10, 0, 0, 1]]);
    found[1]![0] = 0;
    expect(lookup('gw', AF_INET).found).toEqual([[10, 0, 0, 1]]);
    const loop: Uint8Array[] = [];
    dns_hosts_lookup('localhost', AF_INET, loop);
    loop[0]![0] = 0;
    expect(lookup('localhost', AF_INET).found).toEqual([LOOP4]);
  });

  it('lets the table override localhost per family', () => {
    dns_add_host('localhost', Uint8Array.of(127, 0, 1, 1));
    expect(lookup('localhost', AF_INET).found).toEqual([[127, 0, 1, 1]]);
    expect(lookup('localhost', AF_INET6).found).toEqual([LOOP6]);
  });

  it('rejects bad names and addresses with EINVAL', () => {
    set_errno(0);
    expect(dns_add_host('', Uint8Array.of(1, 2, 3, 4))).toBe(-1);
    expect(get_errno()).toBe(EINVAL);
    set_errno(0);
    expect(dns_add_host('a..b', Uint8Array.of(1, 2, 3, 4))).toBe(-1);
    expect(get_errno()).toBe(EINVAL);
    expect(dns_add_host('x'.repeat(64), Uint8Array.of(1, 2, 3, 4))).toBe(-1);
    expect(dns_add_host('ok', Uint8Array.of(1, 2, 3))).toBe(-1);
    expect(dns_add_host('ok', new Uint8Array(6))).toBe(-1);
    expect(lookup('ok', AF_UNSPEC).count).toBe(0);
  });

  it('clear removes added entries but not localhost', () => {
    dns_add_host('a', Uint8Array.of(1, 2, 3, 4));
    dns_clear_hosts();
    expect(lookup('a', AF_INET).count).toBe(0);
    expect(lookup('localhost', AF_INET).found).toEqual([LOOP4]);
  });
});
