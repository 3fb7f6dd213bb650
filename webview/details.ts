/** The table details panel: everything LiveTable holds, laid out for reading, with actions. */
import type { LiveIndex, LiveKeyElement, LiveTable, Fetched } from '../src/model/live';
import type { ServerFeature } from '../src/model/plan';
import type { DetailsData, Limitation, PanelTarget } from './protocol';
import { Host, errorInfo } from './rpc';
import { formatBytes } from '../src/model/live';
import { el, field, formatCount, replace } from './dom';
import { badge, button, divider } from './toolkit';
import { MessageArea, busy, start } from './ui';

const app = start();
const host = new Host();
const messages = new MessageArea();
const content = el('div', { id: 'details' });
const header = el('header', { class: 'header', id: 'details-header' }, el('h1', {}, el('span', { class: 'placeholder' }, 'Reading the table…')));
let data: DetailsData | undefined;

const refreshButton = button('Refresh', () => { void load(); }, { id: 'refresh', title: 'Read the table description again' });
const browseButton = button('Browse items', () => { void act('details.browse', 'Browse items'); }, { appearance: 'primary', id: 'browse' });
const exportButton = button('Export as config', () => { void act('details.exportConfig', 'Export as config'); }, { id: 'export-config' });
const toolbar = el('div', { class: 'toolbar' }, browseButton, refreshButton, exportButton);
exportButton.classList.add('hidden');
replace(app, header, toolbar, messages.element, content);

host.on('refresh', () => { void load(); });

/** The count being made, if any: its progress text goes here. */
let counting: { set(text: string): void } | undefined;
host.on('progress', p => {
  counting?.set(`Counting… ${formatCount(p.count)} items so far (${formatCount(p.requests)} ${p.requests === 1 ? 'request' : 'requests'})`);
});

async function act(method: 'details.browse' | 'details.exportConfig', what: string, params: { index?: string } = {}): Promise<void> {
  messages.clear();
  try { await host.request(method, params); } catch (error) { messages.error(errorInfo(error), what); }
}

/** Keeps the target in the panel state (a window reload brings the panel back, even after a failed load). */
function keepState(target: PanelTarget): void {
  host.state = { v: 1, kind: 'details', target };
}

async function load(): Promise<void> {
  const spinner = busy('Reading the table…');
  messages.clear();
  toolbar.append(spinner.element);
  refreshButton.disabled = true;
  try {
    data = await host.request('details.load', {});
    keepState(data.target);
    exportButton.classList.toggle('hidden', !data.canExportConfig);
    render(data);
  } catch (error) {
    messages.error(errorInfo(error), 'Cannot read the table');
    const retry = button('Retry', () => { void load(); }, { id: 'retry', appearance: 'primary', title: 'Read the table description again' });
    messages.element.firstElementChild?.append(retry);
    if (!data) { replace(header, el('h1', {}, el('span', { class: 'placeholder' }, 'The table could not be read'))); }
  } finally {
    spinner.element.remove();
    refreshButton.disabled = false;
  }
}

function limitation(limitations: readonly Limitation[], feature: ServerFeature): HTMLElement | null {
  const found = limitations.find(l => l.feature === feature);
  return found ? el('div', { class: 'limitation', title: found.detail }, found.label) : null;
}

function unknown<T>(value: Fetched<T>, show: (v: T) => (Node | string)[]): (Node | string)[] {
  return value.state === 'known' ? show(value.value) : [el('span', { class: 'unknown' }, `unknown: ${value.reason}`)];
}

function keyList(keys: readonly LiveKeyElement[], attributes: Readonly<Record<string, string>>): HTMLElement {
  return el('span', { class: 'keys' }, ...keys.flatMap((k, i) => [
    i ? ', ' : '',
    el('span', { class: 'mono' }, k.name),
    ' ', el('span', { class: 'type', title: 'attribute type' }, attributes[k.name] ?? '?'),
    el('span', { class: 'note' }, k.keyType === 'HASH' ? 'partition key' : 'sort key'),
  ]));
}

function throughput(t: { read: number; write: number } | undefined, billing: string): string {
  if (billing === 'PAY_PER_REQUEST') { return 'on demand'; }
  return t ? `${formatCount(t.read)} read / ${formatCount(t.write)} write capacity units` : 'not reported';
}

