/**
 * The ladder diagram as a person sees it: rendered by librsvg's
 * rsvg-convert, then checked pixel by pixel — a lost SYN ends in a red
 * cross halfway, its retransmission is a red arrow, the answer a dark arrow
 * with a head at the client, labels are drawn, columns stand.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { columnX, ladderSvg, rowY, simulate } from '../../sim/index';
import { readPng } from './png';
import { skip_without } from '../tools';

const app = (name: string): string => fileURLToPath(new URL(`../../examples/apps/${name}`, import.meta.url));

type Rgb = [number, number, number];
const isWhite = ([r, g, b]: Rgb): boolean => r > 245 && g > 245 && b > 245;
const isRed = ([r, g, b]: Rgb): boolean => r > 150 && g < 110 && b < 110;
const isDark = ([r, g, b]: Rgb): boolean => r < 90 && g < 90 && b < 90;
const isGrey = ([r, g, b]: Rgb): boolean => Math.abs(r - g) < 12 && Math.abs(g - b) < 12 && r > 100 && r < 220;

it.skipIf(skip_without(['rsvg-convert'], 'the rendered ladder diagram'))('rsvg-convert draws what the frames say', async () => {
  const result = await simulate(
    {
      seed: 3,
      hosts: [
        { name: 'server', ipv4: '192.0.2.2', program: app('echo_server.ts') },
        { name: 'client', ipv4: '192.0.2.1', program: app('echo_client.ts'), settings: { peer: '192.0.2.2', rounds: '1' } },
      ],
      links: [{ between: ['client', 'server'], latency: 20 }],
    },
    { trace: 'none', onNetwork: (net) => net.dropNext(1, { from: net.hosts[1]!, protocol: 'tcp' }) },
  );
  const [lost, again, answer] = result.frames;
  expect([lost!.arrived, again!.retransmission, answer!.from]).toEqual([-1, true, 'server']);

  const dir = mkdtempSync(join(tmpdir(), 'zsock-ladder-'));
  writeFileSync(join(dir, 'ladder.svg'), ladderSvg(result.frames, { hosts: result.hosts }));
  execFileSync('rsvg-convert', ['-o', join(dir, 'ladder.png'), join(dir, 'ladder.svg')]);
  const png = readPng(readFileSync(join(dir, 'ladder.png')));
  const server = columnX(0);
  const client = columnX(1);
  const mid = (server + client) / 2;
  const along = (row: number, from: number, to: number): Rgb[] => {
    const out: Rgb[] = [];
    for (let x = Math.min(from, to); x <= Math.max(from, to); x += 2) out.push(png.pixel(x, rowY(row)));
    return out;
  };
  expect(png.width).toBeGreaterThan(client);
  expect(png.height).toBeGreaterThan(rowY(result.frames.length - 1));

  // Row 0, the lost SYN: grey dashes from the client to halfway, a red cross there, nothing beyond.
  const dashes = along(0, client - 20, mid + 12);
  expect(dashes.filter(isGrey).length).toBeGreaterThan(dashes.length / 3);
  expect(dashes.filter(isWhite).length).toBeGreaterThan(dashes.length / 6); // the gaps
  expect(isRed(png.pixel(mid + 4, rowY(0) - 4))).toBe(true);
  expect(along(0, mid - 20, server + 20).every(isWhite)).toBe(true);

  // Row 1, the retransmitted SYN: red all the way to the server.
  const resent = along(1, client - 12, server + 14);
  expect(resent.filter(isRed).length).toBeGreaterThan(resent.length * 0.9);

  // Row 2, the SYN-ACK: dark, with its head at the client (a filled triangle wider than the line).
  expect(along(2, server + 4, client - 16).every(isDark)).toBe(true);
  expect(isDark(png.pixel(client - 8, rowY(2) - 3))).toBe(true);
  expect(isWhite(png.pixel(server + 8, rowY(2) - 3))).toBe(true);

  // Labels are drawn above the arrows, in the arrow's color; the columns are grey lines between rows.
  const labelBand = along(2, mid - 60, mid + 60).map((_, i) => png.pixel(mid - 60 + 2 * i, rowY(2) - 10));
  expect(labelBand.filter(isDark).length).toBeGreaterThan(3);
  const redLabel = along(1, mid - 60, mid + 60).map((_, i) => png.pixel(mid - 60 + 2 * i, rowY(1) - 10));
  expect(redLabel.filter((p) => !isWhite(p) && p[0] > p[1] + 40).length).toBeGreaterThan(3);
  expect(isGrey(png.pixel(server, rowY(3) + 14))).toBe(true);
  expect(isGrey(png.pixel(client, rowY(3) + 14))).toBe(true);
});
