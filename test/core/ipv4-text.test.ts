/** The dotted-quad conversions the Moddable and Espruino ports speak to their platforms with. */
import { describe, expect, it } from 'vitest';
import { ipv4_bytes, ipv4_text } from '../../lib/ipv4_text';

describe('ipv4_text / ipv4_bytes', () => {
  it('prints every byte in order', () => {
    expect(ipv4_text(new Uint8Array([192, 0, 2, 255]))).toBe('192.0.2.255');
    expect(ipv4_text(new Uint8Array([0, 10, 100, 1]))).toBe('0.10.100.1');
  });

  it('reads a dotted quad back to its bytes, the largest and smallest values included', () => {
    expect(Array.from(ipv4_bytes('192.0.2.255')!)).toEqual([192, 0, 2, 255]);
    expect(Array.from(ipv4_bytes('0.9.10.99')!)).toEqual([0, 9, 10, 99]);
    expect(Array.from(ipv4_bytes('255.255.255.255')!)).toEqual([255, 255, 255, 255]);
    expect(Array.from(ipv4_bytes('001.02.3.4')!)).toEqual([1, 2, 3, 4]);
  });

  it('answers null for anything that is not four decimal parts of 0..255', () => {
    for (const bad of ['1.2.3', '1.2.3.4.5', '', '1..3.4', '1.2.3.', '1.2.3.256', '1.2.3.1000', '1.2.3.0255', '1.2./.4', '1.2.:.4', '1.2.3.a', '1.2.3.-1', '1.2.3.4 ']) {
      expect(ipv4_bytes(bad), bad).toBeNull();
    }
  });
});
