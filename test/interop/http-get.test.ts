/**
 * examples/http_get.ts (Zephyr's http_get sample, ported) on the Node port
 * against Python's http.server serving files this test wrote.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errno, inet_tcp, inet_udp, zsock_init, type Port } from '../../lib/index';
import { createNodePort } from '../../ports/node/index';
import { http_get } from '../../examples/http_get';
import { pattern } from '../conformance/helpers';
import { freePort, parseHttp, requireTools, skipWithout, startPeer, waitForTcp, type Peer } from './peers';

const TOOLS = ['python3'];

describe.skipIf(skipWithout(TOOLS))('zsock http_get example against python3 -m http.server', () => {
  let port: Port;
  let peer: Peer | null = null;
  let dir = '';
  let httpPort = 0;
  const big = pattern(300 * 1024 + 17, 3);
  const small = Buffer.from('hello from python\n', 'latin1');

  beforeAll(async () => {
    requireTools(TOOLS);
    port = createNodePort();
    zsock_init(port, [inet_tcp, inet_udp]);
    dir = mkdtempSync(join(tmpdir(), 'zsock-http-get-'));
    writeFileSync(join(dir, 'data.bin'), big);
    writeFileSync(join(dir, 'hello.txt'), small);
    httpPort = await freePort('tcp');
    peer = startPeer('python3', ['-m', 'http.server', '--bind', '127.0.0.1', String(httpPort), '--directory', dir]);
    await waitForTcp(peer, httpPort);
  });

  afterAll(async () => {
    zsock_init(port, []);
    await peer?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the sample and returns everything it received. */
  async function get(path: string): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    const total = await http_get('127.0.0.1', httpPort, path, (chunk) => chunks.push(Buffer.from(chunk)));
    if (total < 0) throw new Error(`http_get failed: errno ${errno}`);
    const all = Buffer.concat(chunks);
    expect(all.length).toBe(total);
    return all;
  }

  it('fetches a small text file', async () => {
    const response = parseHttp(await get('/hello.txt'));
    expect(response.statusLine).toMatch(/^HTTP\/1\.[01] 200 OK$/);
    expect(response.headers.get('content-length')).toBe(String(small.length));
    expect(Buffer.compare(response.body, small)).toBe(0);
  });

  it('fetches a 300 KiB binary file byte-exact, in 1 KiB receives', async () => {
    const response = parseHttp(await get('/data.bin'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(big.length));
    expect(response.body.length).toBe(big.length);
    expect(Buffer.compare(response.body, big)).toBe(0);
  });

  it('sends the request the server logs, and reads a 404', async () => {
    const response = parseHttp(await get('/no-such-file'));
    expect(response.status).toBe(404);
    // http.server logs each request line on stderr; wait (bounded) for ours.
    for (let i = 0; i < 100 && !peer!.stderr().includes('"GET /no-such-file HTTP/1.0" 404'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(peer!.stderr()).toContain('"GET /no-such-file HTTP/1.0" 404');
  });
});
