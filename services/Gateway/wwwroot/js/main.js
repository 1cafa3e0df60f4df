// Wires the page: the forms, the lists, and which section reloads on which change.
import { byId, showError } from './dom.js';
import { loadChannel, loadChannelList, selectedChannel } from './channels.js';
import { currentMonth, loadEngagement, readEngagement } from './engagement.js';
import { initFilters, loadTitles, readFilters } from './filters.js';
import { connectLive } from './live.js';
import { loadPerformance } from './performance.js';

async function loadLists() {
  const results = await Promise.allSettled([loadTitles(), loadChannelList()]);
  const failed = results.find(r => r.status === 'rejected');
  showError(byId('filters-error'), failed ? failed.reason : null);
}

function refresh() {
  const filters = readFilters();
  connectLive({ titleIds: filters.titleIds, channelId: selectedChannel() });
  return Promise.all([loadPerformance(filters), loadChannel(filters)]);
}

byId('filters').addEventListener('submit', async event => {
  event.preventDefault();
  await loadLists();
  await refresh();
});

byId('channel').addEventListener('change', () => {
  connectLive({ titleIds: readFilters().titleIds, channelId: selectedChannel() });
  loadChannel(readFilters());
});

byId('engagement-form').addEventListener('submit', event => {
  event.preventDefault();
  loadEngagement(readEngagement());
});

initFilters();
byId('month').value = currentMonth();
byId('territory').value = 'US';
await loadLists();
await Promise.all([refresh(), loadEngagement(readEngagement())]);
document.body.dataset.ready = 'true';
