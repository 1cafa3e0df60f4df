// How numbers and bucket starts read on the page. Decimals come from the API already rounded (two for minutes and
// hours): formatting with the same number of places shows them unchanged.

const twoPlaces = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percentage = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const minutes = value => twoPlaces.format(value);
export const hours = value => twoPlaces.format(value);
export const count = value => whole.format(value);

/** A rate between 0 and 1 as a percentage, or a dash when there is none (nothing decided yet). */
export const rate = value => (value === null || value === undefined ? '—' : percentage.format(value));

/** An amount with its currency's number of places (0 for JPY); empty where the rate card has no rate. */
export function money(value, currency) {
  if (value === null || value === undefined || !currency) return '';
  const places = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
  return new Intl.NumberFormat(undefined, { minimumFractionDigits: places, maximumFractionDigits: places }).format(value);
}

/**
 * A bucket start as the gateway wrote it (already in the requested zone, e.g. 2026-11-20T10:00:00+01:00, or a date),
 * cut to what its granularity needs. Hours keep their offset: a fall-back night has two 01:00 hours.
 */
export function bucketLabel(start, granularity) {
  switch (granularity) {
    case 'hour': return `${start.slice(0, 10)} ${start.slice(11, 16)} ${start.slice(19) || ''}`.trim();
    case 'month': return start.slice(0, 7);
    default: return start.slice(0, 10);
  }
}

/** A short axis label for the same start. */
export function tickLabel(start, granularity) {
  switch (granularity) {
    case 'hour': return start.slice(11, 16);
    case 'month': return start.slice(0, 7);
    default: return start.slice(5, 10);
  }
}
