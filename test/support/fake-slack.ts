import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call as the fake received it. */
export interface SlackCall {
  readonly method: string;
  // biome-ignore lint/suspicious/noExplicitAny: Web API arguments are free-form JSON
  readonly args: Record<string, any>;
  readonly token: string | null;
}

export interface ScriptedResponse {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: Web API responses are free-form JSON
  readonly body?: Record<string, any>;
  /** Wait this long before answering (a slow Slack). */
  readonly delayMs?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: Web API arguments are free-form JSON
export type MethodHandler = (args: Record<string, any>, call: SlackCall) => ScriptedResponse | undefined;

/**
 * A loopback stand-in for Slack's Web API (https://slack.com/api/<method>):
 * the only thing our tests fake, because it lies outside the process. The
 * real Bolt app / WebClient talks to it through `SLACK_API_URL`.
 *
 * Every call is recorded. Defaults answer `{ok: true}` with plausible fields;
 * `on(method, handler)` overrides, `failNext(method, ...responses)` queues
 * one-off answers (429 with Retry-After, 500, …) before the default resumes.
 */
/** A file as Slack's external upload received it (files.uploadV2). */
export interface UploadedFile {
  readonly id: string;
  readonly filename: string;
  /** Bytes posted to the upload URL. */
  readonly bytes: Buffer;
  /** Set once files.completeUploadExternal shared it. */
  title?: string;
  channel?: string;
  comment?: string;
}

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  /** Files uploaded through files.getUploadURLExternal → upload URL → files.completeUploadExternal, by file ID. */
  readonly uploads = new Map<string, UploadedFile>();
  private readonly pendingUploads = new Map<string, { filename: string }>();
  private fileCounter = 1;
  /** Messages posted (and accepted), per channel (a DM under its `D…` ID), oldest first, for conversations.history. */
  readonly history = new Map<
    string,
    { ts: string; text: string; user: string; bot_id: string; metadata?: unknown }[]
  >();
  /** Scopes the token has (sent as `x-oauth-scopes`, and checked by conversations.history). */
  scopes: string[] = [
    'commands',
    'chat:write',
    'im:write',
    'users:read',
    'channels:history',
    'groups:history',
    'im:history',
  ];
  /** The clock message timestamps follow (tests that simulate time set it); else a counter. */
  now: (() => Date) | null = null;
  private seq = 0;
  private server: Server | null = null;
  private readonly handlers = new Map<string, MethodHandler>();
  private readonly queued = new Map<string, ScriptedResponse[]>();
  private tsCounter = 1_700_000_000;

  private lastPort = 0;

  /** Its base URL; stays the same while it is stopped (an outage) and after `start(fake.port)`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** The port it listens on, or last listened on (to start it again on the same one after `stop()`). */
  get port(): number {
    const port = (this.server?.address() as AddressInfo | null)?.port ?? this.lastPort;
    if (!port) throw new Error('FakeSlack is not started');
    return port;
  }

  on(method: string, handler: MethodHandler): this {
    this.handlers.set(method, handler);
    return this;
  }

