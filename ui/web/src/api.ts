// A small GraphQL client for the healthgraph API (same origin).

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
  if (!response.ok) {
    throw new ApiError([{ message: `HTTP ${response.status}` }]);
  }
  const body = (await response.json()) as { data?: T; errors?: GraphqlError[] };
  if (body.errors && body.errors.length > 0) {
    throw new ApiError(body.errors);
  }
  return body.data as T;
}
