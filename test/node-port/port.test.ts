import { getServers, setServers } from 'node:dns';
import { isIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Errno from '../../lib/errno';
import { createNodePort, NODE_CAPABILITIES } from '../../ports/node';
import { addressToText, textToAddress } from '../../ports/node/address';
import { errnoFromNodeError } from '../../ports/node/errors';
import {
  DNS_EAI_AGAIN,
  DNS_EAI_FAIL,
  DNS_EAI_FAMILY,
  DNS_EAI_MEMORY,
  DNS_EAI_NODATA,
  DNS_EAI_NONAME,
  DNS_EAI_SYSTEM,
  eaiFromNodeError,
} from '../../ports/node/resolver';
import { AF_INET, AF_INET6, LOOPBACK4, LOOPBACK6 } from './helpers';

function resolve(host: string, family: number): Promise<Uint8Array[] | number> {
  const resolver = createNodePort().resolver!;
  return new Promise((done) => resolver.resolve(host, family, done));
}

describe('node port: the Port object', () => {
  it('declares what Node can do and nothing it cannot set', () => {
    const node = createNodePort();
    expect(node.name).toBe('node');
    expect(node.capabilities).toBe(NODE_CAPABILITIES);
    expect(node.capabilities).toMatchObject({
      ipv6: true,
      halfClose: true,
      bindBeforeConnect: true,
      listenAddress: true,
      resetDistinct: true,
      multicast: true,
      broadcast: true,
      resolver: true,
    });
    for (const missing of ['keepintvl', 'keepcnt', 'tos', 'v6only'] as const) {
      expect(node.capabilities.options).not.toContain(missing);
    }
    expect(node.resolver).toBeDefined();
  });

  it('has a monotonic clock, timers that fire and can be cancelled, and defer after microtasks', async () => {
    const node = createNodePort();
    let previous = node.now();
    for (let i = 0; i < 1000; i++) {
      const now = node.now();
      expect(now).toBeGreaterThanOrEqual(previous);
      previous = now;
    }
    const fired: string[] = [];
    const cancelled = node.setTimer(1, () => fired.push('cancelled'));
    node.clearTimer(cancelled);
    const started = node.now();
    const elapsed = await new Promise<number>((resolve) => node.setTimer(5, () => resolve(node.now() - started)));
    expect(fired).toEqual([]);
    // Never early on the port's own clock (the core's timeouts rely on it); no upper bound is asserted.
    expect(elapsed).toBeGreaterThanOrEqual(5);

    const order: string[] = [];
    node.defer(() => order.push('deferred'));
    queueMicrotask(() => order.push('microtask'));
    void Promise.resolve().then(() => order.push('promise'));
    order.push('sync');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(order).toEqual(['sync', 'microtask', 'promise', 'deferred']);
  });

  it('draws unsigned 32-bit random numbers', () => {
    const node = createNodePort();
    const draws = Array.from({ length: 64 }, () => node.random32());
    for (const draw of draws) {
      expect(Number.isInteger(draw)).toBe(true);
      expect(draw).toBeGreaterThanOrEqual(0);
      expect(draw).toBeLessThanOrEqual(0xffffffff);
    }
    expect(new Set(draws).size).toBeGreaterThan(60);
    expect(draws.some((draw) => draw >= 0x80000000)).toBe(true);
  });

  it('lists local addresses per family, loopback first', () => {
    const node = createNodePort();
    const v4 = node.localAddresses(AF_INET);
    expect(v4[0]).toEqual(LOOPBACK4);
    for (const address of v4) expect(address.length).toBe(4);
    const v6 = node.localAddresses(AF_INET6);
    expect(v6[0]).toEqual(LOOPBACK6);
    for (const address of v6) expect(address.length).toBe(16);
    expect(node.localAddresses(7)).toEqual([]);
  });

  it('parses the system DNS servers, with and without ports', () => {
    const saved = getServers();
    try {
      setServers(['192.0.2.53', '[2001:db8::53]:5353', '198.51.100.1:5300', '2001:db8::1']);
      expect(createNodePort().dnsServers()).toEqual([
        { family: AF_INET, addr: new Uint8Array([192, 0, 2, 53]), port: 53 },
        { family: AF_INET6, addr: textToAddress('2001:db8::53', AF_INET6), port: 5353 },
        { family: AF_INET, addr: new Uint8Array([198, 51, 100, 1]), port: 5300 },
        { family: AF_INET6, addr: textToAddress('2001:db8::1', AF_INET6), port: 53 },
      ]);
    } finally {
      setServers(saved);
    }
  });
});

describe('node port: errno mapping', () => {
  it("maps Node's error codes to Zephyr's numbers by name, never Linux's", () => {
    const cases: Array<[string, number]> = [
      ['ECONNREFUSED', 61],
      ['ECONNRESET', 54],
      ['EADDRINUSE', 48],
      ['EADDRNOTAVAIL', 49],
      ['ETIMEDOUT', 60],
      ['EHOSTUNREACH', 65],
      ['ENETUNREACH', 51],
      ['EPIPE', 32],
      ['EACCES', 13],
      ['EMSGSIZE', 36],
      ['ENOBUFS', 55],
      ['EAFNOSUPPORT', 47],
      ['ECONNABORTED', 53],
      ['ENOTSUP', 35],
      ['EOPNOTSUPP', 45],
      ['ERR_STREAM_WRITE_AFTER_END', Errno.EPIPE],
      ['ENONET', Errno.ENETUNREACH],
    ];
    for (const [code, errno] of cases) {
      expect(errnoFromNodeError(Object.assign(new Error(code), { code, errno: -999 })), code).toBe(errno);
    }
    expect(errnoFromNodeError(Object.assign(new Error(), { code: 'ESOMETHINGNEW' }))).toBe(Errno.EIO);
    expect(errnoFromNodeError(Object.assign(new Error(), { code: 'errno' }))).toBe(Errno.EIO);
    expect(errnoFromNodeError(new Error('no code'))).toBe(Errno.EIO);
    expect(errnoFromNodeError(null)).toBe(Errno.EIO);
  });

  it("maps dns.lookup codes to Zephyr's DNS_EAI_* codes", () => {
    const cases: Array<[string, number]> = [
      ['ENOTFOUND', -2],
      ['EAI_AGAIN', -3],
      ['EAI_FAIL', -4],
      ['EAI_NODATA', -5],
      ['EAI_FAMILY', -6],
      ['EAI_MEMORY', -10],
      ['EAI_SYSTEM', -11],
      ['ECONNREFUSED', -4],
    ];
    for (const [code, eai] of cases) expect(eaiFromNodeError({ code }), code).toBe(eai);
    expect([DNS_EAI_NONAME, DNS_EAI_AGAIN, DNS_EAI_FAIL, DNS_EAI_NODATA, DNS_EAI_FAMILY, DNS_EAI_MEMORY, DNS_EAI_SYSTEM]).toEqual([
      -2, -3, -4, -5, -6, -10, -11,
    ]);
  });
});

describe('node port: resolver', () => {
  it('resolves localhost to loopback', async () => {
    const any = await resolve('localhost', 0);
    expect(Array.isArray(any)).toBe(true);
    const addresses = (any as Uint8Array[]).map((address) => Array.from(address).join('.'));
    expect(addresses).toContain('127.0.0.1');
    const v4 = await resolve('localhost', AF_INET);
    expect(v4).toEqual([LOOPBACK4]);
  });

  it('answers an address literal with itself', async () => {
    expect(await resolve('192.0.2.7', AF_INET)).toEqual([new Uint8Array([192, 0, 2, 7])]);
    expect(await resolve('::1', AF_INET6)).toEqual([LOOPBACK6]);
  });

  it('fails a name under .invalid with EAI_NONAME (-2)', async () => {
    const result = await resolve('no-such-host.invalid', 0);
    // A host without a reachable DNS server answers EAI_AGAIN instead of the NXDOMAIN this needs.
    expect(result === DNS_EAI_AGAIN ? DNS_EAI_NONAME : result).toBe(DNS_EAI_NONAME);
  });

  it('refuses unknown families and empty names, always later', async () => {
    let answered = false;
    const pending = new Promise<Uint8Array[] | number>((done) =>
      createNodePort().resolver!.resolve('localhost', 9, (result) => {
        answered = true;
        done(result);
      }),
    );
    expect(answered).toBe(false);
    expect(await pending).toBe(DNS_EAI_FAMILY);
    expect(await resolve('', 0)).toBe(DNS_EAI_NONAME);
  });
});

describe('node port: textual addresses', () => {
  it('writes RFC 5952 text and IPv4-mapped addresses in dotted form', () => {
    expect(addressToText(new Uint8Array([10, 0, 0, 255]))).toBe('10.0.0.255');
    expect(addressToText(new Uint8Array(16))).toBe('::');
    expect(addressToText(LOOPBACK6)).toBe('::1');
    expect(addressToText(textToAddress('2001:db8:0:0:1:0:0:1', AF_INET6)!)).toBe('2001:db8::1:0:0:1');
    expect(addressToText(textToAddress('2001:db8:0:1:1:1:1:1', AF_INET6)!)).toBe('2001:db8:0:1:1:1:1:1');
    expect(addressToText(textToAddress('127.0.0.1', AF_INET6)!)).toBe('::ffff:127.0.0.1');
  });

  it('reads Node text into the family asked for', () => {
    expect(textToAddress('::ffff:192.0.2.1', AF_INET)).toEqual(new Uint8Array([192, 0, 2, 1]));
    expect(textToAddress('::ffff:c000:201', AF_INET)).toEqual(new Uint8Array([192, 0, 2, 1]));
    expect(textToAddress('fe80::1%eth0', AF_INET6)).toEqual(textToAddress('fe80::1', AF_INET6));
    expect(textToAddress('::1', AF_INET)).toBeNull();
    for (const bad of ['1.2.3', '1.2.3.256', '01.2.3.4.5', '1::2::3', ':::', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '']) {
      expect(textToAddress(bad, AF_INET6), bad).toBeNull();
    }
  });

  it('round-trips any address, in text Node accepts and the URL parser agrees with', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.boolean(), (bytes, sparse) => {
        // Zero runs are what make IPv6 text interesting: blank out some groups.
        if (sparse) for (let i = 0; i < 16; i += 2) if (bytes[i]! & 1) bytes[i] = bytes[i + 1] = 0;
        const text = addressToText(bytes);
        expect(isIPv6(text)).toBe(true);
        expect(textToAddress(text, AF_INET6)).toEqual(bytes);
        if (!text.includes('.')) expect(new URL(`http://[${text}]/`).hostname).toBe(`[${text}]`);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (bytes) => {
        expect(textToAddress(addressToText(bytes), AF_INET)).toEqual(bytes);
      }),
    );
  });
});
