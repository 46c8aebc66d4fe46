/**
 * Several devices on one simulated network: each host may run a device
 * program in a realm of its own (its own zsockjs stack: descriptor table,
 * errno, providers), all on one virtual clock and one seeded network.
 */
import type { Capture } from '../ports/node-mock/capture';
import { describeBlocked, LimitError, type BlockedCall } from '../ports/node-mock/drivers';
import type { Host } from '../ports/node-mock/host';
import { createMockNetwork, type MockNetwork } from '../ports/node-mock/network';
import type { LinkOptions } from '../ports/node-mock/options';
import { PROTO_TCP, TCP_FIN, TCP_RST, TCP_SYN } from '../ports/node-mock/packet';
import { bundleProgram, loadDevice } from './bundle';
import { nameErrnos } from './errno-names';
import { FrameRecorder, frameLabel, type FrameRecord } from './recorder';
import { summarize, type FlowSummary } from './summary';

export interface HostSpec {
  name: string;
  ipv4?: string | string[];
  ipv6?: string | string[];
  /** A device program (its default export `main(): Promise<number>`); none: a plain host or router. */
  program?: string;
  /** What `platform_setting(name)` answers on this device. */
  settings?: Record<string, string>;
}

export interface LinkSpec extends Partial<LinkOptions> {
  between: [string, string];
}

export interface SimulationSpec {
  seed?: number;
  hosts: HostSpec[];
  links: LinkSpec[];
  /** Virtual ms the programs may run (default 600 000). */
  timeout?: number;
  /** Virtual ms the network runs on after the last program ends, so closing handshakes finish (default 1000). */
  settle?: number;
}

/** How much of the traffic the live trace shows. */
export type TraceLevel = 'none' | 'events' | 'frames';

export interface RunOptions {
  /** Each trace line as it happens (device output and connection events). */
  onLine?: (line: string) => void;
  trace?: TraceLevel;
  /** Pace virtual time against the wall clock: virtual ms per wall ms (0: as fast as possible). */
  paced?: number;
  /** Sees the network once it is built, before any program runs (test helpers attach here). */
  onNetwork?: (net: MockNetwork) => void;
  /** Called about once a wall second while the run goes on. */
  onProgress?: (state: { virtual: number; frames: number; wallMs: number }) => void;
}

export interface DeviceExit {
  host: string;
  /** main()'s return value, or null when it threw or never ended. */
  code: number | null;
  error: string | null;
  at: number;
}

export interface SimulationResult {
  net: MockNetwork;
  capture: Capture;
  frames: FrameRecord[];
  flows: FlowSummary[];
  exits: DeviceExit[];
  lines: string[];
  /** Calls still blocked when the run stopped (empty when every program ended). */
  blocked: BlockedCall[];
  /** Why the run stopped early, if it did. */
  stopped: string | null;
  hosts: string[];
}

export function stamp(ms: number): string {
  return `[${ms.toFixed(3).padStart(11)} ms]`;
}

/** Is this frame a connection event (handshake, close, reset, retransmission, loss) rather than plain data? */
function isEvent(frame: FrameRecord): boolean {
  const p = frame.packet;
  if (p.protocol !== PROTO_TCP) return false;
  return (p.flags & (TCP_SYN | TCP_FIN | TCP_RST)) !== 0 || frame.retransmission;
}

function errorText(reason: unknown): string {
  if (reason && typeof reason === 'object' && 'message' in reason) return String((reason as { message: unknown }).message);
  return String(reason);
}

