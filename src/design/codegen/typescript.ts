/**
 * TypeScript data-access code for a table's design, on the AWS SDK for JavaScript v3 document
 * client (`@aws-sdk/lib-dynamodb`): per entity an interface, its stored item type, a key builder
 * (`userKey({ userId })`) and a create function (a Put with `attribute_not_exists` on the
 * partition key, so an existing item is never overwritten, every key attribute filled from its
 * template); per access pattern one function (`getUser`, `listOrdersForUser` with paging, ...).
 * Compiles with `tsc --strict`. Pure: a CodeModel in, the module's text out.
 */
import type { KeyTemplate } from '../../model/design';
import type { CodeAttribute, CodeCondition, CodeEntity, CodeKey, CodeModel, CodePattern } from './model';
import { camelCase, pascalCase, uniqueNamer } from './model';

export interface GenerateOptions {
  /** The config file the design comes from, named in the header. */
  readonly source?: string;
}

const TS_TYPES: Readonly<Record<string, string>> = {
  S: 'string', N: 'number', B: 'Uint8Array', BOOL: 'boolean', NULL: 'null', L: 'unknown[]', M: 'Record<string, unknown>',
  SS: 'Set<string>', NS: 'Set<number>', BS: 'Set<Uint8Array>',
};

const ENTITY_TYPE = 'entityType';

/** Words TypeScript does not take as a function name. */
const RESERVED = new Set(('break case catch class const continue debugger default delete do else enum export extends false finally for function if '
  + 'import in instanceof new null return super switch this throw true try typeof var void while with as implements interface let package '
  + 'private protected public static yield await async of type any unknown never').split(' '));

function functionName(words: readonly string[]): string {
  const name = camelCase(words);
  return RESERVED.has(name) ? `${name}Pattern` : name;
}

/** Where the document client's imports go once the code is written (only the commands it uses). */
const IMPORTS = '\u0000imports\u0000';

function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

function str(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')}'`;
}

function prop(name: string): string {
  return isIdentifier(name) ? name : str(name);
}

function access(object: string, name: string): string {
  return isIdentifier(name) ? `${object}.${name}` : `${object}[${str(name)}]`;
}

/** A comment's text: nothing in it can end the comment. */
function comment(text: string): string {
  return text.replace(/\*\//g, '*\\/').replace(/\r?\n/g, ' ');
}

function tsType(type: string): string {
  return TS_TYPES[type] ?? 'unknown';
}

/** A template as an expression: literal text as a string, placeholders read from `object`. */
function templateExpression(template: KeyTemplate, object: string): string {
  const [only] = template.parts;
  if (template.parts.length === 1 && only && 'placeholder' in only) { return access(object, only.placeholder); }
  if (template.parts.every(p => 'literal' in p)) { return str(template.text); }
  const body = template.parts.map(p => ('literal' in p
    ? p.literal.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${')
    : `\${${access(object, p.placeholder)}}`)).join('');
  return `\`${body}\``;
}

function keyType(entity: CodeEntity, key: CodeKey): string {
  const [only] = key.template.parts;
  if (key.template.parts.length === 1 && only && 'placeholder' in only) {
    return tsType(entity.attributes.find(a => a.name === only.placeholder)?.type ?? 'S');
  }
  return 'string';
}

function objectType(fields: readonly { name: string; type: string; optional?: boolean }[]): string {
  return fields.length ? `{ ${fields.map(f => `${prop(f.name)}${f.optional ? '?' : ''}: ${f.type}`).join('; ')} }` : 'Record<string, never>';
}

function parametersType(parameters: readonly CodeAttribute[]): string {
  return objectType(parameters.map(p => ({ name: p.name, type: tsType(p.type) })));
}

interface Names {
  readonly type: string;
  readonly item: string;
  readonly key: string;
  readonly create: string;
}

function expression(conditions: readonly CodeCondition[]): { text: string; names: string[]; values: string[] } {
  const names: string[] = [];
  const values: string[] = [];
  const parts = conditions.map((c, i) => {
    const k = `#k${i}`;
    names.push(`${str(k)}: ${str(c.attribute)}`);
    const v = c.values.map((t, j) => {
      const name = `:v${i}${c.values.length > 1 ? `_${j}` : ''}`;
      values.push(`${str(name)}: ${templateExpression(t, 'input')}`);
      return name;
    });
    switch (c.operator) {
      case 'begins_with': return `begins_with(${k}, ${v[0]})`;
      case 'between': return `${k} BETWEEN ${v[0]} AND ${v[1]}`;
      default: return `${k} ${c.operator} ${v[0]}`;
    }
  });
  return { text: parts.join(' AND '), names, values };
}

