/**
 * A ladder diagram (a flow graph) as SVG: one column per host, one row and
 * one arrow per frame in the order it was sent, labelled with TCP flags,
 * relative sequence numbers and length. Retransmissions are red, lost
 * frames end in a cross halfway. Uses no Node API.
 */
import { PROTO_TCP, TCP_RST } from '../ports/node-mock/packet';
import { frameLabel, type FrameRecord } from './recorder';

export interface LadderOptions {
  /** Hosts in column order (default: in order of their first frame). */
  hosts?: readonly string[];
  title?: string;
  /** Most rows drawn (default 2000); later frames are counted in a note. */
  maxFrames?: number;
}

/** Geometry, exported so tests can find an arrow in the rendered picture. */
export const LADDER = {
  timeColumn: 110,
  columnWidth: 340,
  top: 70,
  rowHeight: 28,
  bottom: 40,
} as const;

export const COLORS = {
  tcp: '#202020',
  udp: '#1565c0',
  reset: '#ef6c00',
  retransmission: '#d32f2f',
  lost: '#8a8a8a',
  column: '#b0b0b0',
} as const;

export function columnX(column: number): number {
  return LADDER.timeColumn + LADDER.columnWidth / 2 + column * LADDER.columnWidth;
}

export function rowY(row: number): number {
  return LADDER.top + (row + 1) * LADDER.rowHeight;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function timeText(ms: number): string {
  return `${ms.toFixed(3)} ms`;
}

export function frameColor(frame: FrameRecord): string {
  if (frame.retransmission) return COLORS.retransmission;
  if (frame.arrived < 0) return COLORS.lost;
  if (frame.packet.protocol !== PROTO_TCP) return COLORS.udp;
  return frame.packet.flags & TCP_RST ? COLORS.reset : COLORS.tcp;
}

export function ladderSvg(frames: readonly FrameRecord[], options: LadderOptions = {}): string {
  const hosts = options.hosts ? options.hosts.slice() : [];
  for (const f of frames) {
    if (hosts.indexOf(f.from) < 0) hosts.push(f.from);
    if (hosts.indexOf(f.to) < 0) hosts.push(f.to);
  }
  const limit = options.maxFrames || 2000;
  const shown = frames.slice(0, limit);
  const width = LADDER.timeColumn + Math.max(hosts.length, 2) * LADDER.columnWidth;
  const height = rowY(shown.length) + LADDER.bottom;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans Mono, monospace" font-size="11">`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push('<defs>');
  for (const [name, color] of Object.entries(COLORS)) {
    out.push(`<marker id="head-${name}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`);
  }
  out.push('</defs>');
  if (options.title) out.push(`<text x="12" y="20" font-size="13" font-weight="bold">${escape(options.title)}</text>`);
  out.push(`<text x="12" y="${LADDER.top - 12}" fill="#555">virtual time</text>`);
  hosts.forEach((host, i) => {
    const x = columnX(i);
    out.push(`<text x="${x}" y="${LADDER.top - 12}" text-anchor="middle" font-size="13" font-weight="bold">${escape(host)}</text>`);
    out.push(`<line x1="${x}" y1="${LADDER.top}" x2="${x}" y2="${height - LADDER.bottom / 2}" stroke="${COLORS.column}" stroke-width="2"/>`);
  });
  shown.forEach((frame, row) => {
    const y = rowY(row);
    const x1 = columnX(hosts.indexOf(frame.from));
    const x2 = columnX(hosts.indexOf(frame.to));
    const color = frameColor(frame);
    const name = Object.entries(COLORS).find(([, c]) => c === color)![0];
    const lost = frame.arrived < 0;
    const end = lost ? (x1 + x2) / 2 : x2;
    out.push(`<text x="12" y="${y + 4}" fill="#555">${timeText(frame.sent)}</text>`);
    out.push(
      `<line x1="${x1}" y1="${y}" x2="${end}" y2="${y}" stroke="${color}" stroke-width="2"${lost ? ' stroke-dasharray="6,4"' : ` marker-end="url(#head-${name})"`}/>`,
    );
    if (lost) {
      out.push(`<path d="M${end - 6},${y - 6} L${end + 6},${y + 6} M${end - 6},${y + 6} L${end + 6},${y - 6}" stroke="${COLORS.retransmission}" stroke-width="2.5"/>`);
    }
    const label = frameLabel(frame) + (lost ? ' (lost)' : '');
    out.push(`<text x="${(x1 + x2) / 2}" y="${y - 6}" text-anchor="middle" fill="${color}">${escape(label)}</text>`);
  });
  if (frames.length > shown.length) {
    out.push(`<text x="12" y="${height - 12}" fill="#555">${frames.length - shown.length} more frames not drawn</text>`);
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
