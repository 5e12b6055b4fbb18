// What the server is still building (the demo's data, an index), read from the public health
// endpoint. The loading banner polls it; the home page asks it before calling the catalog empty;
// when the last build ends, 'healthgraph:ready' is dispatched so that pages drawn meanwhile refresh.

/** One build's readiness as {@code /actuator/health} shows it (component {@code indexes}). */
export interface Readiness { state: string; detail?: string; done?: number; total?: number }

let building: boolean | null = null;

/** Every build the server reports, by name; empty when the endpoint cannot be read. */
export async function readiness(): Promise<Record<string, Readiness>> {
  try {
    const response = await fetch('/actuator/health', { headers: { Accept: 'application/json' } });
    const health = (await response.json()) as { components?: { indexes?: { details?: Record<string, Readiness> } } };
    const details = health.components?.indexes?.details ?? {};
    const now = Object.values(details).some((r) => r.state === 'BUILDING');
    if (building === true && !now) {
      window.dispatchEvent(new Event('healthgraph:ready'));
    }
    building = now;
    return details;
  } catch {
    return {};
  }
}

/** Whether the server is still building something (read once if not polled yet). */
export async function stillBuilding(): Promise<boolean> {
  if (building === null) {
    await readiness();
  }
  return building === true;
}
