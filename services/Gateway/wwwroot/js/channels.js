// Channel metrics: the channel list (GET /v1/metrics/channels) and one channel's five numbers, chart and table
// (GET /v1/metrics/channels/{channelId}).
import { getJson } from './api.js';
import { drawChart } from './chart.js';
import { byId, fillRows, loader, showError } from './dom.js';
import { bucketLabel, count, rate, tickLabel } from './format.js';

/** Fills the channel list, keeping the selected channel when it is still there. */
export async function loadChannelList() {
  const select = byId('channel');
  const previous = select.value;
  const { channels } = await getJson('v1/metrics/channels');
  select.replaceChildren(...channels.map(c => new Option(c.channelId, c.channelId)));
  if (channels.some(c => c.channelId === previous)) select.value = previous;
  select.disabled = channels.length === 0;
}

export const selectedChannel = () => byId('channel').value || null;

function render(answer) {
  const { totals, current } = answer;
  byId('channel-trial-starts').textContent = count(totals.trialStarts);
  byId('channel-paid-conversions').textContent = count(totals.paidConversions);
  byId('channel-cancellations').textContent = count(totals.cancellations);
  byId('channel-active-trial').textContent = count(current.activeTrial);
  byId('channel-active-paid').textContent = count(current.activePaid);
  byId('channel-conversion-rate').textContent = rate(totals.conversionRate);

  const labels = answer.series.map(p => bucketLabel(p.start, answer.granularity));
  const series = (name, index, pick) => ({ name, index, values: answer.series.map(pick) });
  drawChart(byId('channel-chart'), {
    title: `Channel ${answer.channelId}, ${answer.from} to ${answer.to}`,
    labels,
    ticks: answer.series.map(p => tickLabel(p.start, answer.granularity)),
    bars: [series('Trial starts', 0, p => p.trialStarts), series('Paid conversions', 1, p => p.paidConversions), series('Cancellations', 2, p => p.cancellations)],
    lines: [series('Active trial', 3, p => p.activeTrial), series('Active paid', 4, p => p.activePaid)],
    stacked: false,
    integer: true,
    format: count,
  });
  const table = byId('channel-table');
  table.caption.textContent = `Channel ${answer.channelId} per ${answer.granularity === 'total' ? 'period' : answer.granularity}`;
  fillRows(table, answer.series.map((p, i) => [
    labels[i], count(p.trialStarts), count(p.paidConversions), count(p.cancellations), count(p.activeTrial), count(p.activePaid),
  ]), 'No buckets.');
}

const loadOne = loader(byId('channels'), byId('channel-error'), async (channelId, { from, to, granularity }) => {
  // Channels count whole subscriber-local days: an hourly view of the page shows them by day.
  const params = new URLSearchParams({ from, to, granularity: granularity === 'hour' ? 'day' : granularity });
  const answer = await getJson(`v1/metrics/channels/${encodeURIComponent(channelId)}`, params);
  return () => render(answer);
});

/** Loads the selected channel over the page's period, or says that no channel has subscribers yet. */
export async function loadChannel(filters) {
  const channelId = selectedChannel();
  if (!channelId) {
    showError(byId('channel-error'), new Error('No channel has subscription events yet.'));
    return;
  }
  await loadOne(channelId, filters);
}
