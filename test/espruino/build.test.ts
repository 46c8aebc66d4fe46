/**
 * The Espruino build: its output carries none of the constructs the
 * interpreter lacks (the check is shown to catch each one), stays within
 * its byte budgets, and the device programs built by it run over the
 * emulated net/dgram with the behaviour measured on the real interpreter.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: the check is plain JavaScript.
import { forbiddenConstructs } from '../../tools/espruino-check.mjs';
import { createMockNetwork, tcpEchoServer, udpEchoServer, udpResponder } from '../../ports/node-mock/index';
import { build_espruino, run_built, type BuiltCode } from './built';
import { espruino_library, open_espruino } from './built-target';
import { CHUNK, EspruinoEmulation } from './emulation';

const root = join(__dirname, '../..');
const check = forbiddenConstructs as (code: string) => { construct: string; line: number }[];

/**
 * Minified bytes of each build: the CI proxy for the JsVars they cost on a
 * device (README, "Running on Espruino"). Raise one only with a reason.
 */
const BYTE_BUDGETS: Record<string, number> = {
  library: 87_500,
  echo_client: 46_000,
  sntp_client: 36_500,
  echo_server: 43_000,
};

const builds: Record<string, BuiltCode> = {};

beforeAll(async () => {
  builds['library'] = await build_espruino(join(root, 'ports/espruino/library.ts'), 'module');
  for (const app of ['echo_client', 'sntp_client', 'echo_server']) {
    builds[app] = await build_espruino(join(root, `examples/apps/${app}.ts`), 'app', { peer: '192.0.2.2', rounds: '3' });
  }
}, 60_000);

describe('the forbidden-construct check', () => {
  const cases: [string, string][] = [
    ['async function', 'async function f() {}'],
    ['await', 'async function f() { await 1; }'],
    ['generator', 'function* g() {}'],
    ['destructuring', 'var { a } = o;'],
    ['destructuring', 'var [a] = o;'],
    ['default parameter', 'function f(a = 1) {}'],
    ['rest parameter', 'function f(...a) {}'],
    ['spread', 'f(...a);'],
    ['optional chaining', 'a?.b;'],
    ['computed property name', 'var o = { [k]: 1 };'],
    ['** operator', 'var x = a ** 2;'],
    ['label', 'outer: for (;;) break outer;'],
    ['BigInt', 'var n = 1n;'],
    ['new.target', 'function F() { return new.target; }'],
    ['assignment to .length', 'a.length = 0;'],
    ["identifier 'of'", 'var of = 1;'],
    ['global Map', 'var m = new Map();'],
    ['global Symbol', 'var s = Symbol.iterator;'],
    ['global console', 'console.log(1);'],
    ['Math.imul', 'Math.imul(a, b);'],
    ['Math.trunc', 'Math.trunc(a);'],
    ['Number.isNaN', 'Number.isNaN(a);'],
    ['Array.from', 'Array.from(a);'],
    ['Object.freeze', 'Object.freeze(a);'],
    ['Promise.race', 'Promise.race(a);'],
    ['.finally()', 'p.finally(f);'],
    ['Object.create with properties', 'Object.create(p, {});'],
    ['setter without getter in one defineProperty', 'Object.defineProperty(o, "x", { set: f });'],
    ['regex quantifier ?', 'var r = /ab?c/;'],
    ['regex quantifier {m,n}', 'var r = /a{1,3}/;'],
    ['class extending a built-in error', 'class E2 extends Error {}'],
    ['static method inherited by a subclass', 'class A { static make() {} } class B extends A {}'],
    ['per-iteration let captured by a closure', 'for (let i = 0; i < 3; i++) fs.push(function () { return i; });'],
    ['function declaration after other statements (no hoisting)', 'f(); function f() {}'],
    ['optional catch binding', 'try {} catch {}'],
    ['logical assignment', 'a ??= 1;'],
  ];
  for (const [construct, code] of cases) {
    it(`rejects ${construct}: ${code}`, () => {
      expect(check(code).map((f) => f.construct)).toContain(construct);
    });
  }

  it('passes what Espruino runs: classes, arrows, templates, let, for-of, ??, typeof of an absent global', () => {
    const code =
      'function g() {} class A { get x() { return 1; } static s() {} m() { return `${this.x}`; } }' +
      'let f = (a) => a ?? 1; for (const c of [1, 2]) g(c); var hasMap = typeof Map !== "undefined"; var r = /^a+b*$/;';
    expect(check(code)).toEqual([]);
  });
});

