// Small DOM helpers shared by the sections.

export const byId = id => document.getElementById(id);

/** Shows an error message in an alert element, or hides it when there is none. */
export function showError(element, error) {
  element.textContent = error ? error.message ?? String(error) : '';
  element.hidden = !error;
}

/** Replaces a table's body with rows of cell texts; an empty list shows one row saying so. */
export function fillRows(table, rows, emptyText) {
  const body = table.tBodies[0];
  if (rows.length === 0) {
    const row = body.ownerDocument.createElement('tr');
    const cell = row.insertCell();
    cell.colSpan = table.tHead.rows[0].cells.length;
    cell.className = 'empty';
    cell.textContent = emptyText;
    body.replaceChildren(row);
    return;
  }
  body.replaceChildren(...rows.map(cells => {
    const row = body.ownerDocument.createElement('tr');
    cells.forEach((text, i) => {
      const cell = i === 0 ? row.appendChild(body.ownerDocument.createElement('th')) : row.insertCell();
      if (i === 0) cell.scope = 'row';
      cell.textContent = text;
    });
    return row;
  }));
}

/**
 * Runs one load of a section at a time: a later call makes the answer of an earlier one stale, so a slow answer
 * never overwrites a newer one. Marks the section busy meanwhile and shows (never swallows) its error.
 */
export function loader(section, errorElement, load) {
  let generation = 0;
  return async (...args) => {
    const mine = ++generation;
    section.setAttribute('aria-busy', 'true');
    try {
      const render = await load(...args);
      if (mine === generation) {
        render?.();
        showError(errorElement, null);
      }
    } catch (error) {
      if (mine === generation) showError(errorElement, error);
    } finally {
      if (mine === generation) section.setAttribute('aria-busy', 'false');
    }
  };
}
