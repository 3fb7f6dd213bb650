/** Generated TypeScript: the skill's functions for the e-commerce design, and `tsc --strict` accepts it, odd names included. */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { codeModel } from '../../../src/design/codegen/model';
import { generateTypeScript } from '../../../src/design/codegen/typescript';
import { shapeOfSpec } from '../../../src/design/view';
import type { DesignSpec, EntitySpec } from '../../../src/model/design';
import { parseTemplate } from '../../../src/model/design';
import { removeDir, scratchDir, strictTypeErrors } from '../../support/codegen';
import { ECOMMERCE_DESIGN, ECOMMERCE_TABLE, ecommerceTable } from '../../support/ecommerceDesign';

const table = shapeOfSpec(ecommerceTable());
const code = generateTypeScript(codeModel(table, ECOMMERCE_DESIGN), { source: 'shop.yaml' });
const dir = scratchDir();
after(() => removeDir(dir));

function compile(name: string, text: string): string[] {
  const file = join(dir, `${name}.ts`);
  writeFileSync(file, text);
  return strictTypeErrors([file]);
}

describe('TypeScript data-access code', () => {
  it('takes a put without a key condition (the item gives its keys, as in examples/ecommerce.*) as the entity\'s create function', () => {
    const put = { ...ECOMMERCE_DESIGN.patterns.find(p => p.name === 'Create order')!, name: 'Place order', keyCondition: [] };
    const model = codeModel(table, { entities: ECOMMERCE_DESIGN.entities, patterns: [put] });
    assert.equal(model.patterns[0]!.call, 'put');
    const source = generateTypeScript(model, { source: 'shop.yaml' });
    assert.ok(source.includes('export async function placeOrder(input: Order)'), source.slice(-600));
  });

  it('compiles with tsc --strict', () => {
    assert.deepEqual(compile('ecommerce', code), []);
  });

  it('has typed entities, key builders and create functions that fill every key attribute from its template', () => {
    assert.ok(code.includes('export interface OrderItem {'), 'the Order Item entity');
    assert.ok(code.includes("export function userKey(input: Pick<User, 'userId'>): { PK: string; SK: string } {"));
    assert.ok(code.includes("  return { PK: `USER#${input.userId}`, SK: 'PROFILE' };"));
    const create = code.slice(code.indexOf('export async function createOrder('), code.indexOf('\n}\n', code.indexOf('export async function createOrder(')));
    for (const line of ['    GSI1PK: `USER#${input.userId}`,', '    GSI1SK: `ORDER#${input.createdAt}`,', "    entityType: 'Order',", "    ConditionExpression: 'attribute_not_exists(#pk)',", "    ExpressionAttributeNames: { '#pk': 'PK' },"]) {
      assert.ok(create.includes(line), `${line} in\n${create}`);
    }
    assert.ok(code.includes(`process.env.TABLE_NAME ?? '${ECOMMERCE_TABLE}'`));
  });

  it('writes one function per pattern: GetItem, Query with begins_with and paging, a Query on the index, between', () => {
    assert.ok(code.includes("export async function getUser(input: { userId: string }, options: { consistentRead?: boolean } = {}): Promise<UserRecord | undefined> {"));
    const list = code.slice(code.indexOf('export async function listOrdersForUser('));
    assert.ok(list.startsWith('export async function listOrdersForUser(input: { userId: string }, options: PageOptions & { ascending?: boolean } = {}): Promise<Page<OrderRecord>> {'), list.slice(0, 200));
    assert.ok(list.includes("KeyConditionExpression: '#k0 = :v0 AND begins_with(#k1, :v1)',"));
    assert.ok(list.includes("ExpressionAttributeValues: { ':v0': `USER#${input.userId}`, ':v1': 'ORDER#' },"));
    assert.ok(list.includes('ExclusiveStartKey: options.startKey,'));
    const byDate = code.slice(code.indexOf('export async function listOrdersByDate('));
    assert.ok(byDate.includes("IndexName: 'GSI1',"));
    assert.ok(byDate.includes("KeyConditionExpression: '#k0 = :v0 AND #k1 BETWEEN :v1_0 AND :v1_1',"));
    // GSI2 projects name, email, status: the result type says so.
    assert.ok(code.includes("Promise<Page<Pick<UserRecord, 'PK' | 'SK' | 'GSI2PK' | 'GSI2SK' | 'name' | 'email' | 'status'>>>"), code.slice(code.indexOf('findUserByEmail'), code.indexOf('findUserByEmail') + 300));
    assert.ok(code.includes('// Create order: createOrder above.'));
    assert.ok(code.includes("export async function deleteOrder(input: { userId: string; orderId: string }): Promise<OrderRecord | undefined> {"));
  });

  it('scans with a filter where no key serves the condition (GSI1 removed)', () => {
    const without = { ...table, indexes: table.indexes.filter(i => i.name !== 'GSI1') };
    const text = generateTypeScript(codeModel(without, ECOMMERCE_DESIGN));
    const byDate = text.slice(text.indexOf('export async function listOrdersByDate('));
    assert.ok(byDate.includes('new ScanCommand({'));
    assert.ok(byDate.includes("FilterExpression: '#k0 = :v0 AND #k1 BETWEEN :v1_0 AND :v1_1',"));
    assert.ok(!byDate.slice(0, byDate.indexOf('\n}\n')).includes('IndexName'));
    assert.deepEqual(compile('scan', text), []);
  });

  it('compiles with names that are not identifiers, quotes, backticks, ${ in literals, sparse keys and updates', () => {
    const odd: EntitySpec = {
      name: "delete's `thing`", table: ECOMMERCE_TABLE, pointer: '',
      keys: {
        PK: parseTemplate('T`${x}\\#{my-id}', ''), SK: parseTemplate("it's", ''),
        GSI1PK: parseTemplate('{count}', ''), GSI1SK: parseTemplate('OPT#{maybe}', ''),
      },
      attributes: [{ name: 'my-id', type: 'S', pointer: '' }, { name: 'count', type: 'N', pointer: '' }, { name: 'maybe', type: 'S', required: false, pointer: '' },
        { name: 'tags', type: 'SS', pointer: '' }, { name: 'blob', type: 'B', pointer: '' }, { name: '2nd', type: 'M', pointer: '' }],
    };
    const design: DesignSpec = {
      entities: [odd, ...ECOMMERCE_DESIGN.entities],
      patterns: [
        ...ECOMMERCE_DESIGN.patterns,
        { name: 'Get user', operation: 'get', table: ECOMMERCE_TABLE, keyCondition: ECOMMERCE_DESIGN.patterns[0]!.keyCondition, pointer: '' },
        { name: 'Update order', operation: 'update', table: ECOMMERCE_TABLE, entities: ['Order'], keyCondition: ECOMMERCE_DESIGN.patterns[1]!.keyCondition, pointer: '' },
        { name: 'Count by number', operation: 'query', table: ECOMMERCE_TABLE, index: 'GSI1', keyCondition: [{ attribute: 'GSI1PK', operator: '=', values: [parseTemplate('{count}', '')], pointer: '' }], pointer: '' },
        { name: 'Batch', operation: 'batchGet', table: ECOMMERCE_TABLE, keyCondition: [], pointer: '' },
        { name: '*/ delete', operation: 'scan', table: ECOMMERCE_TABLE, keyCondition: [], pointer: '' },
      ],
    };
    const text = generateTypeScript(codeModel(table, design), { source: 'a */ b.yaml' });
    assert.deepEqual(compile('odd', text), []);
    assert.ok(text.includes('export async function getUser2('), 'a second pattern of the same name gets its own function');
    assert.ok(text.includes("...(input.maybe !== undefined ? { GSI1SK: `OPT#${input.maybe}` } : {}),"), 'a key made of an optional attribute is written only with it');
    assert.ok(text.includes("changes: Partial<Omit<Order, 'userId' | 'orderId' | 'createdAt'>>"), 'an update cannot change what keys are made of');
  });
});
