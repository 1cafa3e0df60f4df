// Signing in and out. The key goes to the gateway once, in the sign-in request; the gateway keeps it in an HttpOnly
// cookie that no script of this page can read, and the page keeps no copy (no variable, no storage).
import { problemOf } from './api.js';

/** Who is signed in ({ distributorId }, null for the operator), or null when nobody is. */
export async function currentSession() {
  const response = await fetch('v1/session', { headers: { Accept: 'application/json' } });
  if (response.status === 401) return null;
  if (!response.ok) throw await problemOf(response);
  return response.json();
}

export async function signIn(key) {
  const response = await fetch('v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ key }),
  });
  if (!response.ok) throw await problemOf(response);
}

export async function signOut() {
  const response = await fetch('v1/session', { method: 'DELETE' });
  if (!response.ok) throw await problemOf(response);
}
