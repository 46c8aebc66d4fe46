/** A TCP listener: answers SYNs, holds finished handshakes until accept(), drops SYNs beyond the backlog. */
import type { EventSink } from './clock';
import type { Endpoint, ListenerEvents, TcpEvents, TcpListener } from '../../lib/port';
import type { TcpOptions } from './options';
import type { Packet } from './packet';
import { type AcceptQueue, type TcpHost, TcpConnectionImpl } from './tcp';

/** What a listener needs from its host, beyond what its connections need. */
export interface ListenerHost extends TcpHost {
  readonly tcpOptions: TcpOptions;
  addConnection(connection: TcpConnectionImpl): void;
  removeListener(listener: TcpListenerImpl): void;
  /** Answers a segment nobody wants with RST. */
  refuseSegment(packet: Packet): void;
}

const K_ACCEPTABLE = 1;
const K_ERROR = 2;

export class TcpListenerImpl implements TcpListener, AcceptQueue, EventSink {
  private readonly waiting: TcpConnectionImpl[] = [];
  private readonly halfOpen = new Set<TcpConnectionImpl>();
  private closed = false;
  private notifyScheduled = false;
  /** SYNs dropped because the backlog was full. */
  droppedSyns = 0;

  constructor(
    private readonly host: ListenerHost,
    readonly local: Endpoint,
    private readonly backlog: number,
    private readonly events: ListenerEvents,
    /** Who opened it: exact duplicate binds are refused only between different owners. */
    readonly owner: unknown,
    /** Answer every SYN with RST, as a closed port does, while holding the port. */
    private readonly refuse = false,
  ) {}

  pending(): number {
    return this.waiting.length;
  }

  accept(events: TcpEvents): TcpConnectionImpl | null {
    const connection = this.waiting.shift();
    if (!connection) return null;
    connection.adopt(events);
    return connection;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.host.removeListener(this);
    const orphans = this.waiting.concat(Array.from(this.halfOpen));
    this.waiting.length = 0;
    this.halfOpen.clear();
    for (const connection of orphans) connection.abort();
  }

  /** A SYN for this listener's port arrived. */
  onSyn(syn: Packet): void {
    if (this.refuse) {
      this.host.refuseSegment(syn);
      return;
    }
    if (this.waiting.length + this.halfOpen.size >= Math.max(this.backlog, 1)) {
      // lwIP-like: no RST, so the client retries and may get in later.
      this.droppedSyns++;
      return;
    }
    const local: Endpoint = { family: this.local.family, addr: new Uint8Array(syn.dst), port: syn.dstPort };
    const remote: Endpoint = { family: this.local.family, addr: new Uint8Array(syn.src), port: syn.srcPort };
    const connection = new TcpConnectionImpl(this.host, local, remote, syn.origin!, this.host.tcpOptions);
    this.halfOpen.add(connection);
    this.host.addConnection(connection);
    connection.openPassive(syn, this);
  }

  established(connection: TcpConnectionImpl): void {
    if (!this.halfOpen.delete(connection)) return;
    this.waiting.push(connection);
    if (!this.notifyScheduled) {
      this.notifyScheduled = true;
      this.host.clock.schedule(0, this, K_ACCEPTABLE, null, true);
    }
  }

  forget(connection: TcpConnectionImpl): void {
    this.halfOpen.delete(connection);
    const index = this.waiting.indexOf(connection);
    if (index >= 0) this.waiting.splice(index, 1);
  }

  /** Reports `errno` to the listener's owner, later. */
  injectError(errno: number): void {
    this.host.clock.schedule(0, this, K_ERROR, errno, true);
  }

  handleEvent(kind: number, data: unknown): void {
    if (this.closed) return;
    if (kind === K_ACCEPTABLE) {
      this.notifyScheduled = false;
      if (this.waiting.length > 0) this.events.acceptable();
    } else if (kind === K_ERROR) {
      this.events.error(data as number);
    }
  }
}
