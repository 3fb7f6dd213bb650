/**
 * Design rule cases (entities and access patterns) on the e-commerce single-table design of
 * examples/ecommerce.toml (genesys) and examples/ecommerce.component.yaml (component): each
 * mutation starts from that design instead of the dialect's table example. The planton manifest
 * holds no design (its sidecar does: test/unit/design/sidecar.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths';
import type { RuleCase } from './harness';

const ECOMMERCE = { genesys: 'ecommerce.toml', component: 'ecommerce.component.yaml' } as const;

export function ecommerce(dialect: 'genesys' | 'component'): string {
  return readFileSync(join(repoRoot(), 'examples', ECOMMERCE[dialect]), 'utf8');
}

/** A mutation of the e-commerce design (the dialect's table example is ignored). */
function on(dialect: 'genesys' | 'component', replacements: readonly (readonly [string, string])[]): (text: string) => string {
  return () => {
    let out = ecommerce(dialect);
    for (const [from, to] of replacements) {
      const at = out.indexOf(from);
      if (at < 0 || out.indexOf(from, at + from.length) >= 0) { throw new Error(`mutation: ${JSON.stringify(from)} not found once`); }
      out = out.slice(0, at) + to + out.slice(at + from.length);
    }
    return out;
  };
}

const G = 'genesys' as const;
const C = 'component' as const;

/** Without GSI1 (and, in component, its attribute definitions). */
const GENESYS_NO_GSI1: readonly [string, string] = [
  '[[resources.dynamodb.global_secondary_indexes]]\nname = "GSI1"                             # orders by date\nhash_key_name = "GSI1PK"\nhash_key_type = "S"\nrange_key_name = "GSI1SK"\nrange_key_type = "S"\nprojection_type = "ALL"\n\n', ''];
const COMPONENT_NO_GSI1: readonly (readonly [string, string])[] = [
  ['        - { attributeName: GSI1PK, attributeType: S }\n        - { attributeName: GSI1SK, attributeType: S }\n', ''],
  ['        - indexName: GSI1                 # orders by date\n          keySchema:\n            - { attributeName: GSI1PK, keyType: HASH }\n            - { attributeName: GSI1SK, keyType: RANGE }\n          projection:\n            projectionType: ALL\n', ''],
];

