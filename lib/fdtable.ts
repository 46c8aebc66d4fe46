/**
 * The descriptor table, as Zephyr's fdtable: a descriptor number maps to an
 * object and the table of operations that serves it. The lowest free number
 * is handed out first; a freed number answers EBADF until it is reused.
 */

import { EBADF, ENFILE } from './errno';
import { fail } from './fail';

export interface FdEntry<T = unknown, O = unknown> {
  obj: T;
  ops: O;
}

/** Zephyr's default table size comes from CONFIG_ZVFS_OPEN_MAX; zsock_init can change it. */
export const FD_TABLE_DEFAULT_SIZE = 64;

const entries: (FdEntry | null | undefined)[] = [];
let tableSize = FD_TABLE_DEFAULT_SIZE;

/** Sets how many descriptors may be open at once (only with an empty table). */
export function fd_table_resize(size: number): void {
  tableSize = size;
}

/** Takes the lowest free descriptor for `obj`; -1 with ENFILE when the table is full. */
export function fd_alloc(obj: unknown, ops: unknown): number {
  for (let fd = 0; fd < tableSize; fd++) {
    if (!entries[fd]) {
      entries[fd] = { obj, ops };
      return fd;
    }
  }
  return fail(ENFILE);
}

/** The entry behind `fd`, or null (errno EBADF) for a number that is not open. */
export function fd_get(fd: number): FdEntry | null {
  const entry = fd >= 0 && fd < tableSize ? entries[fd | 0] : undefined;
  if (!entry || fd !== (fd | 0)) {
    fail(EBADF);
    return null;
  }
  return entry;
}

/** The entry behind `fd` without touching errno (poll's use). */
export function fd_peek(fd: number): FdEntry | null {
  return (fd === (fd | 0) && entries[fd]) || null;
}

/** Frees `fd`; later calls with it answer EBADF. */
export function fd_free(fd: number): void {
  entries[fd] = null;
}

/** Every open descriptor number, lowest first. */
export function fd_open_list(): number[] {
  const open: number[] = [];
  for (let fd = 0; fd < entries.length; fd++) if (entries[fd]) open.push(fd);
  return open;
}
