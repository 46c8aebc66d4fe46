/**
 * Several devices, each running its own unchanged program in a realm of its
 * own (its own zsockjs stack), on one simulated network in virtual time.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulate, type SimulationSpec } from '../../sim/index';

const app = (name: string): string => fileURLToPath(new URL(`../../examples/apps/${name}`, import.meta.url));

function echoPair(seed: number, link: Partial<SimulationSpec['links'][number]> = {}, rounds = '4'): SimulationSpec {
  return {
    seed,
    hosts: [
      { name: 'server', ipv4: '192.0.2.2', program: app('echo_server.ts') },
      { name: 'client', ipv4: '192.0.2.1', program: app('echo_client.ts'), settings: { peer: '192.0.2.2', rounds } },
    ],
    links: [{ between: ['client', 'server'], latency: 30, ...link }],
  };
}

describe('two device programs on two simulated devices', () => {
  it('echo_client and echo_server across a lossy link: every byte back, output stamped with virtual time', async () => {
    const result = await simulate(echoPair(2, { jitter: 4, loss: 0.08 }, '6'), { trace: 'none' });
    expect(result.stopped).toBeNull();
    expect(result.exits.map((e) => [e.host, e.code])).toEqual([
      ['server', 0],
      ['client', 0],
    ]);
    const output = result.lines.join('\n');
    expect(output).toMatch(/\[ +0\.000 ms\] server \| Waiting for TCP and UDP on port 4242/);
    expect(output).toMatch(/\] server \| TCP: accepted connection #1 from 192\.0\.2\.1:\d+/);
    expect(output).toMatch(/\] client \| TCP\/IPv4: sent 757 bytes in 6 chunks, all echoed back intact/);
    // Nothing happens at once across a 30 ms link: the client's TCP line comes after several round trips.
    const at = Number(/\[ *([\d.]+) ms\] client \| TCP/.exec(output)![1]);
    expect(at).toBeGreaterThan(6 * 60);
    const tcp = result.flows.find((f) => f.protocol === 'tcp')!;
    expect(tcp.directions.map((d) => d.bytes)).toEqual([757, 757]);
    expect(tcp.directions.reduce((n, d) => n + d.retransmissions, 0)).toBeGreaterThan(0);
    expect(Math.min(...tcp.rtt)).toBeGreaterThanOrEqual(60);
  });

  it('each device has its own descriptor table: both first sockets are fd 0, named in a stopped run', async () => {
    // No link: the client's SYNs never leave, so its connect is still blocked when the time runs out.
    const spec = echoPair(1);
    spec.links = [{ between: ['client', 'server'], latency: 30, up: false }];
    spec.timeout = 2000;
    const result = await simulate(spec, { trace: 'none' });
    expect(result.stopped).toBe('runUntil: still pending after 2000 ms of virtual time');
    expect(result.blocked).toContainEqual({ host: 'server', fd: 0, call: 'accept', since: 0 });
    expect(result.blocked).toContainEqual({ host: 'client', fd: 0, call: 'connect', since: 0 });
    expect(result.lines.join('\n')).toContain('blocked: connect() on fd 0 of host client since 0 ms');
    expect(result.exits.find((e) => e.host === 'client')!.code).toBeNull();
  });

  it('a failing program is reported with its errno by name and number', async () => {
    const spec = echoPair(1);
    spec.hosts[0]!.program = undefined; // a host with nothing listening: RST
    const result = await simulate(spec, { trace: 'none' });
    const client = result.exits.find((e) => e.host === 'client')!;
    expect(client.error).toBe('TCP connect to 192.0.2.2 failed: ECONNREFUSED (61)');
  });

  it('one bundle, three devices: two clients of one program and a server, each with its own stack', async () => {
    const spec: SimulationSpec = {
      seed: 5,
      hosts: [
        { name: 'server', ipv4: '192.0.2.2', program: app('echo_server.ts') },
        { name: 'sensor-a', ipv4: '192.0.2.10', program: app('echo_client.ts'), settings: { peer: '192.0.2.2', rounds: '2' } },
        { name: 'sensor-b', ipv4: '192.0.2.11', program: app('echo_client.ts'), settings: { peer: '192.0.2.2', rounds: '3' } },
      ],
      links: [
        { between: ['sensor-a', 'server'], latency: 10 },
        { between: ['sensor-b', 'server'], latency: 25 },
      ],
    };
    const result = await simulate(spec, { trace: 'none' });
    expect(result.exits.map((e) => e.code)).toEqual([0, 0, 0]);
    const out = result.lines.join('\n');
    expect(out).toMatch(/sensor-a \| TCP\/IPv4: sent 99 bytes in 2 chunks/);
    expect(out).toMatch(/sensor-b \| TCP\/IPv4: sent 294 bytes in 3 chunks/);
    expect(out).toMatch(/server {3}\| TCP: accepted connection #1 from 192\.0\.2\.10:/);
    expect(out).toMatch(/server {3}\| TCP: accepted connection #2 from 192\.0\.2\.11:/);
    expect(result.flows.filter((f) => f.protocol === 'tcp').map((f) => f.client.split(' ')[0])).toEqual(['sensor-a', 'sensor-b']);
  });

  it('is deterministic per seed: the same seed gives the same trace and pcap, another seed another', async () => {
    const run = (seed: number) => simulate(echoPair(seed, { jitter: 5, loss: 0.05 }), { trace: 'frames' });
    const [a, b, c] = [await run(9), await run(9), await run(10)];
    expect(b.lines).toEqual(a.lines);
    expect(Buffer.from(b.capture.toBytes()).equals(Buffer.from(a.capture.toBytes()))).toBe(true);
    expect(Buffer.from(c.capture.toBytes()).equals(Buffer.from(a.capture.toBytes()))).toBe(false);
  });
});