describe('the Espruino build', () => {
  for (const name of Object.keys(BYTE_BUDGETS)) {
    it(`${name}: no construct Espruino lacks, within ${BYTE_BUDGETS[name]} bytes`, () => {
      const built = builds[name]!;
      expect(check(built.code)).toEqual([]);
      expect(built.code.length).toBeLessThanOrEqual(BYTE_BUDGETS[name]!);
    });
  }

  it('tree-shakes: an app carries only the core it calls (no DNS client or select unless used)', () => {
    // Message strings survive minification: the library has them, the apps must not.
    const dnsClient = 'dns servers must be';
    const select = 'nfds must be a number';
    expect(builds['library']!.code).toContain(dnsClient);
    expect(builds['library']!.code).toContain(select);
    for (const app of ['echo_client', 'sntp_client', 'echo_server']) {
      expect(builds[app]!.code).not.toContain(dnsClient);
      expect(builds[app]!.code).not.toContain(select);
    }
    expect(builds['sntp_client']!.code.length).toBeLessThan(builds['echo_client']!.code.length);
  });
});

/** A simulated device with the emulation, a server host, and the built app's globals pointing at them. */
function device() {
  const net = createMockNetwork({ seed: 3 });
  const host = net.host('device', { ipv4: '192.0.2.1' });
  const server = net.host('server', { ipv4: '192.0.2.2' });
  net.link(host, server, { latency: 5 });
  const emulation = new EspruinoEmulation(net, host);
  return { net, server, emulation };
}

describe('device programs built for Espruino, on the emulated net/dgram', () => {
  it('echo_client: bytes cross as strings in chunks of at most 536, write answers false and drain follows', async () => {
    const { net, server, emulation } = device();
    tcpEchoServer(server, 4242);
    udpEchoServer(server, 4242);
    run_built(builds['echo_client']!.code, () => emulation);
    await net.runUntilIdle({ limit: 600_000 });
    expect(emulation.printed).toEqual([
      expect.stringMatching(/^TCP\/IPv4: sent \d+ bytes in 3 chunks, all echoed back intact$/),
      expect.stringMatching(/^UDP\/IPv4: sent 3 datagrams \((\d+) bytes\), \1 bytes echoed back intact$/),
      'exit 0',
    ]);
    expect(emulation.stats.nonStrings).toBe(0);
    expect(emulation.stats.writes).toBeGreaterThan(0);
    expect(emulation.stats.writeAnswers.every((answer) => answer === false)).toBe(true);
    expect(emulation.stats.drains).toBeGreaterThanOrEqual(emulation.stats.writes > 0 ? 1 : 0);
    expect(Math.max(...emulation.stats.dataChunks)).toBeLessThanOrEqual(CHUNK);
  });

  it('echo_client: a refused connect that throws inside net.connect reads as ECONNREFUSED', async () => {
    const { net, emulation } = device();
    run_built(builds['echo_client']!.code, () => emulation);
    await net.runUntilIdle({ limit: 600_000 });
    expect(emulation.stats.connectThrows).toBe(1);
    expect(emulation.printed).toEqual(['error TCP connect to 192.0.2.2 failed: 61']);
  });

  it("echo_client: a board's refusal, an `error` event, reads as ECONNREFUSED too", async () => {
    const { net } = device();
    const host = net.hosts.find((h) => h.name === 'device')!;
    const emulation = new EspruinoEmulation(net, host, { refusedConnect: 'error' });
    run_built(builds['echo_client']!.code, () => emulation);
    await net.runUntilIdle({ limit: 600_000 });
    expect(emulation.stats.connectThrows).toBe(0);
    expect(emulation.printed).toEqual(['error TCP connect to 192.0.2.2 failed: 61']);
  });

  it('sntp_client: the time from an SNTP server over dgram', async () => {
    const { net, server, emulation } = device();
    const serverTime = 1796342400;
    udpResponder(server, 123, (request) => {
      const answer = new Uint8Array(48);
      answer[0] = (3 << 3) | 4;
      answer[1] = 2;
      answer.set(request.subarray(40, 48), 24);
      const tx = serverTime + 2208988800;
      answer[40] = tx >>> 24;
      answer[41] = (tx >>> 16) & 0xff;
      answer[42] = (tx >>> 8) & 0xff;
      answer[43] = tx & 0xff;
      answer[44] = 0x80;
      return answer;
    });
    run_built(builds['sntp_client']!.code, () => emulation);
    await net.runUntilIdle({ limit: 600_000 });
    expect(emulation.printed).toEqual(['SNTP status: 0', `time since Epoch: ${serverTime} s, fraction ${0x80000000}`, 'exit 0']);
  });

  it('a dgram socket closes with two close events, and the port answers once', async () => {
    const { net, emulation } = device();
    const dgram = emulation.dgramModule();
    const socket = dgram.createSocket('udp4');
    let closes = 0;
    socket.on('close', () => closes++);
    socket.bind(5000);
    socket.close();
    await net.runUntilIdle({ limit: 1000 });
    expect(closes).toBe(2);
  });
});

