import { set_errno } from './errno';

/** Sets errno and returns -1: the tail of every failing C-style call. */
export function fail(code: number): -1 {
  set_errno(code);
  return -1;
}
