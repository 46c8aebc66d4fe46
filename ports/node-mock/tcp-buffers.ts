/**
 * Byte queues for a TCP connection. The send queue copies writes into
 * append-only blocks: bytes once written never change, so segments can be
 * views into a block that stay valid while later writes arrive, and a write
 * costs a copy but (mostly) no allocation. The receive queue holds arrived
 * views in order.
 */

const MIN_BLOCK = 64 * 1024;

export class SendQueue {
  /** Blocks hold many segments, so few segments straddle two blocks (and need a copy). */
  private readonly blockSize: number;
  private blocks: Uint8Array[] = [];
  /** Stream offset of blocks[0][0]. */
  private base = 0;
  /** Bytes used in the last block. */
  private fill = 0;
  /** Stream offset one past the last byte written. */
  end = 0;

  constructor(maxSegment: number) {
    this.blockSize = Math.max(MIN_BLOCK, 16 * maxSegment);
  }

  /** Appends a copy of `data` (the caller may reuse its buffer). */
  append(data: Uint8Array): void {
    let from = 0;
    const length = data.length;
    for (let i = 0; i < length && from < length; i++) {
      let block = this.blocks[this.blocks.length - 1];
      if (!block || this.fill === block.length) {
        block = new Uint8Array(this.blockSize);
        this.blocks.push(block);
        this.fill = 0;
      }
      const take = Math.min(block.length - this.fill, length - from);
      block.set(from === 0 && take === length ? data : data.subarray(from, from + take), this.fill);
      this.fill += take;
      from += take;
    }
    this.end += length;
  }

  /** Forgets bytes before stream offset `offset` (they were acknowledged). */
  release(offset: number): void {
    const blocks = this.blocks;
    let dropped = 0;
    // Whole blocks only, and never the block still being filled.
    while (dropped < blocks.length - 1 && this.base + blocks[dropped]!.length <= offset) {
      this.base += blocks[dropped]!.length;
      dropped++;
    }
    if (dropped > 0) blocks.splice(0, dropped);
  }

  /** `length` bytes from stream offset `offset`: a view when they lie in one block, a copy otherwise. */
  slice(offset: number, length: number): Uint8Array {
    const blocks = this.blocks;
    let index = 0;
    let position = this.base;
    while (index < blocks.length - 1 && position + blocks[index]!.length <= offset) {
      position += blocks[index]!.length;
      index++;
    }
    const first = blocks[index];
    if (!first) return new Uint8Array(0);
    const start = offset - position;
    if (start + length <= first.length) return first.subarray(start, start + length);
    const out = new Uint8Array(length);
    let filled = 0;
    let from = start;
    while (filled < length && index < blocks.length) {
      const block = blocks[index]!;
      const take = Math.min(block.length - from, length - filled);
      out.set(block.subarray(from, from + take), filled);
      filled += take;
      from = 0;
      index++;
    }
    return out;
  }
}

export class ReceiveQueue {
  private views: Uint8Array[] = [];
  /** Bytes already consumed from views[0]. */
  private head = 0;
  /** Bytes queued and not yet read. */
  size = 0;

  push(view: Uint8Array): void {
    if (view.length === 0) return;
    this.views.push(view);
    this.size += view.length;
  }

  /** Copies up to `into.length` bytes into `into`, consuming them; returns the count. */
  read(into: Uint8Array): number {
    const views = this.views;
    let copied = 0;
    let consumed = 0;
    while (copied < into.length && consumed < views.length) {
      const view = views[consumed]!;
      const take = Math.min(view.length - this.head, into.length - copied);
      into.set(view.subarray(this.head, this.head + take), copied);
      copied += take;
      this.head += take;
      if (this.head === view.length) {
        this.head = 0;
        consumed++;
      }
    }
    if (consumed > 0) views.splice(0, consumed);
    this.size -= copied;
    return copied;
  }
}

/** An out-of-order segment waiting for the gap before it to fill. */
export interface HeldSegment {
  position: number;
  data: Uint8Array;
  fin: boolean;
}

/** Out-of-order segments sorted by position. */
export class ReorderBuffer {
  readonly segments: HeldSegment[] = [];

  insert(segment: HeldSegment): void {
    const list = this.segments;
    let index = list.length;
    while (index > 0 && list[index - 1]!.position > segment.position) index--;
    list.splice(index, 0, segment);
  }

  /** The first segment if it starts at or before `position`, removed from the buffer. */
  takeReady(position: number): HeldSegment | null {
    const first = this.segments[0];
    if (!first || first.position > position) return null;
    this.segments.shift();
    return first;
  }

  clear(): void {
    this.segments.length = 0;
  }
}
