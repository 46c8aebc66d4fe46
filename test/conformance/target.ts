/**
 * What the conformance suite needs from a port under test. Each port's
 * test file builds a Target and hands it to the suites; the suites use only
 * the zsock API plus these few verbs.
 */

import type { Port } from '../../lib/port';

export interface Session {
  readonly port: Port;
  /** Awaits `promise` while the port's clock and network move. */
  run<T>(promise: Promise<T>): Promise<T>;
  /** Lets `ms` milliseconds of the port's time pass. */
  sleep(ms: number): Promise<void>;
  /** Closes everything the session opened. */
  close(): Promise<void>;
}

export interface Target {
  name: string;
  /** Installs a fresh stack on this port (zsock_init) and returns the session. */
  open(): Promise<Session>;
  /** Where this port's platform differs, per check (never weakening a check for every port). */
  traits: {
    ipv6: boolean;
    /** An address of this host that is not loopback, or null. */
    hostAddress: string | null;
    /** An IPv4 address no host answers on (connect must fail). */
    unreachable: string | null;
    /** Multicast to our own group is looped back to us. */
    multicastLoop: boolean;
    /** The port's clock is virtual: timeouts can be long and are exact. */
    virtualTime: boolean;
    /** getsockname of a TCP client names its port (ECMA-419 does not tell it: port 0). */
    clientLocalName: boolean;
    /** An empty UDP datagram is delivered (the Moddable Linux class drops it). */
    emptyDatagrams: boolean;
    /** SO_REUSEADDR / SO_REUSEPORT let two UDP sockets share a port (ECMA-419's bind is exclusive). */
    sharedPorts: boolean;
    /** 200 sends fill the send path (a slow port on real loopback buffers of hundreds of KiB does not). */
    sendWindowFills: boolean;
    /**
     * A receiver that does not read stops its sender (a TCP window). Espruino
     * reads every socket into memory whether or not the program reads.
     */
    receiveFlowControl: boolean;
  };
}
