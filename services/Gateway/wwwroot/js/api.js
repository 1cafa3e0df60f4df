// Calls to the public gateway API. URLs are relative to the page, so the dashboard also works behind a path prefix.

/** An answer that is not a success, with the text to show the user. */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** GETs a JSON answer; a problem+json answer becomes an ApiError naming its title, detail and each field's errors. */
export async function getJson(path, params) {
  const query = params?.toString();
  const url = query ? `${path}?${query}` : path;
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (error) {
    throw new ApiError(`The gateway did not answer ${path}: ${error.message}`, 0);
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.json();
}

/** Reads the problem of a failed answer (RFC 9457), or says what came back instead. */
export async function problemOf(response) {
  const fallback = `${response.status} ${response.statusText}`.trim();
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) {
    return new ApiError(`The gateway answered ${fallback}.`, response.status);
  }
  const problem = await response.json();
  const parts = [problem.title ?? fallback];
  if (problem.detail) parts.push(problem.detail);
  for (const [field, messages] of Object.entries(problem.errors ?? {})) {
    parts.push(`${field}: ${[].concat(messages).join(' ')}`);
  }
  return new ApiError(parts.join(' — '), response.status);
}
