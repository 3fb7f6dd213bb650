/**
 * The explorer as a newcomer meets it, in the real workbench (code-server 4.100.3 in headless
 * Chromium, the built extension): from the click on the DynamoDB activity-bar icon, with the
 * extension not active yet, to the embedded connection's tables shown. That covers activation,
 * starting the embedded dynalite (a child process on its data folder), ListTables and the tree.
 * The data folder is seeded with the demo tables beforehand by the same dynalite entry, so the
 * list is not empty. One sample per fresh code-server (activation happens once per window).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { seedDemoTables } from '../src/dynamo/seed';
import { launchBrowser, root, startCodeServer } from '../test/e2e/launch/harness';
import { activityIcon, explorerRow, openWorkbench } from '../test/e2e/launch/workbench';
import { summarize } from './main';
import type { Row } from './main';

const SAMPLES = 3;

/** Seeds the demo tables into a dynalite data folder with the extension's own server entry, then stops it. */
async function seedFolder(dataDir: string): Promise<void> {
  const server = spawn(process.execPath, [join(root, 'dist/dynaliteMain.js'), '--path', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const port = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout!.on('data', (d: Buffer) => { out += d; const m = /\{"port":(\d+)\}/.exec(out); if (m) { resolve(m[1]); } });
      server.once('exit', code => reject(new Error(`dynalite exited (${code})`)));
    });
    const client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await seedDemoTables(client, { itemsPerTable: 10 });
    client.destroy();
  } finally {
    const exited = new Promise(resolve => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
}

async function sample(): Promise<number> {
  const server = await startCodeServer({ workspaceFrom: join(root, 'test/fixtures/workspace') });
  const { context, page } = await launchBrowser(server.tmp);
  page.setDefaultTimeout(60000);
  try {
    await seedFolder(join(server.tmp, 'user-data/User/globalStorage/dynamodb-designer.dynamodb-designer/local-dynamodb'));
    await openWorkbench(page, server, 'dark');
    const clicked = Date.now();
    await activityIcon(page).click();
    await explorerRow(page, 'DeviceReadings').waitFor();
    return Date.now() - clicked;
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
  }
}

export async function run(): Promise<Row[]> {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) { samples.push(await sample()); }
  return [summarize('explorer: DynamoDB icon click (extension not active) to the embedded tables shown: activation, dynalite start, list (code-server, Chromium)', samples)];
}
