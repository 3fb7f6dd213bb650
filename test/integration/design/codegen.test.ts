/**
 * The generated data-access code, run against a real local server (dynalite): the table created
 * from the design's TableSpec by apply, items written through the generated create functions,
 * then every generated get/list/delete function called. TypeScript through the document client;
 * Python through boto3 (when python3 with boto3 is installed).
 */
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { applyPlan, planSpec } from '../../../src/dynamo/apply';
import { codeModel, pascalCase, wordsOf } from '../../../src/design/codegen/model';
import { generateSamples } from '../../../src/design/samples';
import { generatePython } from '../../../src/design/codegen/python';
import { generateTypeScript } from '../../../src/design/codegen/typescript';
import { designView, SAMPLES_SHOWN, shapeOfSpec } from '../../../src/design/view';
import type { DesignSpec } from '../../../src/model/design';
import type { TableSpec } from '../../../src/model/spec';
import { removeDir, scratchDir, transpile } from '../../support/codegen';
import { ECOMMERCE_DESIGN, ecommerceTable } from '../../support/ecommerceDesign';
import { LOCAL_CREDENTIALS, startDynalite } from '../../support/servers';
import type { LocalServer } from '../../support/servers';

const run = promisify(execFile);

/** The data the tests write, and what each read must return. */
const USERS = [
  { userId: 'u1', name: 'Alice', email: 'alice@example.com', status: 'ACTIVE', createdAt: '2025-01-01T00:00:00Z' },
  { userId: 'u2', name: 'Bob', email: 'bob@example.com', status: 'PENDING', createdAt: '2025-01-02T00:00:00Z' },
];
const EMAILS = [{ userId: 'u1', email: 'alice@example.com', verified: true }];
const ORDERS = [
  { userId: 'u1', orderId: 'o1', createdAt: '2025-01-05', status: 'SHIPPED', total: 30 },
  { userId: 'u1', orderId: 'o2', createdAt: '2025-02-10', status: 'PENDING', total: 12 },
  { userId: 'u1', orderId: 'o3', createdAt: '2025-03-15', status: 'PENDING', total: 7 },
  { userId: 'u2', orderId: 'o4', createdAt: '2025-02-20', status: 'SHIPPED', total: 99 },
];
const ORDER_ITEMS = [
  { orderId: 'o1', itemId: 'i1', productId: 'p1', quantity: 2, price: 10 },
  { orderId: 'o1', itemId: 'i2', productId: 'p2', quantity: 1, price: 10 },
  { orderId: 'o2', itemId: 'i1', productId: 'p1', quantity: 1, price: 12 },
];
const PRODUCTS = [{ productId: 'p1', name: 'Pen', price: 10 }, { productId: 'p2', name: 'Ink', price: 10, description: 'blue' }];

async function createTable(server: LocalServer, spec: TableSpec): Promise<void> {
  const client = server.client();
  const report = await applyPlan(client, await planSpec(client, spec), { spec, server: 'dynalite' });
  assert.equal(report.outcome, 'done', JSON.stringify(report));
}

