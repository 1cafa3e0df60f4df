// A small SVG chart: bars per bucket (stacked or side by side) and optional lines, one y axis, a legend.
// Every bar and point has a <title> with its exact value; the tables beside each chart carry the same numbers.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 56 };
const TICKS = 4;
const MAX_LABELS = 8;

function svg(name, attributes = {}, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** A round axis maximum at or above max, split into TICKS steps (whole steps for counts). */
export function axisMax(max, integer) {
  if (!(max > 0)) return TICKS;
  const raw = max / TICKS;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 2.5, 5, 10].map(m => m * magnitude).find(s => s >= raw);
  if (integer) step = Math.max(1, Math.ceil(step));
  return step * TICKS;
}

/**
 * Draws into container. labels: one per bucket; ticks: shorter axis labels; bars and lines: [{ name, index, values }]
 * where index picks the series colour; stacked: bars on top of each other (else side by side); format: value text.
 */
export function drawChart(container, { title, labels, ticks = labels, bars = [], lines = [], stacked = true, integer = false, format }) {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const barTops = labels.map((_, i) => {
    const values = bars.map(b => b.values[i] ?? 0);
    return stacked ? values.reduce((a, b) => a + b, 0) : Math.max(0, ...values);
  });
  const top = axisMax(Math.max(0, ...barTops, ...lines.flatMap(l => l.values)), integer);
  const y = value => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const band = plotWidth / Math.max(labels.length, 1);

  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'img', 'aria-label': title });
  chart.append(svg('title', {}, title));

  for (let k = 0; k <= TICKS; k++) {
    const value = (top * k) / TICKS;
    chart.append(
      svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value), class: 'grid' }),
      svg('text', { x: MARGIN.left - 6, y: y(value) + 4, class: 'axis', 'text-anchor': 'end' }, format(value)));
  }

  const every = Math.ceil(labels.length / MAX_LABELS);
  labels.forEach((label, i) => {
    const left = MARGIN.left + band * i + band * 0.15;
    const width = band * 0.7;
    let base = 0;
    bars.forEach((series, j) => {
      const value = series.values[i] ?? 0;
      if (value <= 0) return;
      const x = stacked ? left : left + (width / bars.length) * j;
      const w = stacked ? width : width / bars.length;
      const rect = svg('rect', { x, y: y(base + value), width: w, height: y(base) - y(base + value), class: `bar s${series.index}` });
      rect.append(svg('title', {}, `${label} · ${series.name}: ${format(value)}`));
      chart.append(rect);
      if (stacked) base += value;
    });
    if (i % every === 0) {
      chart.append(svg('text', { x: MARGIN.left + band * (i + 0.5), y: HEIGHT - 8, class: 'axis', 'text-anchor': 'middle' }, ticks[i]));
    }
  });

  for (const series of lines) {
    const points = series.values.map((value, i) => [MARGIN.left + band * (i + 0.5), y(value)]);
    chart.append(svg('polyline', { points: points.map(p => p.join(',')).join(' '), class: `line s${series.index}` }));
    points.forEach(([cx, cy], i) => {
      const dot = svg('circle', { cx, cy, r: 3, class: `dot s${series.index}` });
      dot.append(svg('title', {}, `${labels[i]} · ${series.name}: ${format(series.values[i])}`));
      chart.append(dot);
    });
  }

  const legend = document.createElement('ul');
  legend.className = 'legend';
  for (const series of [...bars, ...lines]) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch s${series.index}${lines.includes(series) ? ' swatch-line' : ''}`;
    swatch.setAttribute('aria-hidden', 'true');
    item.append(swatch, series.name);
    legend.append(item);
  }
  container.replaceChildren(chart, legend);
}