function primaryKeyObject(pattern: CodePattern): string {
  return `{ ${pattern.conditions.map(c => `${prop(c.attribute)}: ${templateExpression(c.values[0]!, 'input')}`).join(', ')} }`;
}

export function generateTypeScript(model: CodeModel, options: GenerateOptions = {}): string {
  const taken = uniqueNamer(['DynamoDBClient', 'DeleteCommand', 'DynamoDBDocumentClient', 'GetCommand', 'PutCommand', 'QueryCommand', 'ScanCommand', 'UpdateCommand',
    'tableName', 'client', 'configure', 'documentClient', 'Page', 'PageOptions', 'allPages', 'process', 'Record', 'Set', 'Uint8Array', 'Promise', 'Error', 'Object', 'String']);
  const names = new Map<CodeEntity, Names>();
  for (const e of model.entities) {
    names.set(e, { type: taken(pascalCase(e.words)), item: taken(`${pascalCase(e.words)}Record`), key: taken(`${camelCase(e.words)}Key`), create: taken(`create${pascalCase(e.words)}`) });
  }
  const out: string[] = [];
  const t = model.table;
  out.push(
    `// Data access for the DynamoDB table ${comment(t.name)}, generated by DynamoDB Designer${options.source ? ` from ${comment(options.source)}` : ''}.`,
    '// Needs @aws-sdk/client-dynamodb and @aws-sdk/lib-dynamodb (AWS SDK for JavaScript v3). The table name comes from',
    '// the environment variable TABLE_NAME, else the name in the config; configure() sets another client or name.',
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
    IMPORTS,
    '',
    `let tableName: string = process.env.TABLE_NAME ?? ${str(t.name)};`,
    'let client: DynamoDBDocumentClient | undefined;',
    '',
    '/** Uses another document client (another region, an endpoint, tests) or table name. */',
    'export function configure(options: { client?: DynamoDBDocumentClient; tableName?: string }): void {',
    '  if (options.client) { client = options.client; }',
    '  if (options.tableName !== undefined) { tableName = options.tableName; }',
    '}',
    '',
    'function documentClient(): DynamoDBDocumentClient {',
    '  client ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));',
    '  return client;',
    '}',
    '',
    '/** A page of a query or scan: its items, and where the next page starts (absent after the last page). */',
    'export interface Page<T> {',
    '  readonly items: T[];',
    '  readonly nextKey?: Record<string, unknown>;',
    '}',
    '',
    'export interface PageOptions {',
    '  /** Items to read at most (before any filter). */',
    '  readonly limit?: number;',
    "  /** A previous page's nextKey. */",
    '  readonly startKey?: Record<string, unknown>;',
    '}',
    '',
    '/** Reads every page, one after the other: `allPages(startKey => listOrdersForUser({ userId }, { startKey }))`. */',
    'export async function allPages<T>(read: (startKey?: Record<string, unknown>) => Promise<Page<T>>): Promise<T[]> {',
    '  const items: T[] = [];',
    '  let startKey: Record<string, unknown> | undefined;',
    '  do {',
    '    const page = await read(startKey);',
    '    items.push(...page.items);',
    '    startKey = page.nextKey;',
    '  } while (startKey);',
    '  return items;',
    '}',
  );

  const partitionKey = t.table.hash[0] ?? 'PK';
  for (const e of model.entities) {
    const n = names.get(e)!;
    const own = new Set(e.attributes.map(a => a.name));
    const declaresType = e.attributes.some(a => a.name === ENTITY_TYPE);
    out.push('',
      `// ${'-'.repeat(96)}`,
      `// ${comment(e.spec.name)}`,
      '',
      `/** ${comment(e.spec.name)}: its attributes. */`,
      `export interface ${n.type} {`,
      ...e.attributes.map(a => `  ${prop(a.name)}${a.required ? '' : '?'}: ${tsType(a.type)};`),
      '}',
      '',
      `/** ${comment(e.spec.name)} as stored: its attributes, its key attributes${declaresType ? '' : ' and its entity type'}. */`,
      `export type ${n.item} = ${n.type} & ${objectType([
        ...e.keys.filter(k => !own.has(k.attribute)).map(k => ({ name: k.attribute, type: keyType(e, k), optional: k.needs.length > 0 })),
        ...(declaresType ? [] : [{ name: ENTITY_TYPE, type: str(e.spec.name) }]),
      ])};`,
      '',
    );
    const keyInput = e.keyParameters.length ? `input: Pick<${n.type}, ${e.keyParameters.map(str).join(' | ')}>` : '';
    const keyReturn = objectType(e.primaryKey.map(k => ({ name: k.attribute, type: keyType(e, k) })));
    out.push(
      `/** The primary key of ${comment(e.spec.name)}. */`,
      `export function ${n.key}(${keyInput}): ${keyReturn} {`,
      `  return { ${e.primaryKey.map(k => `${prop(k.attribute)}: ${templateExpression(k.template, 'input')}`).join(', ')} };`,
      '}',
      '',
    );
    const always = e.keys.filter(k => k.needs.length === 0);
    const sparse = e.keys.filter(k => k.needs.length > 0);
    out.push(
      `/** Writes a new ${comment(e.spec.name)} with all its key attributes; refuses (ConditionalCheckFailedException) to overwrite an item of the same key. */`,
      `export async function ${n.create}(input: ${n.type}): Promise<${n.item}> {`,
      `  const item: ${n.item} = {`,
      '    ...input,',
      ...always.map(k => `    ${prop(k.attribute)}: ${templateExpression(k.template, 'input')},`),
      ...sparse.map(k => `    ...(${k.needs.map(p => `${access('input', p)} !== undefined`).join(' && ')} ? { ${prop(k.attribute)}: ${templateExpression(k.template, 'input')} } : {}),`),
      ...(declaresType ? [] : [`    ${ENTITY_TYPE}: ${str(e.spec.name)},`]),
      '  };',
      '  await documentClient().send(new PutCommand({',
      '    TableName: tableName,',
      '    Item: item,',
      "    ConditionExpression: 'attribute_not_exists(#pk)',",
      `    ExpressionAttributeNames: { '#pk': ${str(partitionKey)} },`,
      '  }));',
      '  return item;',
      '}',
    );
  }

  if (model.patterns.length) { out.push('', `// ${'-'.repeat(96)}`, '// Access patterns'); }
  for (const p of model.patterns) {
    out.push('', ...patternFunction(p, names, taken, partitionKey));
  }
  const text = out.join('\n');
  const commands = ['DeleteCommand', 'GetCommand', 'PutCommand', 'QueryCommand', 'ScanCommand', 'UpdateCommand'].filter(c => text.includes(`new ${c}(`));
  const imports = `import { ${['DynamoDBDocumentClient', ...commands].sort().join(', ')} } from '@aws-sdk/lib-dynamodb';`;
  return `${text.replace(IMPORTS, imports)}\n`;
}

