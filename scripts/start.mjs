// `npm start`: builds the extension, starts the embedded local DynamoDB (dynalite on 127.0.0.1),
// seeds the demo tables when it has none, and opens VS Code with the extension and examples/:
// desktop `code` when it is on PATH, otherwise code-server (installed into .vscode-test/ on first
// use) at a printed URL. Ctrl+C stops everything it started.
//
// Environment: DDD_START_STATE=DIR keeps the server data and the code-server profile there
// (default .vscode-test/start); DDD_START_BROWSER_ONLY=1 uses code-server even when `code` exists.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The AWS SDK's 8-line notice about its future Node.js support (the CLI silences it too); children inherit it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const state = process.env.DDD_START_STATE ?? join(root, '.vscode-test/start');
const children = [];
const say = (message) => console.log(`[start] ${message}`);

// Set once we stop on purpose (Ctrl+C, the window closed): children exiting then is expected, not news.
let stopping = false;

function stopAll(code = 0) {
  if (stopping) { return; }
  stopping = true;
  for (const child of children.reverse()) {
    if (child.exitCode === null && child.signalCode === null) { child.kill('SIGTERM'); }
  }
  setTimeout(() => process.exit(code), 300).unref();
}
process.on('SIGINT', () => { if (!stopping) { say('stopping (Ctrl+C)'); } stopAll(0); });
process.on('SIGTERM', () => stopAll(0));

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) { say(`${command} ${args.join(' ')} failed`); process.exit(1); }
}

function onPath(command) {
  try { execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }); return true; } catch { return false; }
}

/** Resolves the first stdout/stderr match of `pattern` from a child, or rejects when it exits. */
function waitFor(child, pattern, what, ms = 60000) {
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (d) => {
      log += d;
      const m = pattern.exec(log);
      if (m) { resolve(m); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}):\n${log.slice(-2000)}`)));
    setTimeout(() => reject(new Error(`${what} did not start in ${ms / 1000} s:\n${log.slice(-2000)}`)), ms).unref();
  });
}

async function main() {
  say('building');
  run(process.execPath, ['scripts/build.mjs']);
  run(process.execPath, ['scripts/compile.mjs']);

  mkdirSync(state, { recursive: true });
  const dataDir = join(state, 'local-dynamodb');
  const server = spawn(process.execPath, [join(root, 'dist/dynaliteMain.js'), '--path', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(server);
  // A data folder from before the index-key patch is rebuilt once before the port is printed.
  server.stdout.on('data', (d) => { if (String(d).includes('"rebuildingIndexes"')) { say('rebuilding the secondary indexes of the data folder (once)'); } });
  const [, port] = await waitFor(server, /\{"port":(\d+)\}/, 'the embedded local DynamoDB', 10 * 60_000);
  const endpoint = `http://127.0.0.1:${port}`;
  say(`embedded local DynamoDB at ${endpoint} (pid ${server.pid}, data in ${dataDir})`);

  const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
  const { seedDemoTables } = require(join(root, 'out/src/dynamo/seed.js'));
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const seeded = await seedDemoTables(client, { onProgress: (m) => say(m) });
  client.destroy();
  say(`demo tables: ${seeded.map((t) => `${t.name} (${t.created ? `created, ${t.itemsWritten} items` : 'already there'})`).join(', ')}`);

  const env = { ...process.env, DYNAMODB_DESIGNER_LOCAL_ENDPOINT: endpoint };
  const examples = join(root, 'examples');
  if (onPath('code') && !process.env.DDD_START_BROWSER_ONLY) {
    say('opening VS Code (close its window or press Ctrl+C here to stop)');
    const code = spawn('code', ['--new-window', '--wait', `--extensionDevelopmentPath=${root}`, examples], { env, stdio: 'inherit' });
    children.push(code);
    code.once('exit', () => stopAll(0));
    return;
  }

  const entry = join(root, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js');
  if (!existsSync(entry)) {
    say('installing code-server (once)');
    run('bash', ['scripts/setup.sh', '--code-server-only']);
  }
  const profile = join(state, 'code-server');
  mkdirSync(join(profile, 'user-data/User'), { recursive: true });
  const settings = join(profile, 'user-data/User/settings.json');
  if (!existsSync(settings)) {
    writeFileSync(settings, JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'update.mode': 'none', 'git.openRepositoryInParentFolders': 'never' }, null, 2));
  }
  writeFileSync(join(profile, 'config.yaml'), 'auth: none\n');
  const codeServer = spawn(process.execPath, [entry, '--config', join(profile, 'config.yaml'), '--auth', 'none', '--bind-addr', `127.0.0.1:${process.env.DDD_START_PORT ?? 0}`,
    '--user-data-dir', join(profile, 'user-data'), '--extensions-dir', join(profile, 'extensions'), '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', examples], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(codeServer);
  const [, csPort] = await waitFor(codeServer, /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/, 'code-server');
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${csPort}${root}`]]);
  const url = `http://127.0.0.1:${csPort}/?folder=${encodeURIComponent(examples)}&payload=${encodeURIComponent(payload)}`;
  const exited = (what) => (code, signal) => {
    if (stopping) { return; }
    say(`${what} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping`);
    stopAll(1);
  };
  codeServer.once('exit', exited('code-server'));
  server.once('exit', exited('the embedded local DynamoDB'));
  console.log(`\nDynamoDB Designer is running in VS Code (code-server). Open:\n\n  ${url}\n\nThen click the DynamoDB icon in the activity bar. Press Ctrl+C to stop.\n`);
}

main().catch((error) => {
  if (stopping) { return; }
  console.error(`[start] ${error.message}`);
  stopAll(1);
});
