/**
 * Slack's Block Kit limits, in one place. Everything we send to Slack is
 * built within these (render.ts clips text to them, the views size their
 * pages by them), and `payloadProblems` checks a finished payload against
 * them (tests run it on every message and view the app sends).
 *
 * Sources: https://docs.slack.dev/reference/block-kit/blocks (50 blocks per
 * message, 100 per modal or Home tab), the section, header, context and
 * actions block pages, the button element and the text and confirmation
 * dialog composition objects.
 */
export const SLACK_LIMITS = {
  /** Blocks in one message (chat.postMessage, response_url, ephemeral). */
  messageBlocks: 50,
  /** Blocks in a modal or a Home tab. */
  viewBlocks: 100,
  /** A section's text object. */
  sectionText: 3000,
  /** Fields of one section, and the text of each. */
  sectionFields: 10,
  fieldText: 2000,
  /** A header's plain_text. */
  headerText: 150,
  /** Elements of a context block; each text element's text. */
  contextElements: 10,
  contextText: 3000,
  /** Elements of an actions block. */
  actionsElements: 25,
  /** A button's label, value and action_id. */
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  /** A confirmation dialog's title, text and button labels. */
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** A modal's title, submit and close labels. */
  modalTitle: 24,
  modalButton: 24,
  /** A view's private_metadata. */
  privateMetadata: 3000,
  /** The top-level `text` of a message (Slack truncates longer ones). */
  messageText: 40_000,
} as const;

/** Cuts text to `max` characters, ending with "…" when it was cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never split a surrogate pair (an emoji flag, say) in two.
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON is free-form here
type Json = Record<string, any>;

/**
 * What in a message or view breaks Slack's limits, as readable lines (empty
 * when nothing does). `surface` says which block budget applies.
 */
export function payloadProblems(payload: Json, surface: 'message' | 'view'): string[] {
  const L = SLACK_LIMITS;
  const out: string[] = [];
  const blocks: Json[] = payload.blocks ?? [];
  const maxBlocks = surface === 'message' ? L.messageBlocks : L.viewBlocks;
  if (blocks.length > maxBlocks) out.push(`${blocks.length} blocks (max ${maxBlocks})`);
  if (typeof payload.text === 'string' && payload.text.length > L.messageText)
    out.push(`text: ${payload.text.length} chars (max ${L.messageText})`);
  if (surface === 'view') {
    if (payload.title?.text?.length > L.modalTitle) out.push(`view title: ${payload.title.text.length} chars`);
    if (payload.submit?.text?.length > L.modalButton) out.push(`view submit: ${payload.submit.text.length} chars`);
    if (payload.close?.text?.length > L.modalButton) out.push(`view close: ${payload.close.text.length} chars`);
    if (typeof payload.private_metadata === 'string' && payload.private_metadata.length > L.privateMetadata)
      out.push(`private_metadata: ${payload.private_metadata.length} chars`);
  }
  const actionIds = new Set<string>();
  const text = (where: string, t: Json | undefined, max: number) => {
    if (t && typeof t.text === 'string' && t.text.length > max)
      out.push(`${where}: ${t.text.length} chars (max ${max})`);
  };
  const element = (where: string, e: Json) => {
    if (e.type === 'button') text(`${where} button`, e.text, L.buttonText);
    if (typeof e.value === 'string' && e.value.length > L.buttonValue)
      out.push(`${where} value: ${e.value.length} chars (max ${L.buttonValue})`);
    if (typeof e.action_id === 'string') {
      if (e.action_id.length > L.actionId) out.push(`${where} action_id: ${e.action_id.length} chars`);
      if (actionIds.has(e.action_id)) out.push(`${where} action_id repeated: ${e.action_id}`);
      actionIds.add(e.action_id);
    }
    if (e.confirm) {
      text(`${where} confirm title`, e.confirm.title, L.confirmTitle);
      text(`${where} confirm text`, e.confirm.text, L.confirmText);
      text(`${where} confirm button`, e.confirm.confirm, L.confirmButton);
      text(`${where} deny button`, e.confirm.deny, L.confirmButton);
    }
  };
  blocks.forEach((b, i) => {
    const where = `block ${i} (${b.type})`;
    if (typeof b.block_id === 'string' && b.block_id.length > L.blockId) out.push(`${where} block_id too long`);
    switch (b.type) {
      case 'section':
        text(where, b.text, L.sectionText);
        if (b.fields) {
          if (b.fields.length > L.sectionFields) out.push(`${where}: ${b.fields.length} fields`);
          b.fields.forEach((f: Json, j: number) => {
            text(`${where} field ${j}`, f, L.fieldText);
          });
        }
        if (b.accessory) element(where, b.accessory);
        if (!b.text && !b.fields) out.push(`${where}: neither text nor fields`);
        else if (b.text && !b.text.text) out.push(`${where}: empty text`);
        break;
      case 'header':
        text(where, b.text, L.headerText);
        break;
      case 'context':
        if (b.elements.length > L.contextElements) out.push(`${where}: ${b.elements.length} elements`);
        for (const e of b.elements as Json[]) text(where, e, L.contextText);
        break;
      case 'actions':
        if (b.elements.length > L.actionsElements) out.push(`${where}: ${b.elements.length} elements`);
        for (const e of b.elements as Json[]) element(where, e);
        break;
      case 'input':
        text(`${where} label`, b.label, 2000);
        break;
    }
  });
  return out;
}