describe('the built library on the emulated net/dgram', () => {
  it('backpressure is honest: 64 KiB cross intact while at most SO_SNDBUF bytes wait in Espruino before a drain', async () => {
    const s = await open_espruino();
    const z = (await espruino_library()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const at = (text: string, port: number) => {
      const a = new z.sockaddr();
      a.sa_family = z.AF_INET;
      a.sin_port = z.htons(port);
      z.zsock_inet_pton(z.AF_INET, text, a.sin_addr);
      return a;
    };
    const lfd = z.zsock_socket(z.AF_INET, z.SOCK_STREAM, 0);
    expect(z.zsock_bind(lfd, at('127.0.0.1', 0), z.SOCKADDR_IN_SIZE)).toBe(0);
    expect(z.zsock_listen(lfd, 2)).toBe(0);
    const name = new z.sockaddr();
    z.zsock_getsockname(lfd, name, { value: z.SOCKADDR_IN_SIZE });
    const client = z.zsock_socket(z.AF_INET, z.SOCK_STREAM, 0);
    const [connected, server] = await s.run(
      Promise.all([z.zsock_connect(client, at('127.0.0.1', z.ntohs(name.sin_port)), z.SOCKADDR_IN_SIZE), z.zsock_accept(lfd, null, null)]),
    );
    expect(connected).toBe(0);
    const data = new Uint8Array(65536);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31 + (i >> 8)) & 0xff;
    const sending = (async () => {
      let sent = 0;
      while (sent < data.length) {
        const n: number = await z.zsock_send(client, data.subarray(sent), data.length - sent, 0);
        if (n <= 0) throw new Error('send failed: ' + z.errno);
        sent += n;
      }
      return sent;
    })();
    const got = new Uint8Array(data.length);
    const receiving = (async () => {
      let at2 = 0;
      while (at2 < got.length) {
        const n: number = await z.zsock_recv(server, got.subarray(at2), Math.min(700, got.length - at2), 0);
        if (n <= 0) break;
        at2 += n;
      }
      return at2;
    })();
    expect(await s.run(Promise.all([sending, receiving]))).toEqual([data.length, data.length]);
    expect(got).toEqual(data);
    const stats = s.emulation.stats;
    expect(stats.maxPending).toBeGreaterThan(0);
    expect(stats.maxPending).toBeLessThanOrEqual(1072);
    expect(stats.writes).toBeGreaterThanOrEqual(data.length / 1072);
    expect(stats.nonStrings).toBe(0);
    expect(Math.max(...stats.dataChunks)).toBeLessThanOrEqual(CHUNK);
    await s.close();
  });
});

describe('multicast on the built library', () => {
  it('a joined group receives datagrams from another host; leaving stops them', async () => {
    const s = await open_espruino();
    const z = (await espruino_library()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const fd = z.zsock_socket(z.AF_INET, z.SOCK_DGRAM, 0);
    const any = new z.sockaddr();
    any.sa_family = z.AF_INET;
    any.sin_port = z.htons(5007);
    expect(z.zsock_bind(fd, any, z.SOCKADDR_IN_SIZE)).toBe(0);
    const group = new z.in_addr(new Uint8Array([239, 1, 2, 3]));
    const mreq = { imr_multiaddr: group, imr_address: new z.in_addr(), imr_ifindex: 0 };
    expect(z.zsock_setsockopt(fd, z.IPPROTO_IP, z.IP_ADD_MEMBERSHIP, mreq, z.SIZEOF_IP_MREQN)).toBe(0);
    const peerHost = s.emulation.net.hosts.find((h) => h.name === 'peer')!;
    const sender = s.emulation.net.port(peerHost).udpOpen({ family: 1, addr: new Uint8Array(4), port: 0 }, { readable() {}, writable() {}, error() {} });
    if (typeof sender === 'number') throw new Error('sender: ' + sender);
    const to = { family: 1, addr: new Uint8Array([239, 1, 2, 3]), port: 5007 };
    expect(sender.send(new Uint8Array([1, 2, 3]), to)).toBe(0);
    const buf = new Uint8Array(8);
    expect(await s.run(z.zsock_recv(fd, buf, 8, 0))).toBe(3);
    expect(Array.from(buf.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(z.zsock_setsockopt(fd, z.IPPROTO_IP, z.IP_DROP_MEMBERSHIP, mreq, z.SIZEOF_IP_MREQN)).toBe(0);
    expect(sender.send(new Uint8Array([4]), to)).toBe(0);
    await s.sleep(100);
    expect(await s.run(z.zsock_recv(fd, buf, 8, z.ZSOCK_MSG_DONTWAIT))).toBe(-1);
    expect(z.errno).toBe(z.EAGAIN);
    sender.close();
    await s.close();
  });
});
