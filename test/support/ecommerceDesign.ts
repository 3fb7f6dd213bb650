/**
 * The e-commerce single-table design of the CDK skill (shared/seeds/003: "Set Up a DynamoDB
 * Table") as the shared model holds it: entities User, User Email, Order, Order Item and Product
 * on PK/SK, GSI1 "orders by date" (GSI1PK/GSI1SK, ALL), GSI2 with an INCLUDE projection (name,
 * email, status) serving "find a user by email", and the skill's access patterns.
 *
 * Built in code, so the design view and the code generators are tested without a parser; the
 * fixture's YAML (`ecommerceConfigYaml`) writes the same design in the component dialect, and
 * test/unit/design/fixture.test.ts checks the parser reads `ECOMMERCE_DESIGN` back from it
 * (pointers aside: `withoutPointers`). It is a superset of examples/ecommerce.*, which the e2e and
 * UI tests open: User has createdAt, Product an optional description, "List orders by date" takes
 * a between, and there is a delete.
 *
 * One deliberate difference from the skill's text: its pattern table says "Get order by ID:
 * PK = ORDER#<orderId>", but its own entity map stores an Order under PK USER#<userId>,
 * SK ORDER#<orderId> (ORDER#<orderId> is the Order Item's partition). The fixture follows the
 * entity map: getting an order takes the user and the order id.
 */
import type {
  AccessPatternSpec, DesignSpec, EntityAttribute, EntityAttributeType, EntitySpec, KeyConditionSpec, KeyOperator, PatternOperation,
} from '../../src/model/design';
import { parseTemplate } from '../../src/model/design';
import { operatorWord } from '../../src/design/read';
import type { AttributeType, Field, IndexSpec, KeyElementSpec, KeyType, ProjectionType, TableSpec } from '../../src/model/spec';

export const ECOMMERCE_TABLE = 'my-service-table';

function field<T>(value: T, pointer: string): Field<T> {
  return { valid: true, value, raw: value, pointer };
}

function key(name: string, keyType: KeyType, pointer: string): KeyElementSpec {
  return { name: field(name, `${pointer}/name`), keyType: field(keyType, `${pointer}/keyType`), pointer };
}

function gsi(i: number, name: string, hash: string, range: string, projection: ProjectionType, nonKey?: string[]): IndexSpec {
  const p = `/gsi/${i}`;
  return {
    kind: 'GSI', name: field(name, `${p}/name`), keySchemaPointer: `${p}/keySchema`, pointer: p,
    keySchema: [key(hash, 'HASH', `${p}/keySchema/0`), key(range, 'RANGE', `${p}/keySchema/1`)],
    projection: { type: field(projection, `${p}/projection/type`), ...(nonKey ? { nonKeyAttributes: field(nonKey, `${p}/projection/nonKeyAttributes`) } : {}), pointer: `${p}/projection` },
  };
}

/** The table as a config describes it (component-like pointers; any dialect normalizes to this). */
export function ecommerceTable(options: { billing?: 'PAY_PER_REQUEST' | 'PROVISIONED'; name?: string } = {}): TableSpec {
  const billing = options.billing ?? 'PAY_PER_REQUEST';
  const attributes: [string, AttributeType][] = [['PK', 'S'], ['SK', 'S'], ['GSI1PK', 'S'], ['GSI1SK', 'S'], ['GSI2PK', 'S'], ['GSI2SK', 'S']];
  return {
    dialect: 'component',
    pointer: '',
    name: field(options.name ?? ECOMMERCE_TABLE, '/name'),
    billingMode: field(billing, '/billingMode'),
    ...(billing === 'PROVISIONED' ? { throughput: { read: field(10, '/throughput/read'), write: field(5, '/throughput/write'), pointer: '/throughput' } } : {}),
    attributes: attributes.map(([n, t], i) => ({ name: field(n, `/attributes/${i}/name`), type: field(t, `/attributes/${i}/type`), pointer: `/attributes/${i}` })),
    attributesPointer: '/attributes',
    keySchema: [key('PK', 'HASH', '/keySchema/0'), key('SK', 'RANGE', '/keySchema/1')],
    keySchemaPointer: '/keySchema',
    globalSecondaryIndexes: [
      gsi(0, 'GSI1', 'GSI1PK', 'GSI1SK', 'ALL'),
      gsi(1, 'GSI2', 'GSI2PK', 'GSI2SK', 'INCLUDE', ['name', 'email', 'status']),
    ],
    localSecondaryIndexes: [],
    tags: [],
  };
}

