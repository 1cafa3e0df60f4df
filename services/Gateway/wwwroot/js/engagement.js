// The Customer Engagement Ranking of one month and territory (GET /v1/metrics/engagement) and its earnings CSV.
import { getJson } from './api.js';
import { byId, fillRows, loader } from './dom.js';
import { count, hours, minutes, money } from './format.js';

/** The current UTC month, yyyy-MM: the gateway's default. */
export const currentMonth = () => new Date().toISOString().slice(0, 7);

export function readEngagement() {
  const territory = byId('territory');
  territory.value = territory.value.trim().toUpperCase();
  return { month: byId('month').value, territory: territory.value };
}

function render(answer) {
  byId('engagement-table').caption.textContent = `CER in ${answer.territory}, ${answer.month}`;
  byId('engagement-status').textContent = answer.final
    ? `${answer.month} is final: these numbers no longer change.`
    : `${answer.month} to date: numbers move as streams arrive.`;
  const link = byId('earnings-link');
  link.href = `v1/reports/earnings?${new URLSearchParams({ month: answer.month })}`;
  link.textContent = `Earnings report ${answer.month} (CSV, every territory and offer)`;
  link.hidden = false;
  fillRows(byId('engagement-table'), answer.units.map(u => [
    u.unitId,
    u.kind,
    u.cer === null ? '—' : String(u.cer),
    count(u.distinctCustomers),
    minutes(u.minutesStreamed),
    hours(u.hoursStreamed),
    money(u.estimatedRoyalty, u.currency),
    u.currency ?? '',
  ]), 'No title or season streamed with prime in this month and territory.');
}

export const loadEngagement = loader(byId('engagement'), byId('engagement-error'), async ({ month, territory }) => {
  const answer = await getJson('v1/metrics/engagement', new URLSearchParams({ month, territory }));
  return () => render(answer);
});
