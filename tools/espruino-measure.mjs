#!/usr/bin/env node
// Measures the JsVars the example apps cost on an Espruino interpreter built
// for Linux (give its path; building it is up to you): each app built by
// tools/espruino-build.mjs, run from RAM and from Storage against peers this
// script serves on loopback, reading process.memory() before, after loading,
// and at the most seen while running (sampled every 2 ms). Prints the
// README's table. Use an ESP32-sized pool build for the device's numbers.
//   node tools/espruino-measure.mjs --espruino /path/to/espruino
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEspruino } from './espruino-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SNTP_PORT = 12300;
const HEAD = 'var __base = process.memory().usage, __peak = 0;\n' +
  'var __iv = setInterval(function () { var u = process.memory(false).usage; if (u > __peak) __peak = u; }, 2);\n';
const TAIL = "\nprint('JSVARS loaded ' + process.memory().usage + ' before ' + __base);\n" +
  "setTimeout(function () { clearInterval(__iv); print('JSVARS peak ' + __peak); quit(); }, 5000);\n";

function peers() {
  const tcp = net.createServer((s) => { s.pipe(s); s.on('error', () => {}); }).listen(4242, '127.0.0.1');
  const echo = dgram.createSocket('udp4');
  echo.on('message', (m, r) => echo.send(m, r.port, r.address));
  echo.bind(4242, '127.0.0.1');
  const sntp = dgram.createSocket('udp4');
  sntp.on('message', (request, r) => {
    const answer = Buffer.alloc(48);
    answer[0] = (3 << 3) | 4;
    answer[1] = 2;
    request.copy(answer, 24, 40, 48);
    answer.writeUInt32BE((Math.floor(Date.now() / 1000) + 2208988800) >>> 0, 40);
    sntp.send(answer, r.port, r.address);
  });
  sntp.bind(SNTP_PORT, '127.0.0.1');
  return {
    /** The echo server app takes port 4242 itself. */
    stopEcho: () => new Promise((resolve) => { echo.close(); tcp.close(() => resolve()); }),
    stop: () => sntp.close(),
  };
}

/** Talks to the echo server app once it listens: 5,000 TCP bytes and one datagram. */
function client() {
  const s = net.connect(4242, '127.0.0.1', () => s.end(Buffer.alloc(5000, 7)));
  s.on('data', () => {});
  s.on('error', () => {});
  const u = dgram.createSocket('udp4');
  u.send(Buffer.alloc(100, 1), 4242, '127.0.0.1', () => setTimeout(() => u.close(), 500));
}

function run(espruino, file, cwd, onLine) {
  return new Promise((resolve) => {
    const child = spawn(espruino, [file], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (onLine) onLine(out);
    });
    const timer = setTimeout(() => child.kill(), 20000);
    child.on('exit', () => { clearTimeout(timer); resolve(out.replace(/\r/g, '')); });
  });
}

async function main() {
  const at = process.argv.indexOf('--espruino');
  if (at < 0 || !process.argv[at + 1]) {
    console.error('usage: espruino-measure.mjs --espruino /path/to/espruino');
    process.exit(2);
  }
  const espruino = path.resolve(process.argv[at + 1]);
  const dir = mkdtempSync(path.join(tmpdir(), 'espruino-jsvars-'));
  const served = peers();
  const apps = {
    echo_client: { peer: '127.0.0.1', rounds: '4' },
    sntp_client: { peer: '127.0.0.1', port: String(SNTP_PORT) },
    echo_server: { ipv6: '0' },
  };
  const empty = await run(espruino, (writeFileSync(path.join(dir, 'empty.js'), HEAD + TAIL), 'empty.js'), dir);
  const baseline = Number(/JSVARS loaded (\d+)/.exec(empty)?.[1] ?? 0);
  console.log(`| program (minified bytes) | from Storage: loaded / peak | from RAM: loaded / peak |\n|---|---|---|`);
  for (const [app, settings] of Object.entries(apps)) {
    if (app === 'echo_server') await served.stopEcho();
    const { code } = await buildEspruino({ entry: path.join(root, 'examples/apps', app + '.ts'), settings });
    writeFileSync(path.join(dir, app + '.js'), code);
    writeFileSync(path.join(dir, 'ram.js'), HEAD + code + TAIL);
    writeFileSync(path.join(dir, 'store.js'), `require("Storage").write(${JSON.stringify(app)}, require("fs").readFileSync(${JSON.stringify(path.join(dir, app + '.js'))}));`);
    writeFileSync(path.join(dir, 'flash.js'), HEAD + `eval(require("Storage").read(${JSON.stringify(app)}));` + TAIL);
    const watch = app === 'echo_server' ? (out) => { if (out.includes('Waiting for') && !watch.done) { watch.done = true; client(); } } : null;
    const measured = {};
    for (const mode of ['flash', 'ram']) {
      if (mode === 'flash') await run(espruino, 'store.js', dir);
      if (watch) watch.done = false;
      const out = await run(espruino, mode + '.js', dir, watch);
      const loaded = Number(/JSVARS loaded (\d+)/.exec(out)?.[1] ?? NaN) - baseline;
      const peak = Number(/JSVARS peak (\d+)/.exec(out)?.[1] ?? NaN) - baseline;
      measured[mode] = `${loaded} / ${peak}`;
      if (!/exit 0/.test(out)) measured[mode] += ' (no "exit 0")';
    }
    console.log(`| ${app} (${code.length}) | ${measured.flash} | ${measured.ram} |`);
  }
  console.log(`\nbaseline (an empty script): ${baseline} JsVars`);
  served.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
