/**
 * What a request from Slack must look like before Bolt sees it. Bolt trusts
 * a signed body's shape: `payload=null` made its receiver throw outside any
 * handler (the process died), a slash command without `response_url` left
 * `respond` undefined, `block_actions` without a user or `view_submission`
 * without a view failed inside listeners. A signed body only proves it came
 * from someone holding the signing secret, not that it is well formed.
 *
 * Pure: text in, verdict out.
 */

export type SlackBody = Record<string, unknown>;

export type Parsed = { readonly ok: true; readonly body: SlackBody } | { readonly ok: false; readonly reason: string };

const USER_ID = /^[UW][A-Z0-9]{2,}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function httpUrl(v: unknown): boolean {
  if (!str(v)) return false;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function userOf(p: Record<string, unknown>): string | null {
  const user = p.user;
  return isObject(user) && str(user.id) && USER_ID.test(user.id) ? user.id : null;
}

/** Why an interactive payload (`payload=` JSON) cannot be handled; null when it can. */
function interactiveProblem(p: Record<string, unknown>): string | null {
  if (!str(p.type)) return 'payload without a type';
  if (!userOf(p)) return `${p.type} without a user`;
  switch (p.type) {
    case 'block_actions': {
      if (!Array.isArray(p.actions) || p.actions.length === 0) return 'block_actions without actions';
      if (!p.actions.every((a) => isObject(a) && str(a.action_id)))
        return 'block_actions with an action lacking action_id';
      return null;
    }
    case 'view_submission':
    case 'view_closed': {
      const view = p.view;
      if (!isObject(view)) return `${p.type} without a view`;
      if (!str(view.id) || typeof view.callback_id !== 'string')
        return `${p.type} with a view lacking id or callback_id`;
      if (p.type === 'view_submission' && !(isObject(view.state) && isObject(view.state.values)))
        return 'view_submission without state values';
      return null;
    }
    case 'shortcut':
    case 'message_action':
      return typeof p.callback_id === 'string' ? null : `${p.type} without a callback_id`;
    case 'block_suggestion':
      return str(p.action_id) ? null : 'block_suggestion without an action_id';
    default:
      return `unknown payload type "${String(p.type).slice(0, 40)}"`;
  }
}

/** Why a slash command (form fields) cannot be handled; null when it can. */
function commandProblem(f: Record<string, unknown>): string | null {
  if (!str(f.command) || !f.command.startsWith('/')) return 'slash command without a command';
  if (!str(f.user_id) || !USER_ID.test(f.user_id)) return 'slash command without a user';
  if (!httpUrl(f.response_url)) return 'slash command without a response_url';
  if (f.text !== undefined && typeof f.text !== 'string') return 'slash command with a malformed text';
  return null;
}

/** Why an Events API body (JSON) cannot be handled; null when it can. */
function eventProblem(b: Record<string, unknown>): string | null {
  switch (b.type) {
    case 'url_verification':
      return str(b.challenge) ? null : 'url_verification without a challenge';
    case 'event_callback': {
      const event = b.event;
      if (!isObject(event) || !str(event.type)) return 'event_callback without an event';
      return null;
    }
    case 'app_rate_limited':
      return null;
    default:
      return str(b.type) ? `unknown event envelope "${b.type.slice(0, 40)}"` : 'JSON body without a type';
  }
}

/**
 * Parses and checks a Slack request body. `form` for
 * application/x-www-form-urlencoded (slash commands; interactivity as one
 * `payload` field of JSON), `json` for the Events API.
 */
export function parseSlackBody(text: string, kind: 'form' | 'json'): Parsed {
  if (kind === 'json') {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'body is not JSON' };
    }
    if (!isObject(body)) return { ok: false, reason: 'JSON body is not an object' };
    const problem = eventProblem(body);
    return problem ? { ok: false, reason: problem } : { ok: true, body };
  }
  const params = new URLSearchParams(text);
  const fields: Record<string, unknown> = {};
  for (const [k, v] of params) {
    // A repeated field is ambiguous (which one did Slack sign for which meaning?): refuse it.
    if (Object.hasOwn(fields, k)) return { ok: false, reason: `field "${k.slice(0, 40)}" given twice` };
    fields[k] = v;
  }
  if (fields.payload !== undefined) {
    let payload: unknown;
    try {
      payload = JSON.parse(String(fields.payload));
    } catch {
      return { ok: false, reason: 'payload is not JSON' };
    }
    if (!isObject(payload)) return { ok: false, reason: 'payload is not an object' };
    const problem = interactiveProblem(payload);
    return problem ? { ok: false, reason: problem } : { ok: true, body: payload };
  }
  if (fields.command !== undefined) {
    const problem = commandProblem(fields);
    return problem ? { ok: false, reason: problem } : { ok: true, body: fields };
  }
  return { ok: false, reason: 'form body is neither a slash command nor an interactive payload' };
}