export const DESIGN_CASES: readonly RuleCase[] = [
  // pattern-needs-scan
  { dialect: G, what: 'GSI1 removed: "List orders by date" needs a Scan', code: 'pattern-needs-scan', mutation: on(G, [GENESYS_NO_GSI1]), range: [76, 8, 76, 14], marks: '"GSI1"', fixes: ['Add GSI GSI1 (GSI1PK HASH, GSI1SK RANGE) for "List orders by date"'] },
  { dialect: C, what: 'GSI1 removed: "List orders by date" needs a Scan', code: 'pattern-needs-scan', mutation: on(C, COMPONENT_NO_GSI1), range: [64, 17, 64, 21], marks: 'GSI1', fixes: ['Add GSI GSI1 (GSI1PK HASH, GSI1SK RANGE) for "List orders by date"'] },
  { dialect: G, what: 'a query on the table by GSI1PK (GSI1 serves it)', code: 'pattern-needs-scan', mutation: on(G, [['index = "GSI1"\nkey_condition = { GSI1PK', 'key_condition = { GSI1PK']]), range: [84, 18, 84, 24], marks: 'GSI1PK', fixes: ['Query index GSI1 instead'] },
  { dialect: C, what: 'a sort-key operator on a hash-only index', code: 'pattern-needs-scan', mutation: on(C, [['            - { attributeName: GSI2SK, keyType: RANGE }\n', ''], ['        - { attributeName: GSI2SK, attributeType: S }\n', ''], ['keyCondition: { GSI2PK: "EMAIL#{email}" }', 'keyCondition: { GSI2PK: "EMAIL#{email}", GSI2SK: { beginsWith: "USER#" } }']]), range: [84, 51, 84, 57], marks: 'GSI2SK', fixes: ['Add GSI GSI3 (GSI2PK HASH, GSI2SK RANGE) for "Find user by email"'] },
  // pattern-get-full-key
  { dialect: G, what: 'a get without the sort key', code: 'pattern-get-full-key', mutation: on(G, [['key_condition = { PK = "PRODUCT#{productId}", SK = "DETAILS" }', 'key_condition = { PK = "PRODUCT#{productId}" }']]), range: [103, 7, 103, 26], marks: '"Get product by ID"' },
  { dialect: C, what: 'a get with begins_with on the sort key', code: 'pattern-get-full-key', mutation: on(C, [['keyCondition: { PK: "PRODUCT#{productId}", SK: DETAILS }', 'keyCondition: { PK: "PRODUCT#{productId}", SK: { beginsWith: DET } }']]), range: [91, 53, 91, 55], marks: 'SK' },
  // pattern-attribute-unknown
  { dialect: G, what: 'reads an attribute no entity has', code: 'pattern-attribute-unknown', mutation: on(G, [['reads = ["name", "email", "status"]', 'reads = ["name", "email", "nickname"]']]), range: [100, 26, 100, 36], marks: '"nickname"', also: ['pattern-projection'] },
  { dialect: C, what: 'reads an attribute no entity has', code: 'pattern-attribute-unknown', mutation: on(C, [['reads: [name, email, status]', 'reads: [name, email, nickname]']]), range: [88, 31, 88, 39], marks: 'nickname', also: ['pattern-projection'] },
  // pattern-entity-unknown
  { dialect: G, what: 'expects an entity the table lacks', code: 'pattern-entity-unknown', mutation: on(G, [['entities = ["Product"]', 'entities = ["Products"]']]), range: [106, 12, 106, 22], marks: '"Products"' },
  { dialect: C, what: 'expects an entity the table lacks', code: 'pattern-entity-unknown', mutation: on(C, [['entities: [Product]', 'entities: [Products]']]), range: [92, 21, 92, 29], marks: 'Products' },
  // pattern-entity-mismatch: the skill's "Get order by ID" (PK = ORDER#<orderId>) reaches Order Items, not the Order
  { dialect: G, what: 'the skill\'s "Get order by ID": PK = ORDER#{orderId} never holds an Order', code: 'pattern-entity-mismatch', mutation: on(G, [['name = "Get order by ID"\noperation = "get"\nkey_condition = { PK = "USER#{userId}", SK = "ORDER#{orderId}" }', 'name = "Get order by ID"\noperation = "query"\nkey_condition = { PK = "ORDER#{orderId}" }']]), range: [73, 12, 73, 19], marks: '"Order"' },
  { dialect: C, what: 'the skill\'s "Get order by ID": PK = ORDER#{orderId} never holds an Order', code: 'pattern-entity-mismatch', mutation: on(C, [['- name: Get order by ID\n          operation: get\n          keyCondition: { PK: "USER#{userId}", SK: "ORDER#{orderId}" }', '- name: Get order by ID\n          operation: query\n          keyCondition: { PK: "ORDER#{orderId}" }']]), range: [63, 21, 63, 26], marks: 'Order' },
  // pattern-projection
  { dialect: G, what: 'reads the whole User from INCLUDE index GSI2', code: 'pattern-projection', mutation: on(G, [['reads = ["name", "email", "status"]\n', '']]), range: [95, 7, 95, 27], marks: '"Find user by email"' },
  { dialect: C, what: 'reads the whole User from INCLUDE index GSI2', code: 'pattern-projection', mutation: on(C, [['          reads: [name, email, status]\n', '']]), range: [83, 16, 83, 34], marks: 'Find user by email' },
  // entity-key-missing
  { dialect: G, also: ['pattern-entity-mismatch'], what: 'Product without an SK template', code: 'entity-key-missing', mutation: on(G, [['keys = { PK = "PRODUCT#{productId}", SK = "DETAILS" }', 'keys = { PK = "PRODUCT#{productId}" }']]), range: [59, 0, 59, 4], marks: 'keys' },
  { dialect: C, also: ['pattern-entity-mismatch'], what: 'Product without an SK template', code: 'entity-key-missing', mutation: on(C, [['keys: { PK: "PRODUCT#{productId}", SK: DETAILS }', 'keys: { PK: "PRODUCT#{productId}" }']]), range: [52, 10, 52, 14], marks: 'keys' },
  // entity-key-collision
  { dialect: G, what: 'User Email keyed like an Order (same literal prefixes)', code: 'entity-key-collision', mutation: on(G, [['keys = { PK = "USER#{userId}", SK = "EMAIL#{email}" }', 'keys = { PK = "USER#{userId}", SK = "ORDER#{email}" }']]), range: [47, 0, 47, 4], marks: 'keys' },
  { dialect: C, also: ['pattern-entity-mismatch'], what: 'Product keyed PROFILE under a user-like prefix', code: 'entity-key-collision', mutation: on(C, [['keys: { PK: "PRODUCT#{productId}", SK: DETAILS }', 'keys: { PK: "USER#{productId}", SK: PROFILE }']]), range: [52, 10, 52, 14], marks: 'keys' },
  // template-placeholder-undefined
  { dialect: G, what: 'an Order Item template naming {lineId}', code: 'template-placeholder-undefined', mutation: on(G, [['SK = "ITEM#{itemId}" }', 'SK = "ITEM#{lineId}" }']]), range: [53, 38, 53, 53], marks: '"ITEM#{lineId}"' },
  { dialect: C, what: 'a pattern template naming {customerId}', code: 'template-placeholder-undefined', mutation: on(C, [['            PK: "ORDER#{orderId}"\n', '            PK: "ORDER#{customerId}"\n']]), range: [80, 16, 80, 36], marks: '"ORDER#{customerId}"' },
  { dialect: G, what: 'a range bound {since} that does not line up with Order\'s GSI1SK template', code: 'template-placeholder-undefined', mutation: on(G, [['GSI1SK = { begins_with = "ORDER#" }', 'GSI1SK = { gt = "DATE#{since}" }']]), range: [85, 60, 85, 74], marks: '"DATE#{since}"' },
  { dialect: C, what: 'a range bound {since} that does not line up with Order\'s GSI1SK template', code: 'template-placeholder-undefined', mutation: on(C, [['GSI1SK: { beginsWith: "ORDER#" }', 'GSI1SK: { gt: "DATE#{since}" }']]), range: [75, 26, 75, 40], marks: '"DATE#{since}"' },
  // entity-sparse-index
  { dialect: G, what: 'Product with GSI1PK but no GSI1SK', code: 'entity-sparse-index', mutation: on(G, [['keys = { PK = "PRODUCT#{productId}", SK = "DETAILS" }', 'keys = { PK = "PRODUCT#{productId}", SK = "DETAILS", GSI1PK = "PRODUCT" }']]), range: [59, 0, 59, 4], marks: 'keys' },
  { dialect: C, what: 'Order in GSI1 only with an optional createdAt', code: 'entity-sparse-index', mutation: on(C, [['attributes: { userId: S, orderId: S, createdAt: S, total: N, status: S }', 'attributes: { userId: S, orderId: S, createdAt: { type: S, required: false }, total: N, status: S }']]), range: [44, 10, 44, 14], marks: 'keys' },
  // design-table-unknown
  { dialect: G, what: 'a pattern naming another table', code: 'design-table-unknown', mutation: on(G, [['name = "Create order"\n', 'name = "Create order"\ntable = "orders"\n']]), range: [109, 7, 109, 21], marks: '"Create order"' },
  { dialect: C, what: 'a pattern naming another table', code: 'design-table-unknown', mutation: on(C, [['        - name: Create order\n', '        - name: Create order\n          table: orders\n']]), range: [93, 16, 93, 28], marks: 'Create order' },
];
