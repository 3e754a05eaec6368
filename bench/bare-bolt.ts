/**
 * The floor the bench compares against: a bare Bolt 5.1 app, configured as
 * ours is (HTTPReceiver, ack first, `convoStore: false`, auth.test before
 * listening), whose slash commands only ack. GET /healthz answers 200 once
 * it listens. Reads the same environment variables as the app:
 * PORT, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const env = process.env;
const receiver = new HTTPReceiver({
  signingSecret: env.SLACK_SIGNING_SECRET ?? '',
  endpoints: '/slack/events',
  processBeforeResponse: false,
  customRoutes: [
    {
      path: '/healthz',
      method: ['GET', 'HEAD'],
      handler: (_req, res) => {
        const body = '{"ok":true}';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
        res.end(body);
      },
    },
  ],
});
const app = new App({
  token: env.SLACK_BOT_TOKEN,
  receiver,
  convoStore: false,
  logLevel: LogLevel.WARN,
  clientOptions: env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {},
  deferInitialization: true,
});
app.command('/dialogue', async ({ ack }) => {
  await ack();
});
app.command('/commitments', async ({ ack }) => {
  await ack();
});
await app.init();
await app.start(Number(env.PORT ?? 3000));
process.once('SIGTERM', () => {
  app.stop().finally(() => process.exit(0));
});
