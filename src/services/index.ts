import type { Logger } from 'pino';
import type { Config } from '../config/load.js';
import type { Store } from '../store/connection.js';
import { BriefService } from './brief.service.js';
import { ChannelService } from './channels.service.js';
import { CommitmentService } from './commitments.service.js';
import { ServiceContext } from './context.js';
import { CycleService } from './cycle.service.js';
import { DialogueService } from './dialogues.service.js';
import { ExportService } from './export.service.js';
import { FeedService } from './feeds.service.js';
import { ImportService } from './import.service.js';
import { OutboxService } from './outbox.service.js';
import { PageService } from './page.service.js';
import { ReminderService } from './reminders.service.js';
import { RequestLogService } from './requests.service.js';
import { type SeedReport, seedFromConfig } from './seed.service.js';
import { UndoService } from './undo.service.js';
import { UserService } from './users.service.js';

export interface Services {
  readonly ctx: ServiceContext;
  readonly dialogues: DialogueService;
  readonly cycle: CycleService;
  readonly commitments: CommitmentService;
  /** The languages of what is posted in a channel (both, where both delegations share it). */
  readonly channels: ChannelService;
  readonly users: UserService;
  readonly reminders: ReminderService;
  readonly feeds: FeedService;
  /** The dialogue's web page and its links. */
  readonly pages: PageService;
  readonly imports: ImportService;
  readonly briefs: BriefService;
  readonly undo: UndoService;
  readonly outbox: OutboxService;
  readonly requests: RequestLogService;
  readonly exports: ExportService;
  /** Adds to the store what config has and the store lacks (see seed.service.ts). */
  seed(now: Date): Promise<SeedReport[]>;
  isEditor(dialogueId: string, userId: string): boolean;
}

export interface ServiceOptions {
  readonly extraEditors?: readonly string[];
}

export function createServices(store: Store, config: Config, logger: Logger, options: ServiceOptions = {}): Services {
  const ctx = new ServiceContext(store, config, logger, options.extraEditors);
  const dialogues = new DialogueService(ctx);
  const cycle = new CycleService(ctx, dialogues);
  const commitments = new CommitmentService(ctx, dialogues);
  const channels = new ChannelService(ctx);
  return {
    ctx,
    dialogues,
    cycle,
    commitments,
    channels,
    users: new UserService(ctx),
    reminders: new ReminderService(ctx, dialogues, cycle, commitments, channels),
    feeds: new FeedService(ctx, dialogues, cycle, commitments),
    pages: new PageService(ctx, dialogues, cycle, commitments),
    imports: new ImportService(ctx, dialogues, cycle, commitments),
    briefs: new BriefService(ctx, dialogues, cycle, commitments),
    undo: new UndoService(ctx, dialogues),
    outbox: new OutboxService(ctx),
    requests: new RequestLogService(ctx),
    exports: new ExportService(ctx, dialogues, cycle, commitments),
    seed: (now) => seedFromConfig(ctx, now),
    isEditor: (dialogueId, userId) => ctx.isEditor(dialogueId, userId),
  };
}
