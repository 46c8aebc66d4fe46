/**
 * Paired measurement: zsock and its anchor run alternately in one process,
 * many short rounds, so a neighbour's load on a shared machine hits both
 * sides of a pair alike. Each pair gives one ratio; a figure is the
 * min/median/max of its pair ratios, with the median of each side's raw
 * values beside them.
 */

/** How a figure's ratio is judged against its target. */
export type Goal = { target: number; better: 'higher' | 'lower' };

export interface PairedFigure {
  name: string;
  /** Unit of the raw values. */
  unit: string;
  /** What the anchor is (raw net, C poll(2), the target itself, ...). */
  anchorName: string;
  zsock: number[];
  anchor: number[];
  ratios: number[];
  /** How the ratio is formed, e.g. "zsock / raw". */
  ratioName: string;
  goal: Goal | null;
  /** Extra facts for the notes (loss counts, ...). */
  extra?: string;
  /** A condition besides the ratio (no more loss than the anchor); false fails the figure. */
  alsoRequired?: { holds: boolean; what: string };
}

export function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * One warm-up of each side, then `rounds` pairs; pair i runs zsock first
 * when i is even and the anchor first when odd. `ratio` forms the pair's
 * ratio from (zsock, anchor).
 */
export async function measurePairs(
  rounds: number,
  zsock: () => Promise<number>,
  anchor: () => Promise<number>,
  ratio: (z: number, a: number) => number = (z, a) => z / a,
): Promise<{ zsock: number[]; anchor: number[]; ratios: number[] }> {
  await zsock();
  await anchor();
  const z: number[] = [];
  const a: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let zv: number;
    let av: number;
    if (i % 2 === 0) {
      zv = await zsock();
      av = await anchor();
    } else {
      av = await anchor();
      zv = await zsock();
    }
    z.push(zv);
    a.push(av);
    ratios.push(ratio(zv, av));
  }
  return { zsock: z, anchor: a, ratios };
}

/** "met" when every pair meets the target, "met at the median" when the median does, else "not met". */
export function verdict(figure: PairedFigure): string {
  if (!figure.goal) return 'no target';
  const { target, better } = figure.goal;
  const meets = (r: number): boolean => (better === 'higher' ? r >= target : r <= target);
  let text = figure.ratios.every(meets) ? 'met' : meets(median(figure.ratios)) ? 'met at the median' : 'not met';
  if (figure.alsoRequired && !figure.alsoRequired.holds) text = `not met (${figure.alsoRequired.what})`;
  return text;
}

export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(3);
}

function ratioText(values: number[]): string {
  const sorted = values.slice().sort((a, b) => a - b);
  return `${sorted[0]!.toFixed(3)} / ${median(values).toFixed(3)} / ${sorted[sorted.length - 1]!.toFixed(3)}`;
}

function goalText(goal: Goal | null): string {
  if (!goal) return '—';
  return `${goal.better === 'higher' ? '≥' : '≤'} ${goal.target}×`;
}

/** The figures as one markdown table, plus a note line per figure with extras. */
export function pairedTable(figures: PairedFigure[]): string[] {
  const lines = [
    '| figure | zsock (median) | anchor (median) | ratio min / median / max | target | pairs | verdict |',
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const f of figures) {
    lines.push(
      `| ${f.name} | ${formatValue(median(f.zsock))} ${f.unit} | ${f.anchorName}: ${formatValue(median(f.anchor))} ${f.unit} | ${ratioText(f.ratios)} (${f.ratioName}) | ${goalText(f.goal)} | ${f.ratios.length} | ${verdict(f)} |`,
    );
  }
  const extras = figures.filter((f) => f.extra).map((f) => `- ${f.name}: ${f.extra}`);
  if (extras.length) lines.push('', ...extras);
  return lines;
}
