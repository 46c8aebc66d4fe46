/**
 * The part of vitest's API the conformance suites use (describe, it,
 * beforeEach, afterEach, expect with toBe / toEqual / toBeGreaterThan /
 * toBeGreaterThanOrEqual / toBeLessThan / toBeLessThanOrEqual / toThrow),
 * for running those suites inside XS, where vitest cannot run. The bundle
 * for XS maps the 'vitest' specifier here; `run_registered()` runs every
 * registered test in order and reports each result.
 */

type Hook = () => unknown;
interface Registered {
  name: string;
  body: Hook;
  before: Hook[];
  after: Hook[];
}

const tests: Registered[] = [];
let prefix: string[] = [];
let befores: Hook[] = [];
let afters: Hook[] = [];

export function describe(name: string, body: () => void): void {
  const saved = [prefix, befores, afters] as const;
  prefix = prefix.concat(name);
  befores = befores.slice();
  afters = afters.slice();
  body();
  [prefix, befores, afters] = saved;
}

export function it(name: string, body: Hook): void {
  tests.push({ name: prefix.concat(name).join(' > '), body, before: befores, after: afters });
}

export function beforeEach(hook: Hook): void {
  befores.push(hook);
}

export function afterEach(hook: Hook): void {
  afters.push(hook);
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v));
  } catch {
    return String(value);
  }
}

function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const key of ka) {
    if (!equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

class Matchers {
  constructor(private readonly actual: unknown) {}
  private check(ok: boolean, what: string, expected: unknown): void {
    if (!ok) throw new Error(`expected ${show(this.actual)} ${what} ${show(expected)}`);
  }
  toBe(expected: unknown): void {
    this.check(Object.is(this.actual, expected), 'to be', expected);
  }
  toEqual(expected: unknown): void {
    this.check(equal(this.actual, expected), 'to equal', expected);
  }
  toBeGreaterThan(n: number): void {
    this.check((this.actual as number) > n, 'to be greater than', n);
  }
  toBeGreaterThanOrEqual(n: number): void {
    this.check((this.actual as number) >= n, 'to be at least', n);
  }
  toBeLessThan(n: number): void {
    this.check((this.actual as number) < n, 'to be less than', n);
  }
  toBeLessThanOrEqual(n: number): void {
    this.check((this.actual as number) <= n, 'to be at most', n);
  }
  toThrow(kind?: unknown): void {
    let thrown: unknown = null;
    let threw = false;
    try {
      (this.actual as () => unknown)();
    } catch (e) {
      threw = true;
      thrown = e;
    }
    if (!threw) throw new Error('expected the function to throw');
    if (typeof kind === 'function' && !(thrown instanceof (kind as new () => unknown))) throw new Error(`expected a ${String((kind as { name: string }).name)}, got ${String(thrown)}`);
    if (typeof kind === 'string' && String((thrown as Error).message).indexOf(kind) < 0) throw new Error(`expected "${kind}", got ${String(thrown)}`);
  }
}

export function expect(actual: unknown): Matchers {
  return new Matchers(actual);
}

export interface TestReport {
  name: string;
  ok: boolean;
  error?: string;
}

export async function run_registered(): Promise<TestReport[]> {
  const reports: TestReport[] = [];
  for (const test of tests) {
    try {
      for (const hook of test.before) await hook();
      try {
        await test.body();
      } finally {
        for (const hook of test.after) await hook();
      }
      reports.push({ name: test.name, ok: true });
    } catch (e) {
      reports.push({ name: test.name, ok: false, error: String(e && (e as Error).message ? (e as Error).message : e) });
    }
  }
  return reports;
}
