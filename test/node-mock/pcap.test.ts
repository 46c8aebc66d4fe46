import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMockNetwork, tcpEchoServer, udpEchoServer } from '../../ports/node-mock';
import { writePcapFile } from '../../ports/node-mock/pcap-file';
import { skip_without } from '../tools';
import { ANY4, ANY6, drain, ep, open, pattern, TcpRecorder, UdpRecorder } from './helpers';

const tsharkFound = spawnSync('tshark', ['-v'], { encoding: 'utf8' }).status === 0;

/** An echo exchange over IPv4 and IPv6 plus UDP to an open and a closed port. */
function echoCapture() {
  const net = createMockNetwork({ seed: 1 });
  const a = net.host('device', { ipv4: '10.0.0.2', ipv6: 'fd00::2' });
  const b = net.host('server', { ipv4: '10.0.0.1', ipv6: 'fd00::1' });
  net.link(a, b, { latency: 1 });
  tcpEchoServer(b, 7);
  tcpEchoServer(b, 7, 2);
  udpEchoServer(b, 9);
  udpEchoServer(b, 9, 2);
  const capture = net.capture();
  const port = net.port(a);
  const echoed: number[] = [];
  for (const remote of [ep('10.0.0.1', 7), ep('fd00::1', 7)]) {
    const events = new TcpRecorder(net);
    const c = open(port.tcpConnect(remote, null, events));
    events.onWritable = () => {
      if (c.room() >= 3000 && events.log.filter((e) => e === 'writable').length === 1) {
        c.write(pattern(3000));
        c.shutdownWrite();
      }
    };
    events.onReadable = () => {
      echoed.push(drain(c).length);
      if (c.finished()) c.close();
    };
  }
  const u = open(port.udpOpen(ANY4(0), new UdpRecorder()));
  u.send(pattern(3), ep('10.0.0.1', 9));
  u.send(pattern(3), ep('10.0.0.1', 10));
  const u6 = open(port.udpOpen(ANY6(0), new UdpRecorder()));
  u6.send(pattern(5), ep('fd00::1', 9));
  net.runSync();
  return { capture, echoed: echoed.reduce((x, y) => x + y, 0) };
}

