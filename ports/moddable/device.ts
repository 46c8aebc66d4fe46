/**
 * The device's runtime for the moddable port: the ECMA-419 classes, timer,
 * tick clock and net module that the Moddable build links. Imported only by
 * a Moddable build (./platform.ts); nothing here runs at module load.
 */
import TCP from 'embedded:io/socket/tcp';
import Listener from 'embedded:io/socket/listener';
import UDP from 'embedded:io/socket/udp';
import Timer from 'timer';
import Time from 'time';
import Net from 'net';
import type { ListenerClass, ModdableHost, NetModule, TcpClass, TimerModule, UdpClass } from './host';

/** The runtime's classes and modules, as the port takes them. */
export function deviceHost(): ModdableHost {
  return {
    // The typings declare read(buffer) and write() as void; the classes return counts.
    TCP: TCP as unknown as TcpClass,
    Listener: Listener as unknown as ListenerClass,
    UDP: UDP as unknown as UdpClass,
    Timer: Timer as unknown as TimerModule,
    ticks: () => Time.ticks,
    Net: Net as unknown as NetModule,
  };
}
