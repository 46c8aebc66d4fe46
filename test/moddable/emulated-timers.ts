/**
 * Test-only emulation of Moddable's timer service (modTimer): every timer of
 * the runtime — `Timer.set`, and the 20 ms task of each socket — is run by
 * one pass over the due timers, back to back, with no promise job between
 * two of them (on a device and on the Linux host, promise jobs run only
 * after the pass). A timer set during a pass for a time already due runs in
 * the same pass.
 */
import type { Port } from '../../lib/port';

interface Entry {
  due: number;
  seq: number;
  callback: () => void;
  live: boolean;
}

export class TimerService {
  private readonly backend: Port;
  private entries: Entry[] = [];
  private seq = 0;
  private armed: unknown = null;
  private armedFor = Infinity;
  private running = false;

  constructor(backend: Port) {
    this.backend = backend;
  }

  add(ms: number, callback: () => void): Entry {
    const entry: Entry = { due: this.backend.now() + Math.max(0, ms), seq: this.seq++, callback, live: true };
    this.entries.push(entry);
    if (!this.running) this.arm();
    return entry;
  }

  remove(entry: unknown): void {
    const e = entry as Entry | null;
    if (!e || !e.live) return;
    e.live = false;
    const at = this.entries.indexOf(e);
    if (at >= 0) this.entries.splice(at, 1);
  }

  has(entry: unknown): boolean {
    return !!entry && (entry as Entry).live;
  }

  private arm(): void {
    let first = Infinity;
    for (const e of this.entries) if (e.due < first) first = e.due;
    if (first === Infinity || first >= this.armedFor) return;
    if (this.armed !== null) this.backend.clearTimer(this.armed);
    this.armedFor = first;
    this.armed = this.backend.setTimer(Math.max(0, first - this.backend.now()), this.pass);
  }

  private readonly pass = (): void => {
    this.armed = null;
    this.armedFor = Infinity;
    this.running = true;
    try {
      for (;;) {
        const now = this.backend.now();
        let next: Entry | null = null;
        for (const e of this.entries) if (e.due <= now && (!next || e.due < next.due || (e.due === next.due && e.seq < next.seq))) next = e;
        if (!next) break;
        this.remove(next);
        next.callback();
      }
    } finally {
      this.running = false;
      this.arm();
    }
  };
}
