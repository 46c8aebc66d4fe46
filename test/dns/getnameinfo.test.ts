import { describe, expect, it } from 'vitest';
import {
  AF_INET,
  AF_INET6,
  DNS_EAI_BADFLAGS,
  DNS_EAI_FAMILY,
  DNS_EAI_NONAME,
  DNS_EAI_OVERFLOW,
  INET6_ADDRSTRLEN,
  INET_ADDRSTRLEN,
  NI_DGRAM,
  NI_MAXHOST,
  NI_MAXSERV,
  NI_NAMEREQD,
  NI_NOFQDN,
  NI_NUMERICHOST,
  NI_NUMERICSERV,
} from '../../lib/constants';
import { EINVAL, ENAMETOOLONG, errno, set_errno } from '../../lib/errno';
import { zsock_gethostname, zsock_sethostname } from '../../lib/gethostname';
import { zsock_getnameinfo } from '../../lib/getnameinfo';
import { htonl, htons, zsock_gai_strerror, zsock_inet_pton } from '../../lib/index';
import { SOCKADDR_IN6_SIZE, SOCKADDR_IN_SIZE, sockaddr } from '../../lib/sockaddr';

function v4(text: string, port: number): sockaddr {
  const sa = new sockaddr();
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  zsock_inet_pton(AF_INET, text, sa.sin_addr);
  return sa;
}

function v6(text: string, port: number): sockaddr {
  const sa = new sockaddr();
  sa.sin6_family = AF_INET6;
  sa.sin6_port = htons(port);
  zsock_inet_pton(AF_INET6, text, sa.sin6_addr);
  return sa;
}

function name(sa: sockaddr, flags: number, len = sa.sa_family === AF_INET ? SOCKADDR_IN_SIZE : SOCKADDR_IN6_SIZE): [number, string, string] {
  const host = { value: '-' };
  const serv = { value: '-' };
  const code = zsock_getnameinfo(sa, len, host, NI_MAXHOST, serv, NI_MAXSERV, flags);
  return [code, host.value, serv.value];
}

