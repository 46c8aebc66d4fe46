/** What every socket of the moddable port shares: the runtime and a deferral. */
import type { ModdableHost } from './host';

export interface ModdableContext {
  readonly host: ModdableHost;
  /** Runs `callback` in a later turn (an immediate Moddable timer). */
  defer(callback: () => void): void;
  /** Bytes a TCP connection may hold back from its class between ticks. */
  readonly spillBytes: number;
}
