/** Errno values by name and number, for everything the runner prints. */
import * as errnos from '../lib/errno';

const NAMES = new Map<number, string>();
for (const [name, value] of Object.entries(errnos)) {
  if (/^E[A-Z0-9]+$/.test(name) && typeof value === 'number' && !NAMES.has(value)) NAMES.set(value, name);
}

export function errnoName(value: number): string | undefined {
  return NAMES.get(Math.abs(value));
}

/** "ETIMEDOUT (60)"; a number that is no errno stays as it is. */
export function errnoText(value: number): string {
  const name = errnoName(value);
  return name ? `${value < 0 ? '-' : ''}${name} (${value})` : String(value);
}

/** Names the errno numbers a program printed after "errno", "error", "failed", "status" or "ended". */
export function nameErrnos(line: string): string {
  return line.replace(/\b(errno|error|failed|status|ended)([: (]{1,3})(-?\d+)\b/g, (all, word: string, gap: string, digits: string) => {
    const value = Number(digits);
    return errnoName(value) ? `${word}${gap}${errnoText(value)}` : all;
  });
}
