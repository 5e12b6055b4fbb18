// A small GraphQL client for the healthgraph API (same origin). The session cookie goes with every
// request by itself; a 401 (not logged in, or the session expired) leads to the login page.

import { t } from './i18n';
import { askLogin } from './session';

export interface GraphqlError {
  message: string;
  extensions?: { classification?: string; correlationId?: string };
}

export class ApiError extends Error {
  constructor(readonly errors: GraphqlError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

export async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  if (response.status === 401) {
    askLogin();
    throw new ApiError([{ message: t.session.required }]);
  }
  if (!response.ok && response.status !== 503) {
    throw new ApiError([{ message: `HTTP ${response.status}` }]);
  }
  // 503: something the query needs is being built (the timeline index after a start); the body's
  // errors say what, and Retry-After when to ask again.
  const body = (await response.json().catch(() => ({
    errors: [{ message: `HTTP ${response.status}` }],
  }))) as { data?: T; errors?: GraphqlError[] };
  if (response.status === 503) {
    const retry = response.headers.get('Retry-After');
    const errors = body.errors && body.errors.length > 0 ? body.errors : [{ message: 'HTTP 503' }];
    throw new ApiError(retry ? errors.map((e) => ({ ...e, message: `${e.message} (retry after ${retry} s)` })) : errors);
  }
  if (body.errors && body.errors.length > 0) {
    // A field the caller's role may not read: say so in the page's language, and how to fix it.
    throw new ApiError(body.errors.map((e) => (e.extensions?.classification === 'FORBIDDEN' ? { ...e, message: t.session.forbidden } : e)));
  }
  return body.data as T;
}