function entity(index: number, name: string, keys: Record<string, string>, attributes: [string, EntityAttributeType, boolean?][], extra: Partial<EntitySpec> = {}): EntitySpec {
  const p = `/entities/${index}`;
  return {
    name, table: ECOMMERCE_TABLE, pointer: p,
    keys: Object.fromEntries(Object.entries(keys).map(([attr, text]) => [attr, parseTemplate(text, `${p}/keys/${attr}`)])),
    attributes: attributes.map(([n, type, required], i): EntityAttribute => ({ name: n, type, ...(required === false ? { required: false } : {}), pointer: `${p}/attributes/${i}` })),
    ...extra,
  };
}

function condition(p: string, i: number, attribute: string, operator: KeyOperator, ...values: string[]): KeyConditionSpec {
  const at = `${p}/keyCondition/${i}`;
  return { attribute, operator, values: values.map((v, j) => parseTemplate(v, `${at}/values/${j}`)), pointer: at };
}

function pattern(
  index: number, name: string, operation: PatternOperation, conditions: [string, KeyOperator, ...string[]][],
  extra: { index?: string; entities?: string[]; reads?: string[] } = {},
): AccessPatternSpec {
  const p = `/patterns/${index}`;
  return {
    name, operation, table: ECOMMERCE_TABLE, pointer: p,
    keyCondition: conditions.map(([attribute, operator, ...values], i) => condition(p, i, attribute, operator, ...values)),
    ...extra,
  };
}

export const ECOMMERCE_ENTITIES: readonly EntitySpec[] = [
  entity(0, 'User', { PK: 'USER#{userId}', SK: 'PROFILE', GSI2PK: 'EMAIL#{email}', GSI2SK: 'USER#{userId}' },
    [['userId', 'S'], ['name', 'S'], ['email', 'S'], ['status', 'S'], ['createdAt', 'S']]),
  entity(1, 'User Email', { PK: 'USER#{userId}', SK: 'EMAIL#{email}' },
    [['userId', 'S'], ['email', 'S'], ['verified', 'BOOL']]),
  entity(2, 'Order', { PK: 'USER#{userId}', SK: 'ORDER#{orderId}', GSI1PK: 'USER#{userId}', GSI1SK: 'ORDER#{createdAt}' },
    [['userId', 'S'], ['orderId', 'S'], ['createdAt', 'S'], ['status', 'S'], ['total', 'N']]),
  entity(3, 'Order Item', { PK: 'ORDER#{orderId}', SK: 'ITEM#{itemId}' },
    [['orderId', 'S'], ['itemId', 'S'], ['productId', 'S'], ['quantity', 'N'], ['price', 'N']]),
  entity(4, 'Product', { PK: 'PRODUCT#{productId}', SK: 'DETAILS' },
    [['productId', 'S'], ['name', 'S'], ['price', 'N'], ['description', 'S', false]]),
];

export const ECOMMERCE_PATTERNS: readonly AccessPatternSpec[] = [
  pattern(0, 'Get user', 'get', [['PK', '=', 'USER#{userId}'], ['SK', '=', 'PROFILE']], { entities: ['User'] }),
  pattern(1, 'Get order', 'get', [['PK', '=', 'USER#{userId}'], ['SK', '=', 'ORDER#{orderId}']], { entities: ['Order'] }),
  pattern(2, 'List orders for a user', 'query', [['PK', '=', 'USER#{userId}'], ['SK', 'begins_with', 'ORDER#']], { entities: ['Order'] }),
  pattern(3, 'List orders by date', 'query', [['GSI1PK', '=', 'USER#{userId}'], ['GSI1SK', 'between', 'ORDER#{from}', 'ORDER#{to}']], { index: 'GSI1', entities: ['Order'] }),
  pattern(4, 'List items of an order', 'query', [['PK', '=', 'ORDER#{orderId}'], ['SK', 'begins_with', 'ITEM#']], { entities: ['Order Item'] }),
  pattern(5, 'Get product', 'get', [['PK', '=', 'PRODUCT#{productId}'], ['SK', '=', 'DETAILS']], { entities: ['Product'] }),
  pattern(6, 'Find user by email', 'query', [['GSI2PK', '=', 'EMAIL#{email}']], { index: 'GSI2', entities: ['User'], reads: ['name', 'email', 'status'] }),
  pattern(7, 'Create order', 'put', [['PK', '=', 'USER#{userId}'], ['SK', '=', 'ORDER#{orderId}']], { entities: ['Order'] }),
  pattern(8, 'Delete order', 'delete', [['PK', '=', 'USER#{userId}'], ['SK', '=', 'ORDER#{orderId}']], { entities: ['Order'] }),
];

