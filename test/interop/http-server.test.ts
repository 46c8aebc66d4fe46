/**
 * curl against examples/http_server.ts (dumb_http_server, ported) running
 * in this process on the Node port: status, headers and body bytes as curl
 * saw them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inet_tcp, inet_udp, zsock_init, type Port } from '../../lib/index';
import { createNodePort } from '../../ports/node/index';
import { start_http_server, type HttpServer } from '../../examples/http_server';
import { bytes, pattern } from '../conformance/helpers';
import { parseHttp, requireTools, runTool, skipWithout } from './peers';

const TOOLS = ['curl'];

describe.skipIf(skipWithout(TOOLS))('curl against the zsock http_server example', () => {
  let port: Port;
  const servers: HttpServer[] = [];

  beforeAll(() => {
    requireTools(TOOLS);
    port = createNodePort();
    zsock_init(port, [inet_tcp, inet_udp]);
  });

  afterAll(async () => {
    for (const server of servers) server.stop();
    await Promise.all(servers.map((server) => server.done));
    zsock_init(port, []);
  });

  function serve(body: Uint8Array, contentType?: string): HttpServer {
    const server = start_http_server(0, body, { address: '127.0.0.1', ...(contentType ? { contentType } : {}) });
    servers.push(server);
    return server;
  }

  /** curl -s -D - <url>: the response head curl received, then the body, parsed. */
  async function curl(url: string, ...extra: string[]) {
    const result = await runTool('curl', ['-s', '-S', '-D', '-', ...extra, url]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return parseHttp(result.stdout);
  }

  it('serves GET / with status, headers and the exact body', async () => {
    const body = bytes('<html><body>Hello from zsockjs</body></html>\n');
    const server = serve(body, 'text/html; charset=utf-8');
    const response = await curl(`http://127.0.0.1:${server.port}/`);
    expect(response.statusLine).toBe('HTTP/1.1 200 OK');
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('connection')).toBe('close');
    expect(Buffer.compare(response.body, body)).toBe(0);
  });

  it('answers 404 for another path and 405 for another method', async () => {
    const server = serve(bytes('root\n'));
    const missing = await curl(`http://127.0.0.1:${server.port}/missing`);
    expect(missing.status).toBe(404);
    expect(Buffer.from(missing.body).toString('latin1')).toBe('Not Found\n');
    expect(missing.headers.get('content-length')).toBe(String(missing.body.length));
    const post = await curl(`http://127.0.0.1:${server.port}/`, '-X', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('serves a 200 KiB binary body byte-exact', async () => {
    const body = pattern(200 * 1024, 5);
    const server = serve(body);
    const response = await curl(`http://127.0.0.1:${server.port}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect(response.body.length).toBe(body.length);
    expect(Buffer.compare(response.body, body)).toBe(0);
  });

  it('serves several connections one after another', async () => {
    const body = pattern(3000, 9);
    const server = serve(body);
    for (let i = 0; i < 5; i++) {
      const response = await curl(`http://127.0.0.1:${server.port}/`);
      expect(response.status).toBe(200);
      expect(Buffer.compare(response.body, body)).toBe(0);
    }
    // One curl, three URLs: three connections, since the server closes each.
    const url = `http://127.0.0.1:${server.port}/`;
    const result = await runTool('curl', ['-s', '-S', url, url, url]);
    expect(result.status).toBe(0);
    expect(Buffer.compare(result.stdout, Buffer.concat([body, body, body]))).toBe(0);
    expect(server.served).toBe(8);
  });
});
