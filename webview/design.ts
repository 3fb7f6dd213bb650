/**
 * The design view: the entity map, each index's facets, the access patterns with what serves
 * them and their cost per call, sample items per table and index. Plain tables with column and
 * row headers; each table is one Tab stop (a labelled region that scrolls with the arrow keys
 * when wider than the panel).
 */
import type { DesignView, Facet, IndexShape, PatternCost, PatternRow, SampleGroup } from '../src/model/designView';
import type { DesignData, DesignLanguage, PanelTarget } from './protocol';
import { Host, errorInfo } from './rpc';
import { el, formatCount, replace } from './dom';
import type { Child } from './dom';
import { button } from './toolkit';
import { MessageArea, busy, start } from './ui';

const app = start();
const host = new Host();
const messages = new MessageArea();
const header = el('header', { class: 'header', id: 'design-header' }, el('h1', {}, el('span', { class: 'placeholder' }, 'Reading the design…')));
const content = el('div', { id: 'design' });

const exportButton = button('Export as Markdown', () => { void act('design.exportMarkdown', 'Export as Markdown', {}); }, { id: 'export-markdown', title: 'Open the whole design as Markdown, for a design review' });
const tsButton = button('Generate TypeScript', () => { void generate('typescript'); }, { id: 'generate-typescript', title: 'Generate TypeScript data-access code (AWS SDK v3 document client)' });
const pyButton = button('Generate Python', () => { void generate('python'); }, { id: 'generate-python', title: 'Generate Python data-access code (boto3)' });
const refreshButton = button('Refresh', () => { void load(); }, { id: 'refresh', title: 'Read the design again' });
const toolbar = el('div', { class: 'toolbar' }, exportButton, tsButton, pyButton, refreshButton);
replace(app, header, toolbar, messages.element, content);

let tableCount = 0;

host.on('refresh', () => { void load(); });

async function act(method: 'design.exportMarkdown', what: string, params: Record<string, never>): Promise<void> {
  messages.clear();
  try { await host.request(method, params); } catch (error) { messages.error(errorInfo(error), what); }
}

async function generate(language: DesignLanguage): Promise<void> {
  messages.clear();
  try { await host.request('design.generateCode', { language }); } catch (error) { messages.error(errorInfo(error), 'Generate data-access code'); }
}

function keepState(target: PanelTarget): void {
  host.state = { v: 1, kind: 'design', target };
}