function copyable(text: string, label: string): HTMLElement {
  return el('span', { class: 'copyable' },
    el('span', { class: 'mono' }, text), ' ',
    button('Copy', () => {
      void host.request('copy', { text }).then(() => messages.notice(`${label} copied.`), error => messages.error(errorInfo(error), 'Copy'));
    }, { title: `Copy the ${label}` }));
}

/**
 * The reported item count and size, in words: the embedded server reports 0 whatever the table
 * holds, so there they are "not reported"; AWS's refresh about every six hours is said for AWS only.
 */
function itemCount(d: DetailsData, count: number | undefined, bytes: number | undefined, id?: string): (Node | string)[] {
  if (d.itemCounts === 'not-reported') {
    return [el('span', { class: 'unknown', ...(id ? { id } : {}), title: 'This server reports 0 items and 0 bytes whatever the table holds.' }, 'not reported by this server')];
  }
  return [
    el('span', { ...(id ? { id } : {}) }, count !== undefined ? formatCount(count) : 'not reported', ', ', bytes !== undefined ? formatBytes(bytes) : 'size not reported'),
    d.itemCounts === 'aws' ? el('div', { class: 'note' }, 'AWS refreshes the item count and size about every six hours.') : null,
  ].filter((n): n is HTMLElement => n !== null);
}

/**
 * "Count items": a Scan with Select COUNT made by the host, on any server; progress while it
 * runs, Stop to cancel, then the exact count and when it was made.
 */
function countControl(index: string | undefined): HTMLElement {
  const what = index ? `the items of the index ${index}` : 'the items of the table';
  const place = el('div', { class: 'count', dataset: index ? { countIndex: index } : { countTable: '' } });
  const idle = (): void => {
    replace(place, button('Count items', () => { void count(); }, { id: index ? undefined : 'count-items', title: `Count ${what} with a scan (reads every item once; costs read capacity like a full scan)` }));
  };
  const count = async (): Promise<void> => {
    const spinner = busy('Counting…');
    counting = spinner;
    const stop = button('Stop', () => host.notify('details.stopCount', {}), { id: index ? undefined : 'stop-count', title: 'Stop counting' });
    replace(place, spinner.element, stop);
    stop.focus();
    try {
      const outcome = await host.request('details.count', index ? { index } : {});
      if (outcome.done) {
        const again = button('Count again', () => { void count(); }, { title: `Count ${what} again` });
        replace(place,
          el('span', { class: 'counted', role: 'status' }, `${formatCount(outcome.count)} ${outcome.count === 1 ? 'item' : 'items'} counted at ${new Date().toLocaleTimeString()}`,
            el('span', { class: 'note' }, ` (a scan of ${formatCount(outcome.requests)} ${outcome.requests === 1 ? 'request' : 'requests'}${outcome.consumedCapacity !== undefined ? `, ${outcome.consumedCapacity} capacity units` : ''})`)),
          ' ', again);
        again.focus();
      } else {
        idle();
        place.prepend(el('span', { class: 'note', role: 'status' }, 'Count stopped. '));
        (place.querySelector('vscode-button') as HTMLElement | null)?.focus();
      }
    } catch (error) {
      idle();
      messages.error(errorInfo(error), 'Count items');
    } finally {
      if (counting === spinner) { counting = undefined; }
    }
  };
  idle();
  return place;
}

function indexBlock(d: DetailsData, index: LiveIndex, table: LiveTable): HTMLElement {
  const projection = index.projectionType === 'INCLUDE' ? `INCLUDE: ${index.nonKeyAttributes.join(', ')}` : index.projectionType;
  return el('div', { class: 'index', dataset: { index: index.name } },
    el('h3', {}, el('span', { class: 'index-kind' }, index.kind), el('span', { class: 'mono' }, index.name),
      button('Browse', () => { void act('details.browse', 'Browse items', { index: index.name }); }, { title: `Browse the items of the ${index.kind} ${index.name}` })),
    el('dl', { class: 'facts' },
      ...field('Keys', keyList(index.keySchema, table.attributes)),
      ...field('Projection', projection),
      ...(index.status ? field('Status', index.status, index.backfilling ? ' (backfilling)' : '') : []),
      ...(index.kind === 'GSI' ? field('Throughput', throughput(index.throughput, table.billingMode)) : field('Throughput', 'shared with the table')),
      ...(index.itemCount !== undefined || d.itemCounts === 'not-reported' ? field('Items', ...itemCount(d, index.itemCount, index.sizeBytes), countControl(index.name)) : []),
      ...(index.arn ? field('ARN', copyable(index.arn, 'index ARN')) : []),
    ));
}

