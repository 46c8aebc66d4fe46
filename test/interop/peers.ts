/**
 * Real peers for the interop suites: Debian tools (socat, curl, python3)
 * started on loopback by the test itself, and the checks that decide
 * whether a suite may run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';

const IN_CI = process.env['CI'] === 'true';

/** Tools of `names` not on PATH. */
export function missingTools(names: string[]): string[] {
  return names.filter((name) => spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status !== 0);
}

/**
 * Whether a suite needing `names` is skipped: only locally. In CI a missing
 * tool must fail the suite, so there the suite runs and `requireTools`
 * throws in its beforeAll.
 */
export function skipWithout(names: string[]): boolean {
  const missing = missingTools(names);
  if (missing.length === 0 || IN_CI) return false;
  console.warn(`skipping interop suite: ${missing.join(', ')} not installed (apt-get install ${missing.join(' ')})`);
  return true;
}

export function requireTools(names: string[]): void {
  const missing = missingTools(names);
  if (missing.length > 0) throw new Error(`interop peers missing: ${missing.join(', ')} (apt-get install ${missing.join(' ')})`);
}

/** A port free on 127.0.0.1 right now, for a peer that cannot report the one it chose. */
export async function freePort(kind: 'tcp' | 'udp'): Promise<number> {
  if (kind === 'tcp') {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }
  const socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

export interface Peer {
  readonly child: ChildProcess;
  /** What the peer wrote to stderr, for failure messages. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts `command` in its own process group, so stopping it also ends the
 * children it forked (socat's per-connection processes).
 */
export function startPeer(command: string, args: string[], cwd?: string): Peer {
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => {
    if (errors.length < 8192) errors += text;
  });
  child.on('error', (error) => {
    errors += String(error);
  });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return {
    child,
    stderr: () => errors,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        // Let per-connection processes finish first, so their parent reaps them
        // (an init that does not reap would keep them as zombies).
        await childrenGone(child.pid);
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // The group is already gone.
        }
        const killed = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            // Gone in the meantime.
          }
        }, 2000);
        await exited;
        clearTimeout(killed);
      }
    },
  };
}

/** Waits up to ~2 s until process `pid` has no child processes (Linux /proc; elsewhere at once). */
async function childrenGone(pid: number): Promise<void> {
  for (let i = 0; i < 80; i++) {
    let children: string;
    try {
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
    } catch {
      return;
    }
    if (children.trim() === '') return;
    await sleep(25);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once `port` on 127.0.0.1 accepts TCP connections; fails after ~10 s or if the peer exits. */
export async function waitForTcp(peer: Peer, port: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (peer.child.exitCode !== null) throw new Error(`peer exited early: ${peer.stderr()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`peer never listened on TCP ${port}: ${peer.stderr()}`);
}

/** Resolves once a UDP echo on `port` answers a probe; fails after ~10 s or if the peer exits. */
export async function waitForUdpEcho(peer: Peer, port: number): Promise<void> {
  const socket = createSocket('udp4');
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  let answered = false;
  socket.on('message', () => {
    answered = true;
  });
  try {
    for (let attempt = 0; attempt < 200 && !answered; attempt++) {
      if (peer.child.exitCode !== null) throw new Error(`peer exited early: ${peer.stderr()}`);
      socket.send(Buffer.from('probe'), port, '127.0.0.1');
      await sleep(50);
    }
  } finally {
    socket.close();
  }
  if (!answered) throw new Error(`UDP echo never answered on ${port}: ${peer.stderr()}`);
}

/** Runs a command to completion and returns its stdout as bytes (bounded by `timeoutMs`). */
export function runTool(command: string, args: string[], timeoutMs = 15_000): Promise<{ status: number | null; stdout: Uint8Array; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let errors = '';
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      errors += text;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: new Uint8Array(Buffer.concat(out)), stderr: errors });
    });
  });
}

/** Splits an HTTP response at the blank line: status code, lower-cased headers, body bytes. */
export function parseHttp(response: Uint8Array): { statusLine: string; status: number; headers: Map<string, string>; body: Uint8Array } {
  const end = Buffer.from(response.buffer, response.byteOffset, response.length).indexOf('\r\n\r\n');
  if (end < 0) throw new Error('no end of headers in the response');
  const lines = Buffer.from(response.subarray(0, end)).toString('latin1').split('\r\n');
  const statusLine = lines[0]!;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { statusLine, status: Number(statusLine.split(' ')[1]), headers, body: response.subarray(end + 4) };
}