export const ECOMMERCE_DESIGN: DesignSpec = { entities: ECOMMERCE_ENTITIES, patterns: ECOMMERCE_PATTERNS };

/** A design without its source pointers (to compare a parser's output with the fixture). */
export function withoutPointers(value: unknown): unknown {
  if (Array.isArray(value)) { return value.map(withoutPointers); }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'pointer').map(([k, v]) => [k, withoutPointers(v)]));
  }
  return value;
}

/** The design in the component dialect's syntax (JSON flow values are YAML), indented under a table's `config:`. */
function designYaml(design: DesignSpec): string {
  const lines: string[] = ['      entities:'];
  for (const e of design.entities) {
    lines.push(`        - name: ${JSON.stringify(e.name)}`);
    lines.push(`          keys: ${JSON.stringify(Object.fromEntries(Object.entries(e.keys).map(([k, t]) => [k, t.text])))}`);
    lines.push(`          attributes: ${JSON.stringify(Object.fromEntries(e.attributes.map(a => [a.name, a.required === undefined ? a.type : { type: a.type, required: a.required }])))}`);
    if (e.sampleCount !== undefined) { lines.push(`          sampleCount: ${e.sampleCount}`); }
    if (e.itemSizeBytes !== undefined) { lines.push(`          itemSizeBytes: ${e.itemSizeBytes}`); }
  }
  lines.push('      accessPatterns:');
  for (const p of design.patterns) {
    lines.push(`        - name: ${JSON.stringify(p.name)}`, `          operation: ${p.operation}`);
    if (p.index !== undefined) { lines.push(`          index: ${JSON.stringify(p.index)}`); }
    if (p.entities) { lines.push(`          entities: ${JSON.stringify(p.entities)}`); }
    if (p.reads) { lines.push(`          reads: ${JSON.stringify(p.reads)}`); }
    const condition = Object.fromEntries(p.keyCondition.map(c => [c.attribute, c.operator === '=' ? c.values[0]!.text
      : { [operatorWord(c.operator, { beginsWith: 'beginsWith' })]: c.operator === 'between' ? c.values.map(v => v.text) : c.values[0]!.text }]));
    lines.push(`          keyCondition: ${JSON.stringify(condition)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The e-commerce table and its design (ECOMMERCE_DESIGN) as a component-dialect config (`withoutGsi1` drops "orders by date"). */
export function ecommerceConfigYaml(options: { withoutGsi1?: boolean } = {}): string {
  const gsi1 = `        - indexName: GSI1
          keySchema:
            - attributeName: GSI1PK
              keyType: HASH
            - attributeName: GSI1SK
              keyType: RANGE
          projection:
            projectionType: ALL
`;
  return `# The single-table e-commerce design of the CDK skill: users, their emails and orders, order items, products.
components:
  - name: shop
    type: dynamodb-table
    config:
      tableName: ${ECOMMERCE_TABLE}
      billingMode: PAY_PER_REQUEST
      attributeDefinitions:
        - attributeName: PK
          attributeType: S
        - attributeName: SK
          attributeType: S
${options.withoutGsi1 ? '' : `        - attributeName: GSI1PK
          attributeType: S
        - attributeName: GSI1SK
          attributeType: S
`}        - attributeName: GSI2PK
          attributeType: S
        - attributeName: GSI2SK
          attributeType: S
      keySchema:
        - attributeName: PK
          keyType: HASH
        - attributeName: SK
          keyType: RANGE
      globalSecondaryIndexes:
${options.withoutGsi1 ? '' : gsi1}        - indexName: GSI2
          keySchema:
            - attributeName: GSI2PK
              keyType: HASH
            - attributeName: GSI2SK
              keyType: RANGE
          projection:
            projectionType: INCLUDE
            nonKeyAttributes: [name, email, status]
${designYaml(ECOMMERCE_DESIGN)}`;
}
