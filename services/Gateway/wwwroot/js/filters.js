// The period and filter form: its defaults, the title list, and what the sections read from it.
import { getJson } from './api.js';
import { byId } from './dom.js';

const DEFAULT_DAYS = 7;

/** A date in a zone as yyyy-MM-dd (the Swedish locale writes ISO dates). */
const isoDate = (date, timeZone) => new Intl.DateTimeFormat('sv-SE', { timeZone }).format(date);

/** The browser's zone, the last 7 days in it, and every IANA zone name as a suggestion. */
export function initFilters() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const now = new Date();
  byId('tz').value = zone;
  byId('to').value = isoDate(now, zone);
  byId('from').value = isoDate(new Date(now.getTime() - (DEFAULT_DAYS - 1) * 86_400_000), zone);
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  byId('tz-list').replaceChildren(...zones.map(name => new Option(name, name)));
}

/** Fills the title list from GET /v1/titles, keeping what was selected. */
export async function loadTitles() {
  const select = byId('titles');
  const selected = new Set(selectedTitles());
  const { titles } = await getJson('v1/titles');
  select.replaceChildren(...titles.map(t => new Option(t.titleId, t.titleId, false, selected.has(t.titleId))));
}

export const selectedTitles = () => [...byId('titles').selectedOptions].map(o => o.value);

/** The form as the sections need it. */
export function readFilters() {
  return {
    from: byId('from').value,
    to: byId('to').value,
    tz: byId('tz').value.trim(),
    granularity: byId('granularity').value,
    titleIds: selectedTitles(),
    offer: byId('offer').value,
  };
}
