import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerMessage } from './load.js';

/**
 * The child side of BenchServer: announces the port, answers CPU-time
 * queries, and closes `server` (then `cleanup`) on SIGTERM.
 */
export function serve(server: Server, info: Record<string, string>, cleanup: () => Promise<void> = async () => {}) {
  const send = (m: ServerMessage) => process.send?.(m);
  process.on('message', (m) => {
    if (m === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ type: 'cpu', user, system });
    }
  });
  process.once('SIGTERM', () => {
    server.close(() => {
      cleanup().finally(() => process.exit(0));
    });
    server.closeAllConnections();
  });
  send({ type: 'ready', port: (server.address() as AddressInfo).port, info });
}
