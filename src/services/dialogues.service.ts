import { DomainError } from '../domain/errors.js';
import type { Dialogue } from '../domain/types.js';
import { findDialogueRow, listDialogueRows, setReminderChannel } from '../store/dialogues.repository.js';
import type { DialogueRow } from '../store/dialogues.table.js';
import type { ServiceContext } from './context.js';
import { toDialogue } from './mappers.js';

export class DialogueService {
  constructor(private readonly ctx: ServiceContext) {}

  private map(row: DialogueRow): Dialogue {
    const { app, env } = this.ctx.config;
    const seed = this.ctx.settingsFor(row.id);
    return toDialogue(row, {
      timezone: app.timezone,
      ownChannel: seed?.seed.reminderChannel ?? null,
      defaultChannel: env.reminderChannel ?? app.reminderChannel,
    });
  }

  async list(): Promise<Dialogue[]> {
    return (await listDialogueRows(this.ctx.db)).map((r) => this.map(r));
  }

  async get(id: string): Promise<Dialogue> {
    const row = await findDialogueRow(this.ctx.db, id);
    if (!row) throw new DomainError('dialogue.not_found', { id });
    return this.map(row);
  }

  /**
   * Which dialogue a command is about: the one named (`--dialogue id`), else
   * the channel's default, else the only one there is.
   */
  async resolve(requested: string | null, channelId: string | null): Promise<Dialogue> {
    if (requested) return this.get(requested);
    const byChannel = channelId && this.ctx.config.dialogues.find((d) => d.channels.includes(channelId));
    if (byChannel) return this.get(byChannel.dialogue.id);
    const all = await listDialogueRows(this.ctx.db);
    if (all.length === 1) return this.map(all[0]!);
    if (all.length === 0) throw new DomainError('dialogue.not_found', { id: '' });
    throw new DomainError('dialogue.ambiguous', { ids: all.map((r) => r.id).join(', ') });
  }

  /** `/dialogue remind-here`: reminders of this dialogue go to this channel. */
  async setReminderChannel(dialogueId: string, actor: string, channelId: string, now: Date): Promise<void> {
    this.ctx.requireEditor(dialogueId, actor);
    const at = now.toISOString();
    const before = await this.get(dialogueId);
    await this.ctx.change(dialogueId, at, async (trx) => {
      await setReminderChannel(trx, dialogueId, channelId, at);
      return {
        result: undefined,
        audit: [
          {
            dialogue_id: dialogueId,
            entity: 'dialogue',
            entity_id: dialogueId,
            at,
            actor,
            action: 'reminder-channel',
            field: 'reminder_channel',
            from_value: before.reminderChannel,
            to_value: channelId,
            note: null,
          },
        ],
        events: [{ dialogueId, entity: 'dialogue', entityId: dialogueId, action: 'reminder-channel', actor, at }],
      };
    });
  }
}