function onesComplement(bytes: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  for (let i = start; i < end; i += 2) sum += (bytes[i]! << 8) | (i + 1 < end ? bytes[i + 1]! : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

describe('pcap capture', () => {
  it('writes a pcap header and Ethernet frames whose IPv4 and TCP checksums verify', () => {
    const { capture, echoed } = echoCapture();
    expect(echoed).toBe(6000);
    const bytes = capture.toBytes();
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
    expect(bytes[20]).toBe(1); // LINKTYPE_ETHERNET
    let tcpFrames = 0;
    for (const { frame } of capture.frames()) {
      if (frame[12] !== 0x08 || frame[13] !== 0x00) continue;
      expect(onesComplement(frame, 14, 34)).toBe(0xffff);
      if (frame[23] !== 6) continue;
      tcpFrames++;
      const total = (frame[16]! << 8) | frame[17]!;
      const pseudo = onesComplement(frame, 26, 34) + 6 + (total - 20);
      expect(onesComplement(frame, 34, 14 + total, pseudo)).toBe(0xffff);
    }
    expect(tcpFrames).toBeGreaterThan(8);
  });

  it('IPv6 TCP and UDP checksums verify, and UDP over IPv4 too, odd lengths included', () => {
    const { capture } = echoCapture();
    const seen = { tcp6: 0, udp6: 0, udp4: 0, odd: 0 };
    for (const { frame } of capture.frames()) {
      const type = (frame[12]! << 8) | frame[13]!;
      if (type === 0x86dd) {
        const next = frame[20]!;
        const length = (frame[18]! << 8) | frame[19]!;
        if (next !== 6 && next !== 17) continue;
        // Pseudo-header: source and destination, upper-layer length, next header.
        const pseudo = onesComplement(frame, 22, 54) + length + next;
        expect(onesComplement(frame, 54, 54 + length, pseudo)).toBe(0xffff);
        if (next === 6) seen.tcp6++;
        else seen.udp6++;
        if (length % 2) seen.odd++;
      } else if (type === 0x0800 && frame[23] === 17) {
        const total = (frame[16]! << 8) | frame[17]!;
        const length = total - 20;
        expect((frame[40]! << 8) | frame[41]!).not.toBe(0); // a checksum, not "none"
        const pseudo = onesComplement(frame, 26, 34) + 17 + length;
        expect(onesComplement(frame, 34, 34 + length, pseudo)).toBe(0xffff);
        seen.udp4++;
        if (length % 2) seen.odd++;
      }
    }
    expect(seen.tcp6).toBeGreaterThan(4);
    expect(seen.udp6).toBeGreaterThanOrEqual(2);
    expect(seen.udp4).toBeGreaterThanOrEqual(2);
    expect(seen.odd).toBeGreaterThanOrEqual(3);
  });

  it.skipIf(skip_without(['tshark'], 'reading captures with tshark'))('tshark reads the TCP conversations and finds every checksum good', async () => {
    expect(tsharkFound, 'tshark must be installed in CI').toBe(true);
    const { capture } = echoCapture();
    const dir = mkdtempSync(join(tmpdir(), 'zsock-pcap-'));
    const file = join(dir, 'echo.pcap');
    try {
      await writePcapFile(file, capture);
      const conv = spawnSync('tshark', ['-r', file, '-q', '-z', 'conv,tcp'], { encoding: 'utf8' });
      expect(conv.status).toBe(0);
      const lines = conv.stdout.split('\n').filter((l) => l.includes('<->'));
      expect(lines).toHaveLength(2);
      const v4 = lines.find((l) => l.includes('10.0.0.1:7'))!;
      const v6 = lines.find((l) => l.includes('fd00::1:7'))!;
      expect(v4).toMatch(/^10\.0\.0\.2:\d+\s+<->\s+10\.0\.0\.1:7\s/);
      expect(v6).toMatch(/^fd00::2:\d+\s+<->\s+fd00::1:7\s/);

      const fields = spawnSync(
        'tshark',
        [
          '-r', file,
          '-o', 'ip.check_checksum:TRUE',
          '-o', 'tcp.check_checksum:TRUE',
          '-o', 'udp.check_checksum:TRUE',
          '-Y', 'tcp',
          '-T', 'fields', '-E', 'separator=;',
          '-e', 'tcp.stream', '-e', 'tcp.len', '-e', 'tcp.checksum.status', '-e', 'tcp.analysis.flags',
        ],
        { encoding: 'utf8' },
      );
      expect(fields.status).toBe(0);
      const rows = fields.stdout.trim().split('\n').map((l) => l.split(';'));
      const payload = new Map<string, number>();
      for (const [stream, len, status, analysis] of rows) {
        expect(status).toBe('1'); // Good
        expect(analysis).toBe(''); // no retransmission, no out-of-order, no zero window
        payload.set(stream!, (payload.get(stream!) || 0) + Number(len));
      }
      // 3000 bytes each way in each of the two streams.
      expect([...payload.values()]).toEqual([6000, 6000]);

      const udp = spawnSync(
        'tshark',
        ['-r', file, '-o', 'udp.check_checksum:TRUE', '-Y', 'udp && !icmp', '-T', 'fields', '-e', 'udp.checksum.status', '-e', 'udp.length'],
        { encoding: 'utf8' },
      );
      // Requests to ports 9 (v4, v6) and 10, and the two echoes: every checksum good.
      expect(udp.stdout.trim().split('\n').sort()).toEqual(['1\t11', '1\t11', '1\t11', '1\t13', '1\t13']);
      const icmp = spawnSync('tshark', ['-r', file, '-Y', 'icmp.type == 3 && icmp.code == 3', '-T', 'fields', '-e', 'icmp.checksum.status'], { encoding: 'utf8' });
      expect(icmp.stdout.trim()).toBe('1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
