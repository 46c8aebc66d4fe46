/**
 * A caller's buffer transferred away (detached) before or while a call
 * uses it: EFAULT, never a TypeError, a send that waits forever, or a recv
 * that looks like EOF while data stays queued. Each case failed before its
 * fix.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AF_INET,
  EFAULT,
  ZSOCK_MSG_DONTWAIT,
  zsock_recv,
  zsock_recvmsg,
  zsock_send,
  zsock_sendmsg,
  zsock_sendto,
  type msghdr,
} from '../../lib/index';
import { udpEchoServer } from '../../ports/node-mock/index';
import { addr, addrlen, bytes, call, tcp_pair, text, udp_socket } from '../conformance/helpers';
import { open_mock, type MockSession } from '../conformance/mock-target';

let s: MockSession;
beforeEach(() => {
  s = open_mock(5);
});
afterEach(async () => {
  await s.close();
});

const peer = () => s.net.hosts.find((h) => h.name === 'peer')!;
const device = () => s.net.hosts.find((h) => h.name === 'device')!;

/** Transfers `buffer`'s memory away, as postMessage or ArrayBuffer.transfer do: every view of it is left empty. */
function detach(buffer: ArrayBufferLike): void {
  structuredClone(buffer, { transfer: [buffer as ArrayBuffer] });
}

describe('detached buffers', () => {
  it('a buffer detached before the call answers EFAULT, for every kind of view, never a TypeError', async () => {
    const pair = await tcp_pair(s);
    const kinds = [
      (ab: ArrayBuffer) => new Uint8Array(ab),
      (ab: ArrayBuffer) => new DataView(ab),
      (ab: ArrayBuffer) => new Uint16Array(ab),
      (ab: ArrayBuffer) => ab,
    ];
    for (const make of kinds) {
      const ab = new ArrayBuffer(8);
      const view = make(ab);
      detach(ab);
      expect(await s.run(call(zsock_send(pair.client, view, 8, 0)))).toEqual([-1, EFAULT]);
      expect(await s.run(call(zsock_recv(pair.client, view, 8, 0)))).toEqual([-1, EFAULT]);
    }
  });

  it('a recv whose buffer is detached while it waits answers EFAULT, and the data stays queued for the next recv', async () => {
    const pair = await tcp_pair(s);
    const buf = new Uint8Array(16);
    const waiting = call(zsock_recv(pair.client, buf, 16, 0));
    await s.sleep(5);
    detach(buf.buffer);
    expect(await s.run(zsock_send(pair.server, bytes('hello'), 5, 0))).toBe(5);
    expect(await s.run(waiting)).toEqual([-1, EFAULT]);
    const again = new Uint8Array(16);
    expect(await s.run(zsock_recv(pair.client, again, 16, 0))).toBe(5);
    expect(text(again, 5)).toBe('hello');
  });

  it('a TCP send whose buffer is detached while it waits for room answers EFAULT, not a wait forever', async () => {
    const pair = await tcp_pair(s);
    const fill = new Uint8Array(4096);
    let queued = 0;
    // Until both the peer's window and our send buffer are full: EAGAIN even after the ACKs came.
    for (let i = 0, refused = 0; i < 200 && refused < 2; i++) {
      const n = await s.run(zsock_send(pair.client, fill, fill.length, ZSOCK_MSG_DONTWAIT));
      if (n < 0) {
        refused++;
        await s.sleep(200);
      } else {
        refused = 0;
        queued += n;
      }
    }
    const data = new Uint8Array(1000).fill(7);
    const waiting = call(zsock_send(pair.client, data, data.length, 0));
    await s.sleep(5);
    detach(data.buffer);
    const sink = new Uint8Array(65536);
    let got = 0;
    while (got < queued) got += await s.run(zsock_recv(pair.server, sink, sink.length, 0));
    expect(await s.run(waiting)).toEqual([-1, EFAULT]);
    expect(got).toBe(queued);
  });

  it('a UDP send detached while it waits for buffers answers EFAULT and sends nothing', async () => {
    udpEchoServer(peer(), 7);
    const u = udp_socket('192.0.2.10');
    const to = addr('192.0.2.20', 7);
    device().exhaustBuffers(55);
    const data = new Uint8Array(4).fill(1);
    const waiting = call(zsock_sendto(u.fd, data, 4, 0, to, addrlen(to)));
    await s.sleep(5);
    detach(data.buffer);
    device().restoreBuffers();
    expect(await s.run(waiting)).toEqual([-1, EFAULT]);
    expect(await s.run(call(zsock_recv(u.fd, new Uint8Array(4), 4, ZSOCK_MSG_DONTWAIT)))).toEqual([-1, 11]);
  });

  it('the simulated UDP socket itself answers EFAULT for a detached datagram', () => {
    const sock = s.port.udpOpen({ family: AF_INET, addr: new Uint8Array([192, 0, 2, 10]), port: 0 }, {
      readable() {},
      writable() {},
      error() {},
    }, false);
    if (typeof sock === 'number') throw new Error('open failed');
    const data = new Uint8Array(4);
    detach(data.buffer);
    expect(sock.send(data, { family: AF_INET, addr: new Uint8Array([192, 0, 2, 20]), port: 7 })).toBe(EFAULT);
    sock.close();
  });

  it('sendmsg and recvmsg answer EFAULT for a detached iov_base, before or while waiting', async () => {
    const pair = await tcp_pair(s);
    const gone = new Uint8Array(4);
    detach(gone.buffer);
    const out: msghdr = { msg_name: null, msg_namelen: 0, msg_iov: [{ iov_base: bytes('ab'), iov_len: 2 }, { iov_base: gone, iov_len: 4 }], msg_iovlen: 2, msg_flags: 0 };
    expect(await s.run(call(zsock_sendmsg(pair.client, out, 0)))).toEqual([-1, EFAULT]);
    const first = new Uint8Array(2);
    const second = new Uint8Array(4);
    const msg: msghdr = { msg_name: null, msg_namelen: 0, msg_iov: [{ iov_base: first, iov_len: 2 }, { iov_base: second, iov_len: 4 }], msg_iovlen: 2, msg_flags: 0 };
    const waiting = call(zsock_recvmsg(pair.client, msg, 0));
    await s.sleep(5);
    detach(second.buffer);
    expect(await s.run(zsock_send(pair.server, bytes('abcdef'), 6, 0))).toBe(6);
    expect(await s.run(waiting)).toEqual([-1, EFAULT]);
  });

  it('iov_base may be any typed array: its bytes are sent and filled', async () => {
    const pair = await tcp_pair(s);
    const words = new Uint16Array([0x6968, 0x2121]);
    const out: msghdr = { msg_name: null, msg_namelen: 0, msg_iov: [{ iov_base: words, iov_len: 4 }], msg_iovlen: 1, msg_flags: 0 };
    expect(await s.run(zsock_sendmsg(pair.client, out, 0))).toBe(4);
    const into = new Uint32Array(1);
    const msg: msghdr = { msg_name: null, msg_namelen: 0, msg_iov: [{ iov_base: into, iov_len: 4 }], msg_iovlen: 1, msg_flags: 0 };
    expect(await s.run(zsock_recvmsg(pair.server, msg, 0))).toBe(4);
    expect(text(new Uint8Array(into.buffer))).toBe('hi!!');
  });
});

