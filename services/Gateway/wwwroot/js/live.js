// Live tiles fed by GET /v1/live (Server-Sent Events, one "live" message per second, the first on connect).
import { problemOf } from './api.js';
import { byId, showError } from './dom.js';
import { count, minutes } from './format.js';

const RETRY_MS = 10_000;

let source = null;

function render(update) {
  byId('live-events-per-second').textContent = count(update.eventsPerSecond);
  byId('live-playing-now').textContent = count(update.playingNow);
  byId('live-minutes-today').textContent = minutes(update.today.minutesStreamed);
  byId('live-streams-today').textContent = count(update.today.uniqueStreams);
  byId('live-trials-today').textContent = count(update.today.trialStarts);
  byId('live-conversions-today').textContent = count(update.today.paidConversions);
  const titles = update.titleIds.length === 0 ? 'all titles' : update.titleIds.join(', ');
  const channel = update.channelId ? `channel ${update.channelId}` : 'all channels';
  byId('live-scope').textContent = `Today (${update.today.date}, UTC) for ${titles} and ${channel}; as of ${update.at.slice(11, 19)} UTC.`;
}

/** The gateway refused the stream (EventSource does not say why): ask again once to show its problem+json. */
async function explain(url) {
  const abort = new AbortController();
  try {
    const response = await fetch(url, { signal: abort.signal, headers: { Accept: 'text/event-stream' } });
    return response.ok ? new Error('Live updates stopped: the gateway closed the stream.') : await problemOf(response);
  } catch (error) {
    return new Error(`Live updates stopped: ${error.message}`);
  } finally {
    abort.abort();
  }
}

/** (Re)connects the tiles to the stream for these titles and channel; EventSource reconnects by itself after a drop. */
export function connectLive(filters) {
  const { titleIds, channelId } = filters;
  source?.close();
  const params = new URLSearchParams();
  for (const titleId of titleIds) params.append('titleId', titleId);
  if (channelId) params.append('channelId', channelId);
  const query = params.toString();
  const url = query ? `v1/live?${query}` : 'v1/live';
  const mine = new EventSource(url);
  source = mine;
  mine.addEventListener('live', event => {
    render(JSON.parse(event.data));
    showError(byId('live-error'), null);
  });
  mine.addEventListener('error', async () => {
    if (mine.readyState === EventSource.CLOSED) {
      const error = await explain(url);
      if (source !== mine) return;
      showError(byId('live-error'), error);
      // A refused filter stays refused; anything else (a restarting gateway, a proxy's 502) is tried again.
      if (!(error.status >= 400 && error.status < 500)) {
        setTimeout(() => { if (source === mine) connectLive(filters); }, RETRY_MS);
      }
    } else {
      showError(byId('live-error'), new Error('Live updates interrupted; reconnecting…'));
    }
  });
}