function render(d: DetailsData): void {
  const t = d.table;
  const lim = d.limitations;
  const statusClass = t.status === 'ACTIVE' ? 'status-ok' : 'status-busy';
  const tags = t.tags;
  const status = badge(t.status, 'table status');
  status.classList.add('status', statusClass);
  replace(header,
    el('h1', {}, el('span', { class: 'mono' }, t.name), status),
    el('p', { class: 'subtitle' }, `${d.location} · read at ${new Date(d.fetchedAt).toLocaleTimeString()}`));
  replace(content,
    lim.length ? el('div', { class: 'limitation banner' }, 'The embedded local server ignores or lacks some features; they are labelled below.') : null,
    el('h2', {}, 'Table'),
    el('dl', { class: 'facts' },
      ...(t.arn ? field('ARN', copyable(t.arn, 'table ARN')) : field('ARN', el('span', { class: 'unknown' }, 'not reported'))),
      ...(t.createdAt ? field('Created', new Date(t.createdAt).toLocaleString()) : []),
      ...field('Billing', t.billingMode === 'PAY_PER_REQUEST' ? 'on demand (PAY_PER_REQUEST)' : 'provisioned'),
      ...field('Throughput', throughput(t.throughput, t.billingMode)),
      ...field('Table class', t.tableClass, limitation(lim, 'table-class')),
      ...field('Deletion protection', t.deletionProtection ? 'on' : 'off', limitation(lim, 'deletion-protection')),
      ...field('Items', ...itemCount(d, t.itemCount, t.sizeBytes, 'item-count-reported'), countControl(undefined)),
    ),
    el('h2', {}, 'Key schema'),
    el('dl', { class: 'facts' }, ...field('Primary key', keyList(t.keySchema, t.attributes))),
    el('h2', {}, `Indexes (${t.globalSecondaryIndexes.length} global, ${t.localSecondaryIndexes.length} local)`),
    t.globalSecondaryIndexes.length + t.localSecondaryIndexes.length === 0 ? el('p', { class: 'note' }, 'No secondary indexes.') : null,
    ...t.globalSecondaryIndexes.map(i => indexBlock(d, i, t)),
    ...t.localSecondaryIndexes.map(i => indexBlock(d, i, t)),
    limitation(lim, 'gsi-update'),
    el('h2', {}, 'Settings'),
    el('dl', { class: 'facts' },
      ...field('Stream', t.stream.enabled ? `on (${t.stream.viewType ?? 'view type not reported'})` : 'off',
        t.stream.arn ? el('div', {}, copyable(t.stream.arn, 'stream ARN')) : null, limitation(lim, 'stream')),
      ...field('Time to live', ...unknown(t.ttl, v => [v.enabled ? `on, attribute ${v.attributeName ?? '?'}` : 'off',
        v.status && v.status !== 'ENABLED' && v.status !== 'DISABLED' ? ` (${v.status.toLowerCase()})` : '']), limitation(lim, 'ttl')),
      ...field('Point-in-time recovery', ...unknown(t.pointInTimeRecovery, v => [v.enabled ? 'on' : 'off',
        v.earliestRestorableAt ? ` (restorable from ${new Date(v.earliestRestorableAt).toLocaleString()})` : '']), limitation(lim, 'pitr')),
      ...field('Encryption', t.sse.enabled ? `${t.sse.type ?? 'KMS'}${t.sse.kmsKeyArn ? ` with ${t.sse.kmsKeyArn}` : ''}` : 'owned by AWS (default)', limitation(lim, 'sse')),
    ),
    el('h2', {}, 'Tags'),
    tags.state === 'unknown'
      ? el('p', { class: 'unknown' }, `unknown: ${tags.reason}`)
      : Object.keys(tags.value).length === 0
        ? el('p', { class: 'note' }, 'No tags.')
        : el('table', { class: 'tags' }, el('thead', {}, el('tr', {}, el('th', {}, 'Key'), el('th', {}, 'Value'))),
          el('tbody', {}, ...Object.entries(tags.value).map(([k, v]) => el('tr', {}, el('td', { class: 'mono' }, k), el('td', { class: 'mono' }, v))))),
    limitation(lim, 'tags'),
    divider(),
  );
}

host.ready();
void host.request('details.target', {}).then(keepState, () => undefined);
void load();
