// Wires the page: sign-in, the forms, the lists, and which section reloads on which change.
import { byId, showError } from './dom.js';
import { loadChannel, loadChannelList, selectedChannel } from './channels.js';
import { currentMonth, loadEngagement, readEngagement } from './engagement.js';
import { initFilters, loadTitles, readFilters } from './filters.js';
import { connectLive } from './live.js';
import { loadPerformance } from './performance.js';
import { currentSession, signIn, signOut } from './session.js';

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

byId('sign-in').addEventListener('submit', async event => {
  event.preventDefault();
  const field = byId('key');
  try {
    await signIn(field.value);
    field.value = '';
    location.reload();
  } catch (error) {
    showError(byId('sign-in-error'), error);
  }
});

byId('sign-out').addEventListener('click', async () => {
  try {
    await signOut();
  } finally {
    location.reload();
  }
});

async function start(session) {
  byId('session-who').textContent = session.distributorId === null ? 'Signed in as the operator' : `Signed in as ${session.distributorId}`;
  byId('session').hidden = false;
  byId('dashboard').hidden = false;
  initFilters();
  byId('month').value = currentMonth();
  byId('territory').value = 'US';
  await loadLists();
  await Promise.all([refresh(), loadEngagement(readEngagement())]);
}

let session = null;
try {
  session = await currentSession();
} catch (error) {
  showError(byId('sign-in-error'), error);
}
if (session) {
  await start(session);
  document.body.dataset.ready = 'true';
} else {
  byId('signed-out').hidden = false;
  byId('key').focus();
  document.body.dataset.ready = 'signed-out';
}
