/** A simulation from command-line flags and an optional topology file (JSON). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { HostSpec, LinkSpec, SimulationSpec, TraceLevel } from './simulation';

export interface CliOptions {
  spec: SimulationSpec;
  out: string;
  trace: TraceLevel;
  paced: number;
  progress: boolean;
}

export const USAGE = `usage: zsockjs sim [options]
  --topology FILE            hosts, programs, settings and links as JSON
  --host NAME=ADDR[,ADDR]    a host with IPv4 and/or IPv6 addresses
  --run NAME=PROGRAM         run a device program (default export main()) on NAME
  --set NAME.KEY=VALUE       what platform_setting(KEY) answers on NAME
  --link A-B[,KEY=VALUE...]  a link; keys: latency, jitter, bandwidth, loss,
                             reorder, reorderDelay, duplicate, corrupt, mtu, queueBytes
  --seed N                   seed of every random choice (default 1)
  --timeout MS               virtual ms the programs may run (default 600000)
  --paced [SPEED]            run against the wall clock, SPEED virtual ms per wall ms (default 1)
  --trace none|events|frames connection events (default) or every frame
  --progress                 a progress line on stderr (default when stderr is a terminal)
  --out DIR                  where capture.pcap, ladder.svg and summary.txt go (default sim-out)`;

const LINK_KEYS = ['latency', 'jitter', 'bandwidth', 'loss', 'reorder', 'reorderDelay', 'duplicate', 'corrupt', 'mtu', 'queueBytes'];

function fail(message: string): never {
  throw new TypeError(`${message}\n${USAGE}`);
}

function split(text: string, sep: string, what: string): [string, string] {
  const at = text.indexOf(sep);
  if (at <= 0) fail(`${what}: expected ${sep} in "${text}"`);
  return [text.slice(0, at), text.slice(at + 1)];
}

function host(spec: SimulationSpec, name: string): HostSpec {
  let h = spec.hosts.find((x) => x.name === name);
  if (!h) spec.hosts.push((h = { name }));
  return h;
}

export function parseLink(text: string): LinkSpec {
  const [pair, ...pairs] = text.split(',');
  const ends = pair!.split('-');
  if (ends.length !== 2 || !ends[0] || !ends[1]) fail(`--link: expected A-B, got "${pair}"`);
  const link: LinkSpec = { between: [ends[0], ends[1]] };
  for (const kv of pairs) {
    const [key, value] = split(kv, '=', '--link');
    if (LINK_KEYS.indexOf(key) < 0) fail(`--link: unknown key ${key}`);
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) fail(`--link: ${key} must be a number >= 0`);
    (link as unknown as Record<string, number>)[key] = n;
  }
  return link;
}

/** Reads a topology file; program paths are relative to the file. */
export function readTopology(file: string): SimulationSpec {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<SimulationSpec>;
  if (!Array.isArray(data.hosts)) fail(`${file}: "hosts" must be a list`);
  const base = dirname(resolve(file));
  return {
    seed: data.seed,
    timeout: data.timeout,
    settle: data.settle,
    hosts: data.hosts.map((h) => ({ ...h, program: h.program ? resolve(base, h.program) : undefined })),
    links: (data.links || []).map((l) => ({ ...l })),
  };
}

export function parseArgs(args: readonly string[], isTerminal = false): CliOptions {
  const spec: SimulationSpec = { hosts: [], links: [] };
  const options: CliOptions = { spec, out: 'sim-out', trace: 'events', paced: 0, progress: isTerminal };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--topology': {
        const file = readTopology(value());
        spec.hosts.push(...file.hosts);
        spec.links.push(...file.links);
        if (file.seed !== undefined) spec.seed = file.seed;
        if (file.timeout !== undefined) spec.timeout = file.timeout;
        if (file.settle !== undefined) spec.settle = file.settle;
        break;
      }
      case '--host': {
        const [name, list] = split(value(), '=', '--host');
        const h = host(spec, name);
        for (const addr of list.split(',')) {
          const key = addr.indexOf(':') >= 0 ? 'ipv6' : 'ipv4';
          h[key] = ([] as string[]).concat(h[key] || [], addr);
        }
        break;
      }
      case '--run': {
        const [name, program] = split(value(), '=', '--run');
        host(spec, name).program = resolve(program);
        break;
      }
      case '--set': {
        const [target, setting] = split(value(), '=', '--set');
        const [name, key] = split(target, '.', '--set');
        const h = host(spec, name);
        h.settings = { ...h.settings, [key]: setting };
        break;
      }
      case '--link':
        spec.links.push(parseLink(value()));
        break;
      case '--seed':
        spec.seed = Number(value());
        if (!Number.isInteger(spec.seed)) fail('--seed must be an integer');
        break;
      case '--timeout':
        spec.timeout = Number(value());
        if (!(spec.timeout > 0)) fail('--timeout must be a number of ms > 0');
        break;
      case '--paced': {
        const next = args[i + 1];
        options.paced = next !== undefined && /^\d+(\.\d+)?$/.test(next) ? Number(args[++i]) : 1;
        break;
      }
      case '--trace': {
        const level = value();
        if (level !== 'none' && level !== 'events' && level !== 'frames') fail('--trace is none, events or frames');
        options.trace = level;
        break;
      }
      case '--progress':
        options.progress = true;
        break;
      case '--out':
        options.out = value();
        break;
      default:
        fail(`unknown option ${flag}`);
    }
  }
  if (spec.hosts.length === 0) fail('no hosts: give --topology or --host');
  if (!spec.hosts.some((h) => h.program)) fail('no program to run: give --run NAME=PROGRAM');
  return options;
}
