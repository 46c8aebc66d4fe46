/**
 * Idle sockets of the core and the moddable port, for counting XS heap
 * slots (test/xs/memory-in-xs.mjs). The ECMA-419 classes are stubs holding
 * only their callbacks, so the count is what zsockjs itself keeps: a
 * device's class instances (host objects with native state) come on top.
 */
import {
  AF_INET,
  F_SETFL,
  O_NONBLOCK,
  SOCK_DGRAM,
  SOCK_STREAM,
  htons,
  inet_tcp,
  inet_udp,
  sockaddr,
  zsock_bind,
  zsock_close,
  zsock_connect,
  zsock_fcntl,
  zsock_init,
  zsock_inet_pton,
  zsock_socket,
} from '../../lib/index';
import { createModdablePort } from '../../ports/moddable/index';
import type { ModdableHost, TcpClassOptions } from '../../ports/moddable/host';

const queue: (() => void)[] = [];
const writables: ((n: number) => void)[] = [];
const pending = new Set<{ callback: () => void }>();

class StubTcp {
  constructor(options: TcpClassOptions) {
    if (options.onWritable) writables.push(options.onWritable);
  }
  read(): undefined {
    return undefined;
  }
  write(): number {
    return 0;
  }
  close(): void {}
  get remoteAddress(): string {
    return '192.0.2.20';
  }
  get remotePort(): number {
    return 7;
  }
}
class StubUdp {
  read(): undefined {
    return undefined;
  }
  write(): void {}
  close(): void {}
}
class StubListener {
  readonly port = 80;
  read(): undefined {
    return undefined;
  }
  close(): void {}
}

let ticks = 0;
const host: ModdableHost = {
  TCP: StubTcp as unknown as ModdableHost['TCP'],
  UDP: StubUdp as unknown as ModdableHost['UDP'],
  Listener: StubListener as unknown as ModdableHost['Listener'],
  Timer: {
    // Turns run at flush(); timeouts (the connect timer) stay pending, as on an idle device.
    set(callback: () => void, interval?: number): unknown {
      const timer = { callback };
      if (!interval) queue.push(callback);
      else pending.add(timer);
      return timer;
    },
    clear(timer: unknown): void {
      pending.delete(timer as { callback: () => void });
    },
  },
  ticks: () => ticks++,
};

/** Runs the port's turns and promise jobs until nothing is left, answering each connect with onWritable. */
async function flush(): Promise<void> {
  for (let round = 0; round < 50; round++) {
    await null;
    while (queue.length > 0) queue.shift()!();
    while (writables.length > 0) writables.shift()!(1536);
  }
}

const open: number[] = [];

function peer(port: number): sockaddr {
  const a = new sockaddr();
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  zsock_inet_pton(AF_INET, '192.0.2.20', a.sin_addr);
  return a;
}

const api = {
  async setup(): Promise<void> {
    zsock_init(createModdablePort(host), [inet_tcp, inet_udp]);
    // One socket of each kind first, so the counts below hold no first-use allocations.
    await api.tcp(1);
    await api.udp(1);
    await api.closeAll();
  },
  async tcp(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const fd = zsock_socket(AF_INET, SOCK_STREAM, 0);
      zsock_fcntl(fd, F_SETFL, O_NONBLOCK);
      void zsock_connect(fd, peer(7), 8);
      open.push(fd);
    }
    await flush();
  },
  async udp(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const fd = zsock_socket(AF_INET, SOCK_DGRAM, 0);
      const any = new sockaddr();
      any.sin_family = AF_INET;
      zsock_bind(fd, any, 8);
      open.push(fd);
    }
    await flush();
  },
  bare(): void {
    open.push(zsock_socket(AF_INET, SOCK_DGRAM, 0));
  },
  async closeAll(): Promise<void> {
    while (open.length > 0) zsock_close(open.pop()!);
    await flush();
  },
};

(globalThis as unknown as { __memory: typeof api }).__memory = api;
