import { describe, expect, it } from 'vitest';
import type { PlatformModule } from '../lib/platform';
import { createMockNetwork } from '../ports/node-mock/index';
import * as mockPlatform from '../ports/node-mock/platform';
import * as nodePlatform from '../ports/node/platform';
import * as aliased from 'zsockjs/platform';

describe('zsockjs/platform', () => {
  it('every host platform module has the contract of lib/platform.ts', () => {
    const modules: PlatformModule[] = [mockPlatform, nodePlatform, aliased];
    for (const m of modules) expect(typeof m.platform_port).toBe('function');
  });

  it('resolves to the simulated device the harness installed', () => {
    const net = createMockNetwork({ seed: 1 });
    const host = net.host('device', { ipv4: '192.0.2.1' });
    const lines: string[] = [];
    expect(() => aliased.platform_port()).toThrow(TypeError);
    mockPlatform.mock_platform_install(net.port(host), (line) => lines.push(line), { peer: '192.0.2.2' });
    expect(aliased.platform_port()).toBe(net.port(host));
    aliased.platform_print('hello');
    expect(lines).toEqual(['hello']);
    expect(aliased.platform_setting('peer')).toBe('192.0.2.2');
    expect(aliased.platform_setting('toString')).toBeUndefined();
  });

  it('on real sockets reads settings from ZSOCK_ variables and makes one port', () => {
    process.env['ZSOCK_PEER_TEST'] = '127.0.0.1';
    expect(nodePlatform.platform_setting('peer_test')).toBe('127.0.0.1');
    delete process.env['ZSOCK_PEER_TEST'];
    expect(nodePlatform.platform_port()).toBe(nodePlatform.platform_port());
    expect(nodePlatform.platform_port().name).toBe('node');
  });
});
