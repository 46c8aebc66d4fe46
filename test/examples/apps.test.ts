/**
 * The device programs of examples/apps, each on a simulated device through
 * `zsockjs/platform`, against scripted peers: the files the device builds take.
 */

import { describe, expect, it } from 'vitest';
import { createMockNetwork, tcpEchoServer, tcpServer, udpEchoServer, udpResponder } from '../../ports/node-mock/index';
import { mock_platform_install } from '../../ports/node-mock/platform';
import echoClient from '../../examples/apps/echo_client';
import httpGet from '../../examples/apps/http_get';
import sntpClient from '../../examples/apps/sntp_client';
import { MY_PORT } from '../../examples/echo_server';

const NTP_1970 = 2208988800;
/** 2026-12-04T00:00:00Z as Unix seconds. */
const SERVER_TIME = 1796342400;

function setup(settings: Record<string, string>) {
  const net = createMockNetwork({ seed: 7 });
  const device = net.host('device', { ipv4: '192.0.2.1' });
  const server = net.host('server', { ipv4: '192.0.2.2' });
  net.link(device, server, { latency: 10 });
  const lines: string[] = [];
  mock_platform_install(net.port(device), (line) => lines.push(`[${net.now}] ${line}`), settings);
  return { net, server, lines };
}

/** An SNTP server answering as `shape` says; returns the datagrams it saw. */
function sntpServer(server: ReturnType<typeof setup>['server'], shape: { stratum?: number; echo?: boolean; silent?: boolean }) {
  return udpResponder(server, 123, (request) => {
    if (shape.silent) return null;
    const answer = new Uint8Array(48);
    answer[0] = (3 << 3) | 4;
    answer[1] = shape.stratum ?? 2;
    if (shape.echo !== false) answer.set(request.subarray(40, 48), 24);
    const tx = SERVER_TIME + NTP_1970;
    answer[40] = tx >>> 24;
    answer[41] = (tx >>> 16) & 0xff;
    answer[42] = (tx >>> 8) & 0xff;
    answer[43] = tx & 0xff;
    answer[44] = 0x80;
    return answer;
  });
}

describe('device programs on the simulated network', () => {
  it('echo_client: every byte over TCP and UDP comes back', async () => {
    const { net, server, lines } = setup({ peer: '192.0.2.2', rounds: '3' });
    tcpEchoServer(server, MY_PORT);
    udpEchoServer(server, MY_PORT);
    expect(await net.runUntil(echoClient())).toBe(0);
    const text = lines.map((l) => l.replace(/^\[\d+\] /, ''));
    expect(text).toHaveLength(2);
    expect(text[0]).toMatch(/^TCP\/IPv4: sent \d+ bytes in 3 chunks, all echoed back intact$/);
    expect(text[1]).toMatch(/^UDP\/IPv4: sent 3 datagrams \((\d+) bytes\), \1 bytes echoed back intact$/);
  });

  it('echo_client: a refused connect rejects with the reason', async () => {
    const { net } = setup({ peer: '192.0.2.2', rounds: '1' });
    await expect(net.runUntil(echoClient())).rejects.toThrow(/TCP connect to 192.0.2.2 failed/);
  });

  it('http_get: prints the status line and the byte count', async () => {
    const { net, server, lines } = setup({ peer: '192.0.2.2', port: '8080', path: '/index.html' });
    let request = '';
    tcpServer(server, 8080, {
      onData(connection, data) {
        for (let i = 0; i < data.length; i++) request += String.fromCharCode(data[i]!);
        if (request.indexOf('\r\n\r\n') >= 0) {
          connection.send('HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello');
          connection.end();
        }
      },
    });
    expect(await net.runUntil(httpGet())).toBe(0);
    expect(request.startsWith('GET /index.html HTTP/1.0\r\nHost: 192.0.2.2:8080\r\n')).toBe(true);
    expect(lines.map((l) => l.replace(/^\[\d+\] /, ''))).toEqual([
      'http_get: HTTP/1.0 200 OK',
      'http_get: 43 bytes received',
    ]);
  });

  it('sntp_client: the server time since the Unix epoch', async () => {
    const { net, server, lines } = setup({ peer: '192.0.2.2' });
    const seen = sntpServer(server, {});
    expect(await net.runUntil(sntpClient())).toBe(0);
    expect(seen.received).toBe(1);
    expect(lines.map((l) => l.replace(/^\[\d+\] /, ''))).toEqual([
      'SNTP status: 0',
      `time since Epoch: ${SERVER_TIME} s, fraction ${0x80000000}`,
    ]);
  });

  it('sntp_client: Zephyr answers for kiss-o-death, a foreign answer and silence', async () => {
    const cases: [Parameters<typeof sntpServer>[1], string, number][] = [
      [{ stratum: 0 }, 'SNTP status: -16', 20], // -EBUSY
      [{ echo: false }, 'SNTP status: -38', 20], // -ERANGE
      [{ silent: true }, 'SNTP status: -60', 4000], // -ETIMEDOUT after the 4 s wait
    ];
    for (const [shape, line, at] of cases) {
      const { net, server, lines } = setup({ peer: '192.0.2.2' });
      sntpServer(server, shape);
      expect(await net.runUntil(sntpClient())).toBe(1);
      expect(lines).toEqual([`[${at}] ${line}`]);
    }
  });
});
