/**
 * The bytes behind a buffer argument: a Uint8Array as it is, any other
 * typed array or DataView as a Uint8Array over the same memory, an
 * ArrayBuffer whole. Checked by shape, not ArrayBuffer.isView, which not
 * every engine this runs on has.
 */
export function as_bytes(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (value && typeof value === 'object') {
    const view = value as ArrayBufferView;
    if (view.buffer instanceof ArrayBuffer && typeof view.byteOffset === 'number' && typeof view.byteLength === 'number') {
      return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    }
  }
  return null;
}
