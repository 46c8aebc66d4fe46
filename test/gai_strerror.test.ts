import { describe, expect, it } from 'vitest';
import * as constants from '../lib/constants';
import { zsock_gai_strerror } from '../lib/gai_strerror';

describe('zsock_gai_strerror', () => {
  it('names every DNS_EAI_* code as Zephyr does: the name without DNS_', () => {
    const table = constants as unknown as { [name: string]: unknown };
    const names = Object.keys(table).filter((name) => name.startsWith('DNS_EAI_'));
    expect(names.length).toBe(17);
    for (const name of names) {
      expect(zsock_gai_strerror(table[name] as number)).toBe(name.slice('DNS_'.length));
    }
  });

  it('gives EAI_UNKNOWN for any other value', () => {
    for (const code of [0, 1, -13, -99, -104, -106, 2.5, NaN]) {
      expect(zsock_gai_strerror(code)).toBe('EAI_UNKNOWN');
    }
  });
});
