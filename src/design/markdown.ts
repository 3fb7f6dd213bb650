/**
 * The whole design view as Markdown, for a design review (a pull request, a wiki page): the
 * table and its indexes, the entity map, the facets of each index, the access patterns with
 * what serves them and their cost per call, the assumptions behind the figures, sample items.
 * Pure: a DesignView in, text out.
 */
import type { DesignView, IndexShape, PatternCost } from '../model/designView';

/** A table cell: pipes escaped, line breaks as spaces, empty as a dash. */
function cell(text: string): string {
  const t = text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();
  return t === '' ? '–' : t;
}

function code(text: string): string {
  if (text === '') { return '–'; }
  const ticks = text.includes('`') ? '``' : '`';
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text.replace(/\|/g, '\\|')}${pad}${ticks}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map(r => `| ${r.map(c => (c.startsWith('`') ? c : cell(c))).join(' | ')} |`),
  ];
}

function keys(index: IndexShape): string {
  const hash = index.hash.join(' + ') || '?';
  return index.range.length ? `${hash} / ${index.range.join(' + ')}` : hash;
}

function projection(index: IndexShape): string {
  if (index.kind === 'table') { return 'all attributes'; }
  return index.projection === 'INCLUDE' ? `INCLUDE ${index.nonKeyAttributes.join(', ')}` : index.projection;
}

/** Units for people: whole numbers as they are, halves with one decimal. */
export function formatUnits(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** Read cost in words: `0.5 (eventual) / 1 (strong)`. */
export function readCost(cost: PatternCost): string {
  if (cost.readEventual === 0 && cost.readStrong === undefined) { return '–'; }
  return cost.readStrong === undefined ? `${formatUnits(cost.readEventual)} eventual` : `${formatUnits(cost.readEventual)} eventual / ${formatUnits(cost.readStrong)} strong`;
}

/** Write cost in words: `1 + 1 for indexes`. */
export function writeCost(cost: PatternCost): string {
  if (cost.write === 0) { return '–'; }
  return cost.indexWrite ? `${formatUnits(cost.write)} + ${formatUnits(cost.indexWrite)} index` : formatUnits(cost.write);
}

export function designMarkdown(view: DesignView, options: { source?: string } = {}): string {
  const t = view.table;
  const out: string[] = [];
  out.push(`# Design of ${t.name}`, '');
  if (options.source) { out.push(`From ${code(options.source)}.`, ''); }
  const billing = t.billingMode === 'PROVISIONED'
    ? `provisioned${t.throughput ? ` (${t.throughput.read} read / ${t.throughput.write} write capacity units)` : ''}`
    : 'on demand (PAY_PER_REQUEST)';
  out.push(`Billing: ${billing}. ${view.entities.length} entities, ${view.patterns.length} access patterns.`, '');

  out.push('## Table and indexes', '');
  out.push(...table(['Name', 'Kind', 'Keys (partition / sort)', 'Projection'],
    [t.table, ...t.indexes].map(i => [i.name, i.kind, keys(i), projection(i)])), '');

  out.push('## Entity map', '');
  if (view.entities.length === 0) {
    out.push('No entities are declared for this table.', '');
  } else {
    out.push(...table(['Entity', ...view.keyColumns, 'Other attributes', 'Item size'],
      view.entities.map(e => [
        e.name,
        ...view.keyColumns.map(k => (e.keys[k] !== undefined ? code(e.keys[k]) : '')),
        e.attributes.map(a => `${a.name}: ${a.type}${a.required ? '' : ' (optional)'}`).join(', '),
        `${e.itemSizeBytes} bytes${e.sizeEstimated ? ' (estimated)' : ''}`,
      ])), '');
  }

  out.push('## Facets', '');
  for (const f of view.facets) {
    out.push(`### ${f.index.kind === 'table' ? 'Table' : f.index.kind} ${f.index.name}`, '');
    out.push(`Keys ${code(keys(f.index))}, projection ${projection(f.index)}.`, '');
    if (f.entities.length === 0) {
      out.push('No entity has its key attributes.', '');
    } else {
      const cols = [...f.index.hash, ...f.index.range];
      out.push(...table(['Entity', ...cols, 'Stored size'],
        f.entities.map(e => [e.entity + (e.sparse ? ' (sparse)' : ''), ...cols.map(c => code(e.keys[c] ?? '')), `${e.projectedSizeBytes} bytes`])), '');
    }
    if (f.missing.length) {
      out.push(`Not in it: ${f.missing.map(m => `${m.entity} (no ${m.lacks.join(', ')})`).join('; ')}.`, '');
    }
  }

  out.push('## Access patterns', '');
  if (view.patterns.length === 0) {
    out.push('No access patterns are declared for this table.', '');
  } else {
    out.push(...table(['Pattern', 'Operation', 'Key condition', 'Served by', 'Entities', 'Items', 'Read units', 'Write units', 'Notes'],
      view.patterns.map(p => [
        p.name, p.operation, code(p.condition), p.servedKind === 'scan' ? '**Scan**' : `${p.servedBy}${p.servedKind === 'table' ? ' (table)' : ` (${p.servedKind})`}`,
        p.entities.join(', '), String(p.cost.items), readCost(p.cost), writeCost(p.cost), [p.how, ...p.notes].join(' '),
      ])), '');
    out.push('Units per call; on-demand request units and provisioned capacity units count alike.', '');
  }

  out.push('### How the figures are made', '');
  for (const a of view.assumptions) { out.push(`- ${a}`); }
  out.push('');

  if (view.samples.length) {
    out.push('## Sample items', '');
    for (const s of view.samples) {
      out.push(`### ${s.kind === 'table' ? 'Table' : s.kind} ${s.name}`, '');
      if (s.rows.length === 0) { out.push('No items.', ''); continue; }
      out.push(...table(['Entity', ...s.columns], s.rows.map(r => [r.entity, ...r.values])), '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
