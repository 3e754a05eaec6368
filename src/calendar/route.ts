import type { RouteHandler } from '../http.js';
import type { Core } from '../main.js';

/** GET /calendar/<token>.ics (calendar issue); undefined until feeds exist. */
export function createCalendarRoute(_core: Core): RouteHandler | undefined {
  return undefined;
}