describe('zsock_getnameinfo', () => {
  it("answers Zephyr's own test cases: numeric host and port", () => {
    const zero = new sockaddr();
    zero.sin_family = AF_INET;
    expect(name(zero, 0)).toEqual([0, '0.0.0.0', '0']);
    const local = new sockaddr();
    local.sin_family = AF_INET;
    local.sin_port = htons(1234);
    local.sin_addr.s_addr = htonl(0x7f000001);
    expect(name(local, 0)).toEqual([0, '127.0.0.1', '1234']);
    const any6 = new sockaddr();
    any6.sin6_family = AF_INET6;
    expect(name(any6, 0)).toEqual([0, '::', '0']);
    const six = new sockaddr();
    six.sin6_family = AF_INET6;
    six.sin6_port = htons(4321);
    six.sin6_addr.s6_addr[0] = 0xff;
    six.sin6_addr.s6_addr[1] = 0x55;
    six.sin6_addr.s6_addr[15] = 0x11;
    expect(name(six, 0)).toEqual([0, 'ff55::11', '4321']);
  });

  it('gives service names from the table unless NI_NUMERICSERV; NI_DGRAM picks UDP names', () => {
    expect(name(v4('192.0.2.1', 80), 0)).toEqual([0, '192.0.2.1', 'http']);
    expect(name(v4('192.0.2.1', 80), NI_NUMERICSERV)).toEqual([0, '192.0.2.1', '80']);
    expect(name(v4('192.0.2.1', 123), 0)).toEqual([0, '192.0.2.1', '123']);
    expect(name(v4('192.0.2.1', 123), NI_DGRAM)).toEqual([0, '192.0.2.1', 'ntp']);
    expect(name(v6('2001:db8::1', 5683), NI_DGRAM)).toEqual([0, '2001:db8::1', 'coap']);
    expect(name(v6('2001:db8::1', 1883), NI_NUMERICHOST | NI_NOFQDN)).toEqual([0, '2001:db8::1', 'mqtt']);
    expect(name(v6('::ffff:192.0.2.1', 8883), 0)).toEqual([0, '::ffff:192.0.2.1', 'secure-mqtt']);
  });

  it('NI_NAMEREQD without NI_NUMERICHOST is DNS_EAI_NONAME: there is no reverse lookup', () => {
    expect(name(v4('192.0.2.1', 80), NI_NAMEREQD)).toEqual([DNS_EAI_NONAME, '-', '-']);
    expect(name(v4('192.0.2.1', 80), NI_NAMEREQD | NI_NUMERICHOST)).toEqual([0, '192.0.2.1', 'http']);
    // Only the service asked: no host name is needed.
    const serv = { value: '' };
    expect(zsock_getnameinfo(v4('192.0.2.1', 80), SOCKADDR_IN_SIZE, null, 0, serv, NI_MAXSERV, NI_NAMEREQD)).toBe(0);
    expect(serv.value).toBe('http');
  });

  it('host or serv alone; both null is DNS_EAI_NONAME', () => {
    const host = { value: '' };
    expect(zsock_getnameinfo(v4('192.0.2.9', 7), SOCKADDR_IN_SIZE, host, NI_MAXHOST, null, 0, 0)).toBe(0);
    expect(host.value).toBe('192.0.2.9');
    expect(zsock_getnameinfo(v4('192.0.2.9', 7), SOCKADDR_IN_SIZE, null, 0, null, 0, 0)).toBe(DNS_EAI_NONAME);
  });

  it('text that does not fit its buffer with a NUL is DNS_EAI_OVERFLOW, and nothing is written', () => {
    const sa = v4('192.0.2.123', 65535);
    const host = { value: '-' };
    const serv = { value: '-' };
    expect(zsock_getnameinfo(sa, SOCKADDR_IN_SIZE, host, 11, serv, NI_MAXSERV, 0)).toBe(DNS_EAI_OVERFLOW);
    expect(zsock_getnameinfo(sa, SOCKADDR_IN_SIZE, host, 12, serv, 5, 0)).toBe(DNS_EAI_OVERFLOW);
    expect([host.value, serv.value]).toEqual(['-', '-']);
    expect(zsock_getnameinfo(sa, SOCKADDR_IN_SIZE, host, 12, serv, 6, 0)).toBe(0);
    expect([host.value, serv.value]).toEqual(['192.0.2.123', '65535']);
    const long = v6('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 1);
    expect(zsock_getnameinfo(long, SOCKADDR_IN6_SIZE, host, INET6_ADDRSTRLEN, null, 0, 0)).toBe(0);
    expect(zsock_getnameinfo(v4('255.255.255.255', 1), SOCKADDR_IN_SIZE, host, INET_ADDRSTRLEN, null, 0, 0)).toBe(0);
  });

  it('a family it cannot print, or a short addrlen, is DNS_EAI_FAMILY; unknown flags DNS_EAI_BADFLAGS', () => {
    const sa = new sockaddr();
    sa.sa_family = 6;
    expect(name(sa, 0, 24)[0]).toBe(DNS_EAI_FAMILY);
    expect(name(v4('192.0.2.1', 1), 0, SOCKADDR_IN_SIZE - 1)[0]).toBe(DNS_EAI_FAMILY);
    expect(name(v6('2001:db8::1', 1), 0, SOCKADDR_IN_SIZE)[0]).toBe(DNS_EAI_FAMILY);
    expect(name(v4('192.0.2.1', 1), 0x40)[0]).toBe(DNS_EAI_BADFLAGS);
    expect(zsock_gai_strerror(DNS_EAI_FAMILY)).toBe('EAI_FAMILY');
    expect(zsock_gai_strerror(DNS_EAI_OVERFLOW)).toBe('EAI_OVERFLOW');
  });

  it('throws a TypeError for what C would not compile', () => {
    expect(() => zsock_getnameinfo({} as sockaddr, 8, null, 0, null, 0, 0)).toThrow(TypeError);
    expect(() => zsock_getnameinfo(v4('192.0.2.1', 1), 8, 'x' as unknown as { value: string }, 64, null, 0, 0)).toThrow(TypeError);
  });
});

describe('zsock_gethostname / zsock_sethostname', () => {
  it('is "zephyr" by default, as CONFIG_NET_HOSTNAME; sethostname changes it', () => {
    const buf = { value: '' };
    expect(zsock_gethostname(buf, 80)).toBe(0);
    expect(buf.value).toBe('zephyr');
    expect(zsock_sethostname('ztest_hostname', 14)).toBe(0);
    expect(zsock_gethostname(buf, 80)).toBe(0);
    expect(buf.value).toBe('ztest_hostname');
    expect(zsock_sethostname('sensor-7.local', 8)).toBe(0);
    expect(zsock_gethostname(buf, 9)).toBe(0);
    expect(buf.value).toBe('sensor-7');
    expect(zsock_sethostname('zephyr', 6)).toBe(0);
  });

  it('a buffer without room for the name and its NUL is ENAMETOOLONG', () => {
    const buf = { value: 'x' };
    set_errno(0);
    expect(zsock_gethostname(buf, 6)).toBe(-1);
    expect(errno).toBe(ENAMETOOLONG);
    expect(buf.value).toBe('x');
    expect(zsock_gethostname(buf, 7)).toBe(0);
  });

  it('sethostname rejects a length beyond the text, negative, or over 63', () => {
    for (const [text, len] of [['abc', 4], ['abc', -1], ['a'.repeat(64), 64], ['abc', 1.5]] as [string, number][]) {
      set_errno(0);
      expect(zsock_sethostname(text, len)).toBe(-1);
      expect(errno).toBe(EINVAL);
    }
    expect(zsock_sethostname('a'.repeat(63), 63)).toBe(0);
    const buf = { value: '' };
    expect(zsock_gethostname(buf, NI_MAXHOST)).toBe(0);
    expect(buf.value.length).toBe(63);
    expect(zsock_sethostname('zephyr', 6)).toBe(0);
  });
});
