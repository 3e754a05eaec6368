import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's types
type Db = Kysely<any>;

/**
 * - commitments: where each came from (the statement's title, URL when known,
 *   and the sentence it was read from) and who added it by hand.
 * - subscriptions: the feed token itself, so `/dialogue subscribe` can show a
 *   user's existing address again instead of replacing it (rows made before
 *   keep only the hash; their address keeps working until reset).
 * - rounds: an end time for timed rounds.
 * - user_names: Slack display names, for places Slack cannot render a
 *   mention (calendar feeds), refreshed when seen.
 *
 * Existing data: imported commitments get their statement's title back from
 * the audit note written at import (`joint statement: <title>`); seeded ones
 * the dialogue's configured source when they belong to its earliest round;
 * commitments added by hand get their author from the audit log.
 */
export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('commitments').addColumn('source_title', 'text').execute();
  await db.schema.alterTable('commitments').addColumn('source_url', 'text').execute();
  await db.schema.alterTable('commitments').addColumn('source_text', 'text').execute();
  await db.schema.alterTable('commitments').addColumn('created_by', 'text').execute();
  await db.schema.alterTable('subscriptions').addColumn('token', 'text').execute();
  await db.schema.alterTable('rounds').addColumn('end_time', 'text').execute();
  await db.schema
    .createTable('user_names')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('refreshed_at', 'text', (c) => c.notNull())
    .execute();

  const created = await db
    .selectFrom('audit_events')
    .select(['dialogue_id', 'entity_id', 'actor', 'action', 'note'])
    .where('entity', '=', 'commitment')
    .where('action', 'in', ['created', 'seeded'])
    .orderBy('id')
    .execute();
  const rows = await db.selectFrom('commitments').select(['dialogue_id', 'id', 'edition']).execute();
  const dialogues = await db.selectFrom('dialogues').select(['id', 'definition']).execute();
  const sources = new Map<string, { url: string; title: string } | null>();
  for (const d of dialogues) {
    try {
      const def = JSON.parse(d.definition) as { source?: { url: string; title: string } | null };
      sources.set(d.id, def.source ?? null);
    } catch {
      sources.set(d.id, null);
    }
  }
  const firstEdition = new Map<string, number>();
  for (const r of rows)
    if (r.edition !== null)
      firstEdition.set(r.dialogue_id, Math.min(Number(r.edition), firstEdition.get(r.dialogue_id) ?? Infinity));
  const byKey = new Map(rows.map((r) => [`${r.dialogue_id}\u0000${r.id}`, r]));
  for (const e of created) {
    const row = byKey.get(`${e.dialogue_id}\u0000${e.entity_id}`);
    if (!row) continue;
    let set: Record<string, string> | null = null;
    if (row.edition === null) {
      if (e.action === 'created') set = { created_by: e.actor };
    } else if (e.action === 'created' && typeof e.note === 'string' && e.note.startsWith('joint statement: ')) {
      set = { source_title: e.note.slice('joint statement: '.length) };
    } else if (e.action === 'seeded' && Number(row.edition) === firstEdition.get(row.dialogue_id)) {
      const source = sources.get(row.dialogue_id);
      if (source) set = { source_title: source.title, source_url: source.url };
    }
    if (set)
      await db
        .updateTable('commitments')
        .set(set)
        .where('dialogue_id', '=', e.dialogue_id)
        .where('id', '=', e.entity_id)
        .execute();
  }
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('user_names').execute();
  await db.schema.alterTable('rounds').dropColumn('end_time').execute();
  await db.schema.alterTable('subscriptions').dropColumn('token').execute();
  for (const column of ['created_by', 'source_text', 'source_url', 'source_title'])
    await db.schema.alterTable('commitments').dropColumn(column).execute();
}