  failNext(method: string, ...responses: ScriptedResponse[]): this {
    this.queued.set(method, [...(this.queued.get(method) ?? []), ...responses]);
    return this;
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Files shared (completed) so far, in order. */
  completedUploads(): UploadedFile[] {
    return [...this.uploads.values()].filter((u) => u.channel !== undefined);
  }

  reset(): void {
    this.calls.length = 0;
    this.uploads.clear();
    this.pendingUploads.clear();
    this.queued.clear();
    this.handlers.clear();
    this.history.clear();
    this.now = null;
  }

  /** Slack's ID of the conversation a post lands in: a user ID means the app's DM with them. */
  static conversationOf(channel: string): string {
    return /^[UW]/.test(channel) ? `D${channel.replace(/[^A-Z0-9]/g, '')}` : channel;
  }

  private nextTs(): string {
    if (this.now) return `${Math.floor(this.now().getTime() / 1000)}.${String(++this.seq).padStart(6, '0')}`;
    return `${this.tsCounter++}.000100`;
  }

  // biome-ignore lint/suspicious/noExplicitAny: Web API responses are free-form JSON
  private defaultResponse(method: string, args: Record<string, any>): Record<string, any> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'dialoguebot',
          team_id: 'T0FAKE',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        };
      case 'chat.postMessage': {
        const channel = FakeSlack.conversationOf(String(args.channel));
        const message = {
          ts: this.nextTs(),
          text: String(args.text ?? ''),
          user: 'UBOT',
          bot_id: 'BBOT',
          ...(args.metadata ? { metadata: args.metadata } : {}),
        };
        this.history.set(channel, [...(this.history.get(channel) ?? []), message]);
        return { ok: true, channel, ts: message.ts, message };
      }
      case 'conversations.history': {
        const needed = String(args.channel).startsWith('D') ? 'im:history' : 'channels:history';
        if (!this.scopes.includes(needed)) return { ok: false, error: 'missing_scope', needed };
        const oldest = Number(args.oldest ?? 0);
        const messages = (this.history.get(String(args.channel)) ?? [])
          .filter((m) => Number(m.ts) > oldest)
          .reverse()
          .map(({ metadata, ...m }) => (args.include_all_metadata ? { ...m, metadata } : m));
        return { ok: true, messages, has_more: false };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.tsCounter++}.000200` };
      case 'conversations.open':
        return { ok: true, channel: { id: FakeSlack.conversationOf(String(args.users ?? 'UX')) } };
      case 'files.getUploadURLExternal': {
        const id = `F${String(this.fileCounter++).padStart(6, '0')}`;
        this.pendingUploads.set(id, { filename: String(args.filename) });
        return { ok: true, upload_url: `${this.url.replace(/api\/$/, '')}upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (Array.isArray(args.files) ? args.files : []) as { id: string; title?: string }[];
        for (const f of files) {
          const upload = this.uploads.get(f.id);
          if (!upload) return { ok: false, error: 'file_not_found' };
          upload.title = f.title;
          upload.channel = args.channel_id;
          upload.comment = args.initial_comment;
        }
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      case 'users.info':
        return { ok: true, user: { id: args.user, locale: 'en-US', tz: 'Europe/London', is_restricted: false } };
      default:
        return { ok: true };
    }
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, headers, body, delayMs }) => {
        const send = () => {
          res.writeHead(status, {
            'content-type': 'application/json; charset=utf-8',
            'x-oauth-scopes': this.scopes.join(','),
            ...headers,
          });
          res.end(JSON.stringify(body));
        };
        if (delayMs) setTimeout(send, delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.lastPort = (this.server!.address() as AddressInfo).port;
    return this;
  }

  private async handle(
    req: IncomingMessage,
    // biome-ignore lint/suspicious/noExplicitAny: Web API responses are free-form JSON
  ): Promise<{ status: number; headers: Record<string, string>; body: any; delayMs?: number }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if ((req.url ?? '').startsWith('/upload/')) return this.receiveUpload(req, Buffer.concat(chunks));
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
    // biome-ignore lint/suspicious/noExplicitAny: Web API arguments are free-form JSON
    let args: Record<string, any> = {};
    if ((req.headers['content-type'] ?? '').includes('application/json')) args = raw ? JSON.parse(raw) : {};
    else {
      for (const [k, v] of new URLSearchParams(raw)) {
        try {
          args[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
        } catch {
          args[k] = v;
        }
      }
    }
    const auth = req.headers.authorization ?? null;
    const token = auth?.replace(/^Bearer\s+/i, '') ?? (typeof args.token === 'string' ? args.token : null);
    const call: SlackCall = { method, args, token };
    this.calls.push(call);
    const queue = this.queued.get(method);
    const scripted = queue?.shift() ?? this.handlers.get(method)?.(args, call);
    return {
      status: scripted?.status ?? 200,
      headers: scripted?.headers ?? {},
      body: scripted?.body ?? this.defaultResponse(method, args),
      delayMs: scripted?.delayMs,
    };
  }

  /** The upload URL Slack hands out: the file's bytes as multipart form data (field `body`) or raw. */
  private async receiveUpload(
    req: IncomingMessage,
    body: Buffer,
    // biome-ignore lint/suspicious/noExplicitAny: Web API responses are free-form JSON
  ): Promise<{ status: number; headers: Record<string, string>; body: any }> {
    const id = (req.url ?? '').slice('/upload/'.length);
    const pending = this.pendingUploads.get(id);
    this.calls.push({ method: `upload/${id}`, args: {}, token: null });
    if (!pending) return { status: 404, headers: {}, body: { ok: false } };
    let bytes = body;
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Request('http://upload.local/', {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      }).formData();
      const file = [...form.values()].find((v) => typeof v !== 'string');
      if (file && typeof file !== 'string') bytes = Buffer.from(await file.arrayBuffer());
    }
    this.pendingUploads.delete(id);
    this.uploads.set(id, { id, filename: pending.filename, bytes });
    return { status: 200, headers: {}, body: `OK - ${bytes.length}` };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
