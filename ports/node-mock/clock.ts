/**
 * Virtual time: a binary-heap event queue ordered by (time, insertion
 * order), so events at the same instant run first-scheduled-first and a run
 * is reproducible.
 *
 * Events name a sink and a numeric kind instead of carrying a closure, so the
 * packet and timer hot paths allocate one small object per event.
 */

export interface EventSink {
  handleEvent(kind: number, data: unknown): void;
}

export class ScheduledEvent {
  cancelled = false;
  constructor(
    readonly time: number,
    readonly seq: number,
    readonly sink: EventSink,
    readonly kind: number,
    readonly data: unknown,
    /** True when the event may run code outside the simulation (callbacks), so drivers let microtasks settle after it. */
    readonly external: boolean,
  ) {}
}

/** Runs `data` as a plain callback: timers, deferred calls. */
const CALLBACK_SINK: EventSink = {
  handleEvent(_kind: number, data: unknown): void {
    (data as () => void)();
  },
};

/**
 * The simulation's clock: a queue of events in virtual milliseconds, run in time order (same-instant events in the order they were scheduled).
 */
export class VirtualClock {
  private current = 0;
  private seq = 0;
  private readonly heap: ScheduledEvent[] = [];
  /** Events run so far: a cheap progress measure for benchmarks and limits. */
  eventsRun = 0;

  get now(): number {
    return this.current;
  }

  /** Schedules `sink.handleEvent(kind, data)` after `delay` ms (0: later at this same instant). */
  schedule(delay: number, sink: EventSink, kind: number, data: unknown, external = false): ScheduledEvent {
    const time = delay > 0 ? this.current + delay : this.current;
    const event = new ScheduledEvent(time, this.seq++, sink, kind, data, external);
    this.push(event);
    return event;
  }

  /** Runs `callback` after `delay` ms; such events count as external. */
  callback(delay: number, callback: () => void): ScheduledEvent {
    return this.schedule(delay, CALLBACK_SINK, 0, callback, true);
  }

  /** Cancels a scheduled event (null is ignored). */
  cancel(event: ScheduledEvent | null): void {
    if (event) event.cancelled = true;
  }

  /** Time of the next live event, or Infinity when none is queued. */
  nextTime(): number {
    this.dropCancelled();
    const top = this.heap[0];
    return top ? top.time : Infinity;
  }

  /** True when no live event is queued. */
  idle(): boolean {
    return this.nextTime() === Infinity;
  }

  /** Runs the next live event; returns it, or null when the queue is empty. */
  runNext(): ScheduledEvent | null {
    this.dropCancelled();
    const event = this.pop();
    if (!event) return null;
    this.current = event.time;
    this.eventsRun++;
    event.sink.handleEvent(event.kind, event.data);
    return event;
  }

  /** Moves time forward to `time` without running anything (never backwards). */
  advanceTo(time: number): void {
    if (time > this.current) this.current = time;
  }

  private dropCancelled(): void {
    const heap = this.heap;
    while (heap.length > 0 && heap[0]!.cancelled) this.pop();
  }

  private push(event: ScheduledEvent): void {
    const heap = this.heap;
    let index = heap.length;
    heap.push(event);
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!earlier(event, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = event;
  }

  private pop(): ScheduledEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const size = heap.length;
    let index = 0;
    // The index at least doubles each step, so this ends within the heap's depth.
    for (let depth = 0; depth < 64; depth++) {
      const left = 2 * index + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && earlier(heap[right]!, heap[left]!) ? right : left;
      if (!earlier(heap[child]!, last)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = last;
    return top;
  }
}

function earlier(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
