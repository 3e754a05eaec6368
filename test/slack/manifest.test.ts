import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { usageHint } from '../../src/commands/verbs.js';
import { REPO } from '../support/store.js';

// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document
const manifest: any = parse(readFileSync(`${REPO}manifest.yml`, 'utf8'));

describe('manifest.yml', () => {
  it('declares both slash commands, escaped, with descriptions and usage hints covering the contract', () => {
    const commands = manifest.features.slash_commands;
    expect(commands.map((c: { command: string }) => c.command)).toEqual(['/dialogue', '/commitments']);
    for (const c of commands) {
      expect(c.should_escape).toBe(true);
      expect(c.description.length).toBeGreaterThan(10);
      expect(c.usage_hint.length).toBeLessThanOrEqual(1000);
    }
    // The hints are the verb registry's, word for word: a verb added to the app is a verb Slack suggests.
    const [dialogue, commitments] = commands;
    expect(dialogue.usage_hint).toBe(usageHint('/dialogue'));
    expect(commitments.usage_hint).toBe(usageHint('/commitments'));
    for (const verb of ['next', 'cycle', 'schedule', 'held', 'postpone', 'cancel', 'subscribe', 'brief', 'lang'])
      expect(dialogue.usage_hint).toContain(verb);
  });

  it('asks for the bot scopes the app uses and no more', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'channels:history',
      'channels:read',
      'chat:write',
      'commands',
      'files:write',
      'groups:history',
      'groups:read',
      'im:history',
      'im:write',
      'users:read',
    ]);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('turns on App Home, interactivity and the events the app listens to, all on /slack/events', () => {
    // Reminder DMs carry buttons: a read-only Messages tab would leave them unusable to the owner.
    expect(manifest.features.app_home).toMatchObject({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.features.bot_user.display_name).toBe('Dialogue Tracker');
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect(typeof manifest.settings.socket_mode_enabled).toBe('boolean');
    const urls = [
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
    ];
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
    expect(new Set(urls).size).toBe(1);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(175);
  });
});