async function load(): Promise<void> {
  const spinner = busy('Reading the design…');
  toolbar.append(spinner.element);
  refreshButton.disabled = true;
  try {
    const data = await host.request('design.load', {});
    messages.clear();
    keepState(data.target);
    render(data);
  } catch (error) {
    messages.error(errorInfo(error), 'Cannot read the design');
  } finally {
    spinner.element.remove();
    refreshButton.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------

/** A table with a caption, column headers and (first cell) row headers, in a focusable region. */
function dataTable(id: string, caption: string, columns: readonly Child[], rows: readonly (readonly Child[])[], options: { numeric?: readonly number[] } = {}): HTMLElement {
  const captionId = `caption-${id}-${++tableCount}`;
  const numeric = new Set(options.numeric ?? []);
  const table = el('table', { class: 'grid design-table', id },
    el('caption', { id: captionId }, caption),
    el('thead', {}, el('tr', {}, ...columns.map((c, i) => el('th', { attrs: { scope: 'col' }, class: numeric.has(i) ? 'num' : '' }, c)))),
    el('tbody', {}, ...rows.map(r => el('tr', {}, ...r.map((c, i) => (i === 0
      ? el('th', { attrs: { scope: 'row' } }, c)
      : el('td', { class: numeric.has(i) ? 'num' : '' }, c)))))));
  return el('div', { class: 'table-wrap', role: 'region', tabIndex: 0, attrs: { 'aria-labelledby': captionId } }, table);
}

function template(text: string | undefined): Child {
  return text === undefined ? el('span', { class: 'missing', title: 'not set' }, '–') : el('code', { class: 'template' }, text);
}

function indexKeys(index: IndexShape): string {
  const hash = index.hash.join(' + ') || '?';
  return index.range.length ? `${hash} / ${index.range.join(' + ')}` : hash;
}

function projectionText(index: IndexShape): string {
  if (index.kind === 'table') { return 'all attributes'; }
  return index.projection === 'INCLUDE' ? `INCLUDE ${index.nonKeyAttributes.join(', ')}` : index.projection;
}

function units(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function bytes(n: number): string {
  return n < 1024 ? `${formatCount(n)} B` : `${(n / 1024).toFixed(1)} KB`;
}

function entityMap(view: DesignView, live: boolean): HTMLElement[] {
  if (view.entities.length === 0) {
    return [el('p', { class: 'note', id: 'no-entities' }, live
      ? 'A live table has no entities: its indexes and their keys are shown as facets below.'
      : 'This table declares no entities yet.')];
  }
  return [dataTable('entity-map', 'Entities, their key templates and their other attributes',
    ['Entity', ...view.keyColumns.map(k => el('span', { class: 'mono' }, k)), 'Size'],
    view.entities.map(e => [
      el('span', {}, e.name, e.attributes.length
        ? el('div', { class: 'attributes note' }, ...e.attributes.flatMap((a, i) => [i ? ', ' : '', el('span', { class: 'attribute' }, el('span', { class: 'mono' }, a.name), ` ${a.type}${a.required ? '' : ' optional'}`)]))
        : null),
      ...view.keyColumns.map(k => template(e.keys[k])),
      el('span', { title: e.sizeEstimated ? 'estimated from the attribute names and typical values' : 'as the entity declares' }, `${bytes(e.itemSizeBytes)}${e.sizeEstimated ? ' est.' : ''}`),
    ]), { numeric: [view.keyColumns.length + 1] })];
}

function facet(f: Facet, live: boolean): HTMLElement {
  const keys = [...f.index.hash, ...f.index.range];
  const title = f.index.kind === 'table' ? 'Table' : f.index.kind;
  return el('section', { class: 'facet', dataset: { index: f.index.name } },
    el('h3', {}, el('span', { class: 'index-kind' }, title), el('span', { class: 'mono' }, f.index.name),
      el('span', { class: 'note' }, `${indexKeys(f.index)} · ${projectionText(f.index)}`)),
    f.entities.length === 0
      ? (live ? null : el('p', { class: 'note' }, 'No entity has its key attributes.'))
      : dataTable(`facet-${f.index.name}`, `Entities in ${f.index.name}`,
        ['Entity', ...keys.map(k => el('span', { class: 'mono' }, k)), 'Stored size'],
        f.entities.map(e => [
          el('span', {}, e.entity, e.sparse ? el('span', { class: 'badge sparse', title: 'Items without the optional key attribute are not in this index' }, 'sparse') : ''),
          ...keys.map(k => template(e.keys[k])),
          bytes(e.projectedSizeBytes),
        ]), { numeric: [keys.length + 1] }),
    f.missing.length && f.index.kind !== 'table'
      ? el('p', { class: 'note' }, `Not in it: ${f.missing.map(m => `${m.entity} (no ${m.lacks.join(', ')})`).join('; ')}.`)
      : f.missing.length ? el('p', { class: 'limitation' }, `Without the table's key: ${f.missing.map(m => `${m.entity} (no ${m.lacks.join(', ')})`).join('; ')}.`) : null);
}

/** Without entities, the facets are the table's and its indexes' keys and projections. */
function indexTable(view: DesignView): HTMLElement {
  return dataTable('indexes', 'The table and its indexes: keys and projection',
    ['Name', 'Kind', 'Partition key', 'Sort key', 'Projection'],
    view.facets.map(f => [
      el('span', { class: 'mono' }, f.index.name), f.index.kind,
      el('span', { class: 'mono' }, f.index.hash.join(' + ') || '–'), el('span', { class: 'mono' }, f.index.range.join(' + ') || '–'),
      projectionText(f.index),
    ]));
}

/** Units of one call: reads (eventually consistent, strongly consistent in brackets) or writes (plus what the indexes write). */
function costCell(cost: PatternCost, read: string, write: string): Child {
  const parts: Child[] = [];
  if (cost.readEventual > 0 || cost.readStrong !== undefined) {
    parts.push(el('span', { class: 'units' }, `${units(cost.readEventual)} ${read}`), cost.readStrong !== undefined ? el('span', { class: 'note' }, ` (${units(cost.readStrong)} strong)`) : '');
  }
  if (cost.write > 0) {
    parts.push(el('span', { class: 'units' }, `${units(cost.write)} ${write}`), cost.indexWrite ? el('span', { class: 'note' }, ` + ${units(cost.indexWrite)} for indexes`) : '');
  }
  return parts.length ? el('span', {}, ...parts) : el('span', { class: 'missing' }, '–');
}

function servedCell(p: PatternRow): Child {
  const label = p.servedKind === 'scan' ? 'Scan' : p.servedKind === 'table' ? 'table' : `${p.servedKind} ${p.servedBy}`;
  return el('span', { class: `served served-${p.servedKind}`, title: p.how }, label);
}

function patterns(view: DesignView, live: boolean): HTMLElement[] {
  if (view.patterns.length === 0) {
    return [el('p', { class: 'note' }, live ? 'A live table has no access patterns.' : 'This table declares no access patterns yet.')];
  }
  const t = view.table;
  const provisioned = t.billingMode === 'PROVISIONED' && t.throughput;
  return [
    dataTable('patterns', 'Access patterns, what serves them and their cost per call',
      ['Pattern', 'Operation', 'Key condition', 'Served by', 'Entities', 'Items', 'On demand', 'Provisioned', 'How'],
      view.patterns.map(p => [
        p.name,
        p.operation,
        el('code', { class: 'template condition' }, p.condition),
        servedCell(p),
        p.entities.join(', ') || '–',
        String(p.cost.items),
        costCell(p.cost, 'RRU', 'WRU'),
        costCell(p.cost, 'RCU', 'WCU'),
        el('span', { class: 'how' }, p.how, ...p.notes.map(n => el('div', { class: 'limitation' }, n))),
      ]), { numeric: [5] }),
    el('p', { class: 'note' }, provisioned
      ? `Units per call. The table is provisioned with ${t.throughput!.read} read and ${t.throughput!.write} write capacity units per second.`
      : `Units per call. The table is ${t.billingMode === 'PROVISIONED' ? 'provisioned' : 'on demand'}; request units (on demand) and capacity units (provisioned) count alike.`),
  ];
}

function assumptions(view: DesignView): HTMLElement {
  return el('details', { class: 'assumptions', id: 'assumptions' }, el('summary', {}, 'How the figures are made'),
    el('ul', {}, ...view.assumptions.map(a => el('li', {}, a))));
}

function samples(group: SampleGroup): HTMLElement {
  const title = group.kind === 'table' ? 'Table' : group.kind;
  return el('section', { class: 'samples', dataset: { index: group.name } },
    el('h3', {}, el('span', { class: 'index-kind' }, title), el('span', { class: 'mono' }, group.name)),
    group.rows.length === 0
      ? el('p', { class: 'note' }, 'No sample items: no entity has this index\'s key attributes.')
      : dataTable(`samples-${group.name}`, `Sample items in ${group.name}`,
        ['Entity', ...group.columns.map(c => el('span', { class: 'mono' }, c))],
        group.rows.map(r => [r.entity, ...r.values.map(v => (v === '' ? el('span', { class: 'missing' }, '–') : el('span', { class: 'mono' }, v)))])));
}

function render(data: DesignData): void {
  tableCount = 0;
  const v = data.view;
  const t = v.table;
  const billing = t.billingMode === 'PROVISIONED'
    ? `provisioned${t.throughput ? ` ${t.throughput.read} RCU / ${t.throughput.write} WCU` : ''}`
    : 'on demand';
  replace(header,
    el('h1', {}, el('span', { class: 'mono' }, t.name), el('span', { class: 'subtitle-inline' }, 'design')),
    el('p', { class: 'subtitle' }, `${data.source} · ${billing} · ${v.entities.length} ${v.entities.length === 1 ? 'entity' : 'entities'} · ${v.patterns.length} access ${v.patterns.length === 1 ? 'pattern' : 'patterns'} · ${t.indexes.length} ${t.indexes.length === 1 ? 'index' : 'indexes'}`));
  const hasEntities = v.entities.length > 0;
  tsButton.classList.toggle('hidden', !hasEntities);
  pyButton.classList.toggle('hidden', !hasEntities);
  replace(content,
    el('h2', { id: 'entity-map-heading' }, 'Entity map'),
    ...entityMap(v, data.live),
    el('h2', { id: 'facets-heading' }, 'Facets'),
    ...(hasEntities ? v.facets.map(f => facet(f, data.live)) : [indexTable(v)]),
    el('h2', { id: 'patterns-heading' }, 'Access patterns'),
    ...patterns(v, data.live),
    hasEntities ? assumptions(v) : null,
    v.samples.length ? el('h2', { id: 'samples-heading' }, 'Sample items') : null,
    ...v.samples.map(samples),
  );
}

host.ready();
void load();
