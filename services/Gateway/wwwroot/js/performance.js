// Minutes streamed and unique streams over time, split by offer (GET /v1/metrics/performance?groupBy=offer).
import { getJson } from './api.js';
import { drawChart } from './chart.js';
import { byId, fillRows, loader } from './dom.js';
import { bucketLabel, count, minutes, tickLabel } from './format.js';

/** Offers in a fixed order, so each keeps its colour whichever are present. */
const OFFERS = ['prime', 'tvod', 'avod', 'channel'];

function query({ from, to, tz, granularity, titleIds, offer }) {
  const params = new URLSearchParams({ from, to, tz, granularity, groupBy: 'offer' });
  for (const titleId of titleIds) params.append('titleId', titleId);
  if (offer) params.append('offer', offer);
  return params;
}

function render(answer) {
  byId('performance-minutes').textContent = minutes(answer.totals.minutesStreamed);
  byId('performance-streams').textContent = count(answer.totals.uniqueStreams);

  const labels = answer.series.map(p => bucketLabel(p.start, answer.granularity));
  const ticks = answer.series.map(p => tickLabel(p.start, answer.granularity));
  const groups = (answer.groups ?? []).map(g => ({ ...g, index: Math.max(0, OFFERS.indexOf(g.key)) }));
  const chart = (name, pick, format, integer) => ({
    title: `${name} by offer, ${answer.tz}`,
    labels,
    ticks,
    bars: groups.map(g => ({ name: g.key, index: g.index, values: g.series.map(pick) })),
    format,
    integer,
  });
  drawChart(byId('minutes-chart'), chart('Minutes streamed', p => p.minutesStreamed, minutes, false));
  drawChart(byId('streams-chart'), chart('Unique streams', p => p.uniqueStreams, count, true));

  const table = byId('performance-table');
  table.caption.textContent = `Per ${answer.granularity === 'total' ? 'period' : answer.granularity}, ${answer.tz}`;
  fillRows(table, answer.series.map((p, i) => [labels[i], minutes(p.minutesStreamed), count(p.uniqueStreams)]), 'No buckets.');
  fillRows(byId('offers-table'),
    groups.map(g => [g.key, minutes(g.totals.minutesStreamed), count(g.totals.uniqueStreams)]),
    'Nothing streamed in this period.');
}

export const loadPerformance = loader(byId('performance'), byId('performance-error'), async filters => {
  const answer = await getJson('v1/metrics/performance', query(filters));
  return () => render(answer);
});
