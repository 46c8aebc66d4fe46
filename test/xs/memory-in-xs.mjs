/**
 * Counts XS heap slots per idle socket of the core and the moddable port
 * (test/xs/memory-scenario.ts, bundled, on stdin). In one xsnap worker:
 * after the setup, after opening N idle connected TCP sockets, after
 * opening N UDP sockets, and after closing them all, each step ending in a
 * full garbage collection (xsnap's gc()); the live-slot count is the meter's
 * currentHeapCount. Prints { tcpSlots, udpSlots, leakedSlots, n }.
 * Runs as its own process for the reason run-in-xs.mjs gives.
 */
import '@endo/init';
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import os from 'node:os';
import { xsnap } from '@agoric/xsnap';
import tmp from 'tmp';

const N = 20;
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const code = Buffer.concat(chunks).toString('utf8');

const worker = await xsnap({
  name: 'zsockjs-memory',
  os: os.type(),
  spawn,
  fs: { ...fsPromises, createReadStream, tmpName: tmp.tmpName },
  stdout: 'ignore',
  stderr: 'ignore',
  handleCommand: async () => new Uint8Array(0),
});
try {
  // Each step is a promise; xsnap runs the jobs before it answers, and the GC runs last.
  const slots = async (script) => (await worker.evaluate(`Promise.resolve(${script}).then(() => { gc(); gc(); })`)).meterUsage.currentHeapCount;
  await worker.evaluate(code);
  const base = await slots('__memory.setup()');
  const afterTcp = await slots(`__memory.tcp(${N})`);
  const afterUdp = await slots(`__memory.udp(${N})`);
  const afterClose = await slots('__memory.closeAll()');
  const afterSockets = await slots(`(() => { for (let i = 0; i < ${N}; i++) __memory.bare(); })()`);
  process.stdout.write(
    JSON.stringify({ n: N, base, tcpSlots: (afterTcp - base) / N, udpSlots: (afterUdp - afterTcp) / N, leakedSlots: afterClose - base, bareSlots: (afterSockets - afterClose) / N }) + '\n',
  );
} finally {
  await worker.close();
}
