/**
 * Virtual time: a binary-heap event queue ordered by (time, insertion
 * order), so events at the same instant run first-scheduled-first and a run
 * is reproducible.
 *
 * Events name a sink and a numeric kind instead of carrying a closure, so the
 * packet and timer hot paths allocate one small object per event. A
 * cancelled event leaves the heap at once (each event knows its place), so
 * what it refers to (a timer's callback and the buffers that closes over) is
 * not kept until its time would have come.
 */

export interface EventSink {
  handleEvent(kind: number, data: unknown): void;
}

export class ScheduledEvent {
  cancelled = false;
  /** Its place in the clock's heap; -1 once it ran or was cancelled. */
  index = -1;
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

  /** Takes `event` out of the queue (nothing when it already ran or was cancelled). */
  cancel(event: ScheduledEvent | null): void {
    if (!event || event.cancelled) return;
    event.cancelled = true;
    const index = event.index;
    if (index >= 0) this.removeAt(index);
  }

  /** Events queued (timers and frames in flight): a measure of what the clock holds on to. */
  get pending(): number {
    return this.heap.length;
  }

  /** Time of the next event, or Infinity when none is queued. */
  nextTime(): number {
    const top = this.heap[0];
    return top ? top.time : Infinity;
  }

  /** True when no live event is queued. */
  idle(): boolean {
    return this.nextTime() === Infinity;
  }

  /** Runs the next live event; returns it, or null when the queue is empty. */
  runNext(): ScheduledEvent | null {
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

  private push(event: ScheduledEvent): void {
    const heap = this.heap;
    heap.push(event);
    this.siftUp(event, heap.length - 1);
  }

  private pop(): ScheduledEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    this.removeAt(0);
    return top;
  }

  /** Removes the event at `index`: the last event fills the hole and moves up or down to its place. */
  private removeAt(index: number): void {
    const heap = this.heap;
    const removed = heap[index]!;
    removed.index = -1;
    const last = heap.pop()!;
    if (last === removed) return;
    if (index > 0 && earlier(last, heap[(index - 1) >> 1]!)) this.siftUp(last, index);
    else this.siftDown(last, index);
  }

  private siftUp(event: ScheduledEvent, start: number): void {
    const heap = this.heap;
    let index = start;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!earlier(event, parent)) break;
      heap[index] = parent;
      parent.index = index;
      index = parentIndex;
    }
    heap[index] = event;
    event.index = index;
  }

  private siftDown(event: ScheduledEvent, start: number): void {
    const heap = this.heap;
    const size = heap.length;
    let index = start;
    // The index at least doubles each step, so this ends within the heap's depth.
    for (let depth = 0; depth < 64; depth++) {
      const left = 2 * index + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && earlier(heap[right]!, heap[left]!) ? right : left;
      const next = heap[child]!;
      if (!earlier(next, event)) break;
      heap[index] = next;
      next.index = index;
      index = child;
    }
    heap[index] = event;
    event.index = index;
  }
}

function earlier(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