describe('generated data-access code against dynalite', () => {
  let server: LocalServer;
  const dir = scratchDir();

  before(async () => { server = await startDynalite(); });
  after(async () => { await server?.stop(); removeDir(dir); });

  it('TypeScript: creates items, then gets and lists them as the patterns promise', async () => {
    const spec = ecommerceTable({ name: 'shop-ts' });
    await createTable(server, spec);
    const source = generateTypeScript(codeModel(shapeOfSpec(spec), { ...ECOMMERCE_DESIGN, entities: ECOMMERCE_DESIGN.entities.map(e => ({ ...e, table: 'shop-ts' })), patterns: ECOMMERCE_DESIGN.patterns.map(p => ({ ...p, table: 'shop-ts' })) }));
    writeFileSync(join(dir, 'shop.ts'), source);
    writeFileSync(join(dir, 'shop.js'), transpile(source));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const shop = require(join(dir, 'shop.js')) as Record<string, (...args: unknown[]) => Promise<unknown>> & { configure(o: object): void; allPages<T>(read: (k?: object) => Promise<{ items: T[] }>): Promise<T[]> };
    shop.configure({ client: DynamoDBDocumentClient.from(server.client()), tableName: 'shop-ts' });

    for (const u of USERS) { await shop.createUser!(u); }
    for (const e of EMAILS) { await shop.createUserEmail!(e); }
    for (const o of ORDERS) { await shop.createOrder!(o); }
    for (const i of ORDER_ITEMS) { await shop.createOrderItem!(i); }
    for (const p of PRODUCTS) { await shop.createProduct!(p); }

    assert.deepEqual(await shop.getUser!({ userId: 'u1' }), { ...USERS[0], PK: 'USER#u1', SK: 'PROFILE', GSI2PK: 'EMAIL#alice@example.com', GSI2SK: 'USER#u1', entityType: 'User' });
    assert.equal(await shop.getUser!({ userId: 'nobody' }), undefined);
    assert.deepEqual(await shop.getOrder!({ userId: 'u1', orderId: 'o2' }), { ...ORDERS[1], PK: 'USER#u1', SK: 'ORDER#o2', GSI1PK: 'USER#u1', GSI1SK: 'ORDER#2025-02-10', entityType: 'Order' });

    type Page = { items: { orderId?: string; itemId?: string; entityType?: string }[]; nextKey?: object };
    const orders = await shop.listOrdersForUser!({ userId: 'u1' }) as Page;
    assert.deepEqual(orders.items.map(o => [o.entityType, o.orderId]), [['Order', 'o1'], ['Order', 'o2'], ['Order', 'o3']], 'the user profile and email share the partition but not the ORDER# prefix');
    const first = await shop.listOrdersForUser!({ userId: 'u1' }, { limit: 2 }) as Page;
    assert.equal(first.items.length, 2);
    assert.ok(first.nextKey, 'a page of 2 of 3 orders says where the next starts');
    const all = await shop.allPages((startKey?: object) => shop.listOrdersForUser!({ userId: 'u1' }, { limit: 2, startKey }) as Promise<Page>);
    assert.deepEqual(all.map(o => (o as { orderId: string }).orderId), ['o1', 'o2', 'o3']);

    const byDate = await shop.listOrdersByDate!({ userId: 'u1', from: '2025-02-01', to: '2025-12-31' }) as Page;
    assert.deepEqual(byDate.items.map(o => o.orderId), ['o2', 'o3']);
    const newestFirst = await shop.listOrdersByDate!({ userId: 'u1', from: '2025-01-01', to: '2025-12-31' }, { ascending: false }) as Page;
    assert.deepEqual(newestFirst.items.map(o => o.orderId), ['o3', 'o2', 'o1']);

    const lines = await shop.listItemsOfOrder!({ orderId: 'o1' }) as Page;
    assert.deepEqual(lines.items.map(i => i.itemId), ['i1', 'i2']);
    assert.deepEqual(await shop.getProduct!({ productId: 'p2' }), { ...PRODUCTS[1], PK: 'PRODUCT#p2', SK: 'DETAILS', entityType: 'Product' });

    // GSI2 projects keys plus name, email and status only.
    const found = await shop.findUserByEmail!({ email: 'bob@example.com' }) as { items: Record<string, unknown>[] };
    assert.deepEqual(found.items, [{ PK: 'USER#u2', SK: 'PROFILE', GSI2PK: 'EMAIL#bob@example.com', GSI2SK: 'USER#u2', name: 'Bob', email: 'bob@example.com', status: 'PENDING' }]);

    await assert.rejects(shop.createOrder!({ ...ORDERS[0], total: 1 }), (e: Error) => e.name === 'ConditionalCheckFailedException', 'create never overwrites');
    assert.equal((await shop.getOrder!({ userId: 'u1', orderId: 'o1' }) as { total: number }).total, 30);

    assert.deepEqual((await shop.deleteOrder!({ userId: 'u1', orderId: 'o3' }) as { orderId: string }).orderId, 'o3');
    assert.equal(await shop.getOrder!({ userId: 'u1', orderId: 'o3' }), undefined);
  });

  it('TypeScript: the sample items the design view shows are the pattern runner\'s, and the items the generated create functions write', async () => {
    const spec = ecommerceTable({ name: 'shop-samples' });
    await createTable(server, spec);
    const design: DesignSpec = { entities: ECOMMERCE_DESIGN.entities.map(e => ({ ...e, table: 'shop-samples' })), patterns: [] };
    const source = generateTypeScript(codeModel(shapeOfSpec(spec), design));
    writeFileSync(join(dir, 'samples.js'), transpile(source));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const shop = require(join(dir, 'samples.js')) as Record<string, (item: object) => Promise<Record<string, unknown>>> & { configure(o: object): void };
    shop.configure({ client: DynamoDBDocumentClient.from(server.client()), tableName: 'shop-samples' });
    const view = designView(shapeOfSpec(spec), design);
    const table = view.samples[0]!;
    // The runner's samples (generated from the TableSpec), the first SAMPLES_SHOWN of each entity, in the view's order.
    const runner = generateSamples(design, [spec]);
    assert.equal(table.rows.length, design.entities.length * SAMPLES_SHOWN);
    let row = 0;
    for (const entity of design.entities) {
      const samples = runner.filter(s => s.entity === entity.name).slice(0, SAMPLES_SHOWN);
      assert.equal(samples.length, SAMPLES_SHOWN);
      for (let i = 1; i <= SAMPLES_SHOWN; i++, row++) {
        const sample = samples[i - 1]!.item;
        const attributes = Object.fromEntries(entity.attributes.filter(a => a.name in sample).map(a => [a.name, sample[a.name]]));
        const written = await shop[`create${pascalCase(wordsOf(entity.name))}`]!(attributes);
        const shown = table.rows[row]!;
        assert.equal(shown.entity, entity.name);
        for (const key of Object.keys(entity.keys)) {
          assert.equal(written[key], shown.values[table.columns.indexOf(key)], `${entity.name} ${i}: ${key}`);
        }
      }
    }
  });

  it('Python (boto3): creates items, then gets and lists them as the patterns promise', async t => {
    const python = await run('python3', ['-c', 'import boto3; print(boto3.__version__)']).catch(() => undefined);
    if (!python) { t.skip('python3 with boto3 is not installed'); return; }
    const spec = ecommerceTable({ name: 'shop-py' });
    await createTable(server, spec);
    writeFileSync(join(dir, 'shop_access.py'), generatePython(codeModel(shapeOfSpec(spec), {
      entities: ECOMMERCE_DESIGN.entities.map(e => ({ ...e, table: 'shop-py' })), patterns: ECOMMERCE_DESIGN.patterns.map(p => ({ ...p, table: 'shop-py' })),
    })));
    writeFileSync(join(dir, 'drive.py'), `
import json, sys
from decimal import Decimal
import boto3
import botocore.exceptions
import shop_access as shop

data = json.loads(sys.argv[1])
resource = boto3.resource("dynamodb", endpoint_url=sys.argv[2], region_name="us-east-1",
                          aws_access_key_id="${LOCAL_CREDENTIALS.accessKeyId}", aws_secret_access_key="${LOCAL_CREDENTIALS.secretAccessKey}")
shop.configure(table=resource.Table("shop-py"))
for u in data["users"]: shop.create_user(u)
for e in data["emails"]: shop.create_user_email(e)
for o in data["orders"]: shop.create_order(o)
for i in data["items"]: shop.create_order_item(i)
for p in data["products"]: shop.create_product(p)
out = {}
out["get_user"] = shop.get_user(user_id="u1")
out["get_missing"] = shop.get_user(user_id="nobody")
out["get_order"] = shop.get_order(user_id="u1", order_id="o2")
out["orders"] = [o["orderId"] for o in shop.list_orders_for_user(user_id="u1")["items"]]
first = shop.list_orders_for_user(user_id="u1", limit=2)
out["first_page"] = [len(first["items"]), first["next_key"] is not None]
out["all_pages"] = [o["orderId"] for o in shop.all_pages(lambda start: shop.list_orders_for_user(user_id="u1", limit=2, start_key=start))]
out["by_date"] = [o["orderId"] for o in shop.list_orders_by_date(user_id="u1", from_="2025-02-01", to="2025-12-31")["items"]]
out["order_items"] = [i["itemId"] for i in shop.list_items_of_order(order_id="o1")["items"]]
out["product"] = shop.get_product(product_id="p2")
out["by_email"] = shop.find_user_by_email(email="bob@example.com")["items"]
try:
    shop.create_order(dict(data["orders"][0], total=1))
    out["overwrite"] = "written"
except botocore.exceptions.ClientError as e:
    out["overwrite"] = e.response["Error"]["Code"]
out["deleted"] = shop.delete_order(user_id="u1", order_id="o3")["orderId"]
out["after_delete"] = shop.get_order(user_id="u1", order_id="o3")
print(json.dumps(out, default=lambda d: int(d) if isinstance(d, Decimal) and d == int(d) else float(d)))
`);
    const { stdout } = await run('python3', [join(dir, 'drive.py'), JSON.stringify({ users: USERS, emails: EMAILS, orders: ORDERS, items: ORDER_ITEMS, products: PRODUCTS }), server.endpoint], { cwd: dir });
    const out = JSON.parse(stdout) as Record<string, unknown>;
    assert.deepEqual(out.get_user, { ...USERS[0], PK: 'USER#u1', SK: 'PROFILE', GSI2PK: 'EMAIL#alice@example.com', GSI2SK: 'USER#u1', entityType: 'User' });
    assert.equal(out.get_missing, null);
    assert.deepEqual(out.get_order, { ...ORDERS[1], PK: 'USER#u1', SK: 'ORDER#o2', GSI1PK: 'USER#u1', GSI1SK: 'ORDER#2025-02-10', entityType: 'Order' });
    assert.deepEqual(out.orders, ['o1', 'o2', 'o3']);
    assert.deepEqual(out.first_page, [2, true]);
    assert.deepEqual(out.all_pages, ['o1', 'o2', 'o3']);
    assert.deepEqual(out.by_date, ['o2', 'o3']);
    assert.deepEqual(out.order_items, ['i1', 'i2']);
    assert.deepEqual(out.product, { ...PRODUCTS[1], PK: 'PRODUCT#p2', SK: 'DETAILS', entityType: 'Product' });
    assert.deepEqual(out.by_email, [{ PK: 'USER#u2', SK: 'PROFILE', GSI2PK: 'EMAIL#bob@example.com', GSI2SK: 'USER#u2', name: 'Bob', email: 'bob@example.com', status: 'PENDING' }]);
    assert.equal(out.overwrite, 'ConditionalCheckFailedException');
    assert.equal(out.deleted, 'o3');
    assert.equal(out.after_delete, null);
  });
});
