/**
 * The Espruino build's output, loaded into this process the way the
 * interpreter runs it: evaluated with Espruino's globals (from the current
 * emulation) and with the host globals Espruino lacks shadowed as undefined,
 * so a use of one fails here as it would on the device.
 */
// @ts-expect-error: the build tool is plain JavaScript.
import { buildEspruino } from '../../tools/espruino-build.mjs';
import type { EspruinoEmulation } from './emulation';

/** Host globals that are not defined on Espruino (reference/espruino.md). */
export const ABSENT_GLOBALS = [
  'Map', 'Set', 'WeakMap', 'WeakSet', 'Symbol', 'Proxy', 'Reflect', 'BigInt', 'queueMicrotask', 'TextEncoder',
  'TextDecoder', 'Buffer', 'process', 'console', 'setImmediate', 'setInterval', 'globalThis', 'window', 'RangeError',
  'structuredClone', 'WeakRef',
];
const ESPRUINO_GLOBALS = ['require', 'E', 'getTime', 'setTimeout', 'clearTimeout', 'print'];

export interface BuiltCode {
  code: string;
  sizes: { bundle: number; lowered: number; minified: number };
}

export async function build_espruino(entry: string, mode: 'app' | 'module', settings: Record<string, string> = {}): Promise<BuiltCode> {
  return (await buildEspruino({ entry, mode, settings })) as BuiltCode;
}

/** A Math without what Espruino lacks. */
function espruino_math(): Math {
  const math = Object.create(null) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(Math)) math[name] = (Math as unknown as Record<string, unknown>)[name];
  delete math['imul'];
  delete math['trunc'];
  delete math['sign'];
  delete math['clz32'];
  return math as unknown as Math;
}

/**
 * Espruino's Uint8Array, as far as it differs: slice() returns a plain
 * Array. The built code's own `new Uint8Array(...)` makes these; buffers
 * from outside are still Uint8Arrays to it (instanceof the base class).
 */
class EspruinoUint8Array extends Uint8Array {
  /** On the device every Uint8Array is one class: the test's own arrays count as Uint8Arrays too. */
  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Uint8Array;
  }
  override slice(start?: number, end?: number): Uint8Array<ArrayBuffer> {
    return Array.prototype.slice.call(this, start, end) as unknown as Uint8Array<ArrayBuffer>;
  }
}

/** Runs built code with `emulation`'s globals; returns what it set on `exports`. */
export function run_built(code: string, globals: () => EspruinoEmulation | null): Record<string, unknown> {
  const current = (): EspruinoEmulation => {
    const emulation = globals();
    if (!emulation) throw new Error('no Espruino emulation is current');
    return emulation;
  };
  const g = (name: string) => (current().globals() as Record<string, (...args: unknown[]) => unknown>)[name]!;
  const values: Record<string, unknown> = {
    require: (name: string) => g('require')(name),
    E: {
      toString: (value: unknown) => (current().globals()['E'] as { toString(v: unknown): string }).toString(value),
      toUint8Array: (text: string) => (current().globals()['E'] as { toUint8Array(v: string): Uint8Array }).toUint8Array(text),
    },
    getTime: () => g('getTime')(),
    setTimeout: (fn: () => void, ms: number) => g('setTimeout')(fn, ms),
    clearTimeout: (timer: unknown) => g('clearTimeout')(timer),
    print: (line: string) => g('print')(line),
  };
  const exports: Record<string, unknown> = {};
  const module = { exports };
  const names = [...ESPRUINO_GLOBALS, 'Math', 'Uint8Array', 'module', 'exports', ...ABSENT_GLOBALS];
  const args = [
    ...ESPRUINO_GLOBALS.map((n) => values[n]),
    espruino_math(),
    EspruinoUint8Array,
    module,
    exports,
    ...ABSENT_GLOBALS.map(() => undefined),
  ];
  new Function(...names, '"use strict";\n' + code)(...args);
  return module.exports;
}