function resultType(p: CodePattern, names: ReadonlyMap<CodeEntity, Names>): string {
  if (p.entities.length === 0) { return 'Record<string, unknown>'; }
  return p.entities.map(e => {
    const item = names.get(e)!.item;
    if (!p.projected) { return item; }
    const own = new Set([...e.attributes.map(a => a.name), ...e.keys.map(k => k.attribute)]);
    const kept = p.projected.filter(a => own.has(a));
    return kept.length ? `Pick<${item}, ${kept.map(str).join(' | ')}>` : 'Record<string, never>';
  }).join(' | ');
}

/**
 * A function that sends one command addressed by the item's key (GetCommand, DeleteCommand) and
 * returns the item the answer holds in `field`, if any.
 */
function byKeyFunction(signature: string, result: string, command: string, key: string, option: string, field: string): string[] {
  return [
    `export async function ${signature}: Promise<${result} | undefined> {`,
    `  const result = await documentClient().send(new ${command}({`,
    '    TableName: tableName,',
    `    Key: ${key},`,
    `    ${option},`,
    '  }));',
    `  return result.${field} as ${result} | undefined;`,
    '}'];
}

function patternFunction(p: CodePattern, names: ReadonlyMap<CodeEntity, Names>, taken: (name: string) => string, partitionKey: string): string[] {
  const doc = `/** ${comment(p.spec.name)}: ${comment(p.spec.operation)} ${comment(p.conditions.map(c => `${c.attribute} ${c.operator} ${c.values.map(v => v.text).join(' and ')}`).join(', '))}${p.index ? ` on ${comment(p.index)}` : ''}. */`;
  const input = p.parameters.length ? `input: ${parametersType(p.parameters)}` : '';
  const inputComma = input ? `${input}, ` : '';
  const result = resultType(p, names);
  const single = p.entities.length === 1 ? p.entities[0] : undefined;
  switch (p.call) {
    case 'get': {
      const name = taken(functionName(p.words));
      return [doc, ...byKeyFunction(`${name}(${inputComma}options: { consistentRead?: boolean } = {})`, result, 'GetCommand', primaryKeyObject(p), 'ConsistentRead: options.consistentRead', 'Item')];
    }
    case 'query': case 'scan': {
      const name = taken(functionName(p.words));
      const x = expression(p.conditions);
      const isQuery = p.call === 'query';
      const hasValues = x.values.length > 0;
      return [
        p.scanned ? `/** ${comment(p.spec.name)}: no table or index key serves ${comment(p.conditions.map(c => c.attribute).join(', '))}, so this scans the whole ${p.index ? 'index' : 'table'} with a filter. */` : doc,
        `export async function ${name}(${inputComma}options: PageOptions${isQuery ? ' & { ascending?: boolean }' : ''} = {}): Promise<Page<${result}>> {`,
        `  const result = await documentClient().send(new ${isQuery ? 'QueryCommand' : 'ScanCommand'}({`,
        '    TableName: tableName,',
        ...(p.index ? [`    IndexName: ${str(p.index)},`] : []),
        ...(hasValues || x.text ? [`    ${isQuery ? 'KeyConditionExpression' : 'FilterExpression'}: ${str(x.text)},`] : []),
        ...(x.names.length ? [`    ExpressionAttributeNames: { ${x.names.join(', ')} },`] : []),
        ...(hasValues ? [`    ExpressionAttributeValues: { ${x.values.join(', ')} },`] : []),
        ...(isQuery ? ['    ScanIndexForward: options.ascending ?? true,'] : []),
        '    Limit: options.limit,',
        '    ExclusiveStartKey: options.startKey,',
        '  }));',
        `  return { items: (result.Items ?? []) as (${result})[], ...(result.LastEvaluatedKey ? { nextKey: result.LastEvaluatedKey } : {}) };`,
        '}'];
    }
    case 'put': {
      const name = functionName(p.words);
      if (!single) { return [`// ${comment(p.spec.name)}: a put of ${p.entities.length ? 'several entities' : 'no known entity'}; use the create function of the entity.`]; }
      const create = names.get(single)!.create;
      if (name === create) { return [`// ${comment(p.spec.name)}: ${create} above.`]; }
      const fn = taken(name);
      return [doc,
        `export async function ${fn}(input: ${names.get(single)!.type}): Promise<${names.get(single)!.item}> {`,
        `  return ${create}(input);`,
        '}'];
    }
    case 'delete': {
      const name = taken(functionName(p.words));
      return [doc, ...byKeyFunction(`${name}(${input})`, result, 'DeleteCommand', primaryKeyObject(p), "ReturnValues: 'ALL_OLD'", 'Attributes')];
    }
    case 'update': {
      if (!single) { return [`// ${comment(p.spec.name)}: an update of ${p.entities.length ? 'several entities' : 'no known entity'} is not generated.`]; }
      const name = taken(functionName(p.words));
      const n = names.get(single)!;
      // Attributes a key template uses cannot change here: their key attributes would go stale.
      const fixed = [...new Set(single.keys.flatMap(k => k.template.parts.flatMap(x => ('placeholder' in x ? [x.placeholder] : []))))]
        .filter(a => single.attributes.some(x => x.name === a));
      const changes = fixed.length ? `Partial<Omit<${n.type}, ${fixed.map(str).join(' | ')}>>` : `Partial<${n.type}>`;
      return [doc,
        `/** Changes attributes of an existing ${comment(single.spec.name)} (not those its keys are made of); refuses when it does not exist. */`,
        `export async function ${name}(${inputComma}changes: ${changes}): Promise<${n.item}> {`,
        `  const names: Record<string, string> = { '#pk': ${str(partitionKey)} };`,
        '  const values: Record<string, unknown> = {};',
        '  const sets: string[] = [];',
        '  Object.entries(changes).forEach(([attribute, value], i) => {',
        '    if (value === undefined) { return; }',
        '    names[`#a${i}`] = attribute;',
        '    values[`:a${i}`] = value;',
        '    sets.push(`#a${i} = :a${i}`);',
        '  });',
        `  if (sets.length === 0) { throw new Error(${str(`${name}: nothing to change`)}); }`,
        '  const result = await documentClient().send(new UpdateCommand({',
        '    TableName: tableName,',
        `    Key: ${primaryKeyObject(p)},`,
        "    UpdateExpression: `SET ${sets.join(', ')}`,",
        "    ConditionExpression: 'attribute_exists(#pk)',",
        '    ExpressionAttributeNames: names,',
        '    ExpressionAttributeValues: values,',
        "    ReturnValues: 'ALL_NEW',",
        '  }));',
        `  return result.Attributes as ${n.item};`,
        '}'];
    }
    default:
      return [`// ${comment(p.spec.name)}: ${comment(p.spec.operation)} ${p.call === undefined && ['put', 'update', 'delete'].includes(p.spec.operation) ? 'without the full primary key' : 'patterns'} are not generated.`];
  }
}