export async function simulate(spec: SimulationSpec, options: RunOptions = {}): Promise<SimulationResult> {
  const net = createMockNetwork({ seed: spec.seed === undefined ? 1 : spec.seed });
  const lines: string[] = [];
  const emit = (line: string): void => {
    lines.push(line);
    if (options.onLine) options.onLine(line);
  };
  const hosts = new Map<string, Host>();
  for (const h of spec.hosts) {
    if (hosts.has(h.name)) throw new TypeError(`host ${h.name} is named twice`);
    hosts.set(h.name, net.host(h.name, { ipv4: h.ipv4, ipv6: h.ipv6 }));
  }
  for (const l of spec.links) {
    const [a, b] = l.between.map((name) => {
      const host = hosts.get(name);
      if (!host) throw new TypeError(`link to unknown host ${name}`);
      return host;
    });
    const { between: _between, ...linkOptions } = l;
    net.link(a!, b!, linkOptions);
  }
  if (options.onNetwork) options.onNetwork(net);
  const capture = net.capture({ loopback: false });
  const recorder = new FrameRecorder();
  net.taps.push(recorder);
  const trace = options.trace || 'events';
  if (trace !== 'none') {
    recorder.onFrame = (frame) => {
      if (trace === 'frames' || isEvent(frame)) emit(`${stamp(frame.sent)} ${frame.from} -> ${frame.to}  ${frameLabel(frame)}`);
    };
  }
  // One bundle per program, evaluated once per device that runs it.
  const scripts = new Map<string, Awaited<ReturnType<typeof bundleProgram>>>();
  for (const h of spec.hosts) if (h.program && !scripts.has(h.program)) scripts.set(h.program, await bundleProgram(h.program));
  const exits: DeviceExit[] = [];
  const running: Promise<void>[] = [];
  for (const h of spec.hosts) {
    if (!h.program) continue;
    const device = loadDevice(scripts.get(h.program)!);
    const width = Math.max(...spec.hosts.map((x) => x.name.length));
    device.mock_platform_install(net.port(hosts.get(h.name)!), (line) => emit(`${stamp(net.now)} ${h.name.padEnd(width)} | ${nameErrnos(line)}`), h.settings || {});
    const exit: DeviceExit = { host: h.name, code: null, error: null, at: -1 };
    exits.push(exit);
    running.push(
      Promise.resolve()
        .then(() => device.main())
        .then(
          (code) => {
            exit.code = code;
            exit.at = net.now;
          },
          (reason: unknown) => {
            exit.error = nameErrnos(errorText(reason));
            exit.at = net.now;
            emit(`${stamp(net.now)} ${h.name} failed: ${exit.error}`);
          },
        ),
    );
  }
  const started = Date.now();
  const progress = options.onProgress
    ? setInterval(() => options.onProgress!({ virtual: net.now, frames: recorder.frames.length, wallMs: Date.now() - started }), 1000)
    : null;
  let stopped: string | null = null;
  let blocked: BlockedCall[] = [];
  const all = Promise.all(running).then(() => undefined);
  try {
    if (options.paced && options.paced > 0) {
      let ended = false;
      void all.then(() => (ended = true));
      const pace = net.realtime({ speed: options.paced, duration: spec.timeout === undefined ? 600_000 : spec.timeout });
      await Promise.race([all, pace.done]);
      pace.stop();
      await pace.done;
      if (!ended) {
        blocked = await net.blockedCalls();
        stopped = `still running after ${spec.timeout === undefined ? 600_000 : spec.timeout} ms of virtual time`;
      }
    } else {
      await net.runUntil(all, { timeout: spec.timeout === undefined ? 600_000 : spec.timeout });
    }
    if (!stopped) await net.runUntilIdle({ limit: spec.settle === undefined ? 1000 : spec.settle });
  } catch (error) {
    if (!(error instanceof LimitError)) throw error;
    stopped = error.message.split('; blocked:')[0]!;
    blocked = error.blocked.slice();
  } finally {
    if (progress) clearInterval(progress);
  }
  if (stopped) {
    emit(`${stamp(net.now)} run stopped: ${stopped}`);
    for (const call of blocked) emit(`${stamp(net.now)}   blocked: ${describeBlocked(call)}`);
  }
  capture.stop();
  return {
    net,
    capture,
    frames: recorder.frames,
    flows: summarize(recorder.frames),
    exits,
    lines,
    blocked,
    stopped,
    hosts: spec.hosts.map((h) => h.name),
  };
}
