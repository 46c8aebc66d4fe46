/** net_ip.h's address helpers: net_addr_pton, net_addr_ntop, net_ipaddr_parse. */
import { describe, expect, it } from 'vitest';
import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  EINVAL,
  errno,
  htons,
  in6_addr,
  in_addr,
  net_addr_ntop,
  net_addr_pton,
  net_ipaddr_parse,
  ntohs,
  set_errno,
  sockaddr,
  zsock_inet_ntop,
} from '../lib/index';

describe('net_addr_pton', () => {
  it('answers 0 and fills dst for an address, -EINVAL for anything else, without touching errno', () => {
    set_errno(0);
    const a = new in_addr();
    expect(net_addr_pton(AF_INET, '192.0.2.1', a)).toBe(0);
    expect(Array.from(a.s4_addr)).toEqual([192, 0, 2, 1]);
    const b = new in6_addr();
    expect(net_addr_pton(AF_INET6, '2001:db8::1', b)).toBe(0);
    expect(zsock_inet_ntop(AF_INET6, b, null, 46)).toBe('2001:db8::1');
    for (const bad of ['256.1.1.1', '1.2.3', 'x', '', '1.2.3.4.5']) {
      expect(net_addr_pton(AF_INET, bad, a)).toBe(-EINVAL);
    }
    expect(Array.from(a.s4_addr)).toEqual([192, 0, 2, 1]);
    expect(net_addr_pton(AF_INET6, '1::2::3', b)).toBe(-EINVAL);
    expect(net_addr_pton(AF_UNIX, '1.2.3.4', a)).toBe(-EINVAL);
    expect(net_addr_pton(AF_INET6, '::1', a)).toBe(-EINVAL);
    expect(errno).toBe(0);
    expect(() => net_addr_pton(AF_INET, 5 as unknown as string, a)).toThrow(TypeError);
  });
});

describe('net_addr_ntop', () => {
  it('returns the text (and stores it), or null for another family, a short src or a small size; errno untouched', () => {
    set_errno(0);
    const out = { value: '' };
    expect(net_addr_ntop(AF_INET, new Uint8Array([10, 0, 0, 1]), out, 16)).toBe('10.0.0.1');
    expect(out.value).toBe('10.0.0.1');
    expect(net_addr_ntop(AF_INET6, new Uint8Array(16), null, 46)).toBe('::');
    expect(net_addr_ntop(AF_INET, new Uint8Array([10, 0, 0, 1]), out, 8)).toBe(null);
    expect(net_addr_ntop(AF_INET, new Uint8Array([10, 0, 0, 1]), out, 9)).toBe('10.0.0.1');
    expect(net_addr_ntop(AF_INET6, new Uint8Array(4), out, 46)).toBe(null);
    expect(net_addr_ntop(AF_UNIX, new Uint8Array(16), out, 46)).toBe(null);
    expect(errno).toBe(0);
  });
});

describe('net_ipaddr_parse', () => {
  const parse = (text: string, len = text.length): sockaddr | null => {
    const a = new sockaddr();
    a.sin_port = htons(1111);
    return net_ipaddr_parse(text, len, a) ? a : null;
  };

  it('reads the forms of net_ip.h: IPv4 with or without a port, IPv6 bare, bracketed, with a port', () => {
    const v4 = parse('192.0.2.1:80')!;
    expect(v4.sa_family).toBe(AF_INET);
    expect(Array.from(v4.sin_addr.s4_addr)).toEqual([192, 0, 2, 1]);
    expect(ntohs(v4.sin_port)).toBe(80);
    const bare = parse('192.0.2.42')!;
    expect(bare.sa_family).toBe(AF_INET);
    expect(ntohs(bare.sin_port)).toBe(1111);
    const v6 = parse('[2001:db8::1]:8080')!;
    expect(v6.sa_family).toBe(AF_INET6);
    expect(zsock_inet_ntop(AF_INET6, v6.sin6_addr, null, 46)).toBe('2001:db8::1');
    expect(ntohs(v6.sin6_port)).toBe(8080);
    expect(ntohs(parse('[2001:db8::2]')!.sin6_port)).toBe(1111);
    const plain6 = parse('2001:db::42')!;
    expect(plain6.sa_family).toBe(AF_INET6);
    expect(ntohs(plain6.sin6_port)).toBe(1111);
    expect(zsock_inet_ntop(AF_INET6, parse('::ffff:192.0.2.1')!.sin6_addr, null, 46)).toBe('::ffff:192.0.2.1');
    expect(ntohs(parse('10.0.0.1:0')!.sin_port)).toBe(0);
    expect(ntohs(parse('10.0.0.1:65535')!.sin_port)).toBe(65535);
  });

  it('honours str_len and stops at a NUL, as C reads the buffer', () => {
    expect(ntohs(parse('192.0.2.1:80xyz', 12)!.sin_port)).toBe(80);
    expect(parse('192.0.2.1\u0000:80')!.sin_port).toBe(htons(1111));
    expect(parse('192.0.2.1:80', 0)).toBe(null);
  });

  it('answers false, leaving the struct untouched, for what is no address and port', () => {
    for (const bad of ['', '192.0.2.1:', '192.0.2.1:65536', '192.0.2.1:8o', '192.0.2.1:-1', '[2001:db8::1', '[2001:db8::1]80', '[2001:db8::1]:', '[192.0.2.1]:80', '1.2.3.256', 'host:80', '::1:80:x', 'example.com']) {
      const a = new sockaddr();
      a.sa_family = 77;
      expect(net_ipaddr_parse(bad, bad.length, a)).toBe(false);
      expect(a.sa_family).toBe(77);
    }
  });

  it('a struct that is not a sockaddr, or a string that is not one, is a TypeError; NULL is false, as in Zephyr', () => {
    expect(() => net_ipaddr_parse('1.2.3.4', 7, {} as sockaddr)).toThrow(TypeError);
    expect(() => net_ipaddr_parse(5 as unknown as string, 0, new sockaddr())).toThrow(TypeError);
    expect(net_ipaddr_parse(null, 0, new sockaddr())).toBe(false);
    expect(net_ipaddr_parse('1.2.3.4', 7, null)).toBe(false);
  });
});
