/** A buffer with no bytes: what a detached (transferred) buffer holds. */
const NO_BYTES = new Uint8Array(0);

/**
 * The bytes behind a buffer argument: a Uint8Array as it is, any other
 * typed array or DataView as a Uint8Array over the same memory, an
 * ArrayBuffer whole. Checked by shape, not ArrayBuffer.isView, which not
 * every engine this runs on has. A buffer whose memory was transferred
 * away (detached) has no bytes: it gives an empty array, so a length
 * that reaches into it answers EFAULT like any length past a buffer's end,
 * and nothing here throws for it.
 */
export function as_bytes(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return value.byteLength === 0 ? NO_BYTES : new Uint8Array(value);
  if (value && typeof value === 'object') {
    const view = value as ArrayBufferView;
    const buffer = view.buffer;
    if (buffer instanceof ArrayBuffer) {
      // A view of a detached buffer throws on byteOffset (DataView): ask the buffer first.
      if (buffer.byteLength === 0) return NO_BYTES;
      if (typeof view.byteOffset === 'number' && typeof view.byteLength === 'number') {
        return new Uint8Array(buffer, view.byteOffset, view.byteLength);
      }
    }
  }
  return null;
}
