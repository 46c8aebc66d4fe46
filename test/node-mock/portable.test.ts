import { buildSync } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

/** The simulation bundled as one script, to run where only ECMAScript's own globals exist. */
function bundle(): string {
  const result = buildSync({
    entryPoints: ['ports/node-mock/index.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'mock',
    platform: 'neutral',
    target: 'es2020',
    write: false,
  });
  return result.outputFiles[0]!.text;
}

const scenario = `
  const net = mock.createMockNetwork({ seed: 5 });
  const a = net.host('a', { ipv4: '10.0.0.2' });
  const b = net.host('b', { ipv4: '10.0.0.1' });
  net.link(a, b, { latency: 2, loss: 0.1 });
  mock.tcpEchoServer(b, 7);
  let echoed = '';
  const c = net.port(a).tcpConnect({ family: 1, addr: mock.address('10.0.0.1'), port: 7 }, null, {
    connected() { c.write(new Uint8Array([104, 105])); c.shutdownWrite(); },
    readable() { const buf = new Uint8Array(16); const n = c.read(buf); for (let i = 0; i < n; i++) echoed += String.fromCharCode(buf[i]); },
    writable() {},
    error(e) { echoed += ' error ' + e; },
  });
  const timerFired = new Promise((resolve) => net.port(a).setTimer(50, () => resolve(net.now)));
  ({ globals: typeof setTimeout + ' ' + typeof setImmediate + ' ' + typeof process + ' ' + typeof Buffer,
     run: net.runUntil(timerFired).then((at) => net.runUntilIdle().then(() => ({ at, echoed, trace: net.capture().length })) ) })
`;

describe('portability', () => {
  it('the network runs in a realm with no host globals (no timers, no process, no Buffer)', async () => {
    const context = {};
    const { globals, run } = runInNewContext(`${bundle()}\n${scenario}`, context) as {
      globals: string;
      run: Promise<{ at: number; echoed: string }>;
    };
    expect(globals).toBe('undefined undefined undefined undefined');
    const result = await run;
    expect(result.at).toBe(50);
    expect(result.echoed).toBe('hi');
  });

  it('the bundle imports nothing', () => {
    expect(bundle()).not.toMatch(/\brequire\(|\bimport\(/);
  });
});
