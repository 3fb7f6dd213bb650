/**
 * Generated table configs full of findings, for the bench (bench/language.bench.ts) and the UI test
 * that types into a 10,000-line config.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

const example = (name: string): string => readFileSync(join(repoRoot(), 'examples', name), 'utf8');

/** Genesys tables (the example's two, renamed), every other pair without billing mode and hash key type: fixable findings. */
export function genesysWithFindings(lines: number): string {
  const text = example('genesys.toml');
  const first = text.search(/^\[\[resources\.dynamodb\]\]/m);
  const tables = text.slice(first).replace(/\n?$/, '\n\n');
  const out = [text.slice(0, first)];
  let count = out[0].split('\n').length - 1;
  for (let i = 0; count < lines; i++) {
    let t = tables.replace(/name = "(carts|invoices)"/g, (_, n: string) => `name = "${n}-${i}"`);
    if (i % 2 === 0) {
      t = t.replace('billing_mode = "PAY_PER_REQUEST"      # or "PROVISIONED"\n', '')
        .replace('hash_key_type = "S"\nrange_key_name = "issued_at"', 'range_key_name = "issued_at"');
    }
    out.push(t);
    count += t.split('\n').length - 1;
  }
  return out.join('');
}

/** Component tables, each with an unused attribute definition and a stream without a view type. */
export function componentWithFindings(lines: number): string {
  const out = ['components:\n'];
  let count = 1;
  for (let i = 0; count < lines; i++) {
    const entry = `  - name: table-${i}
    type: dynamodb-table
    config:
      tableName: Readings${i}
      billingMode: PROVISIONED
      provisionedThroughput:
        readCapacityUnits: 5
        writeCapacityUnits: 5
      attributeDefinitions:
        - attributeName: deviceId
          attributeType: S
        - attributeName: readAt
          attributeType: N
        - attributeName: unusedAttr
          attributeType: S
      keySchema:
        - attributeName: deviceId
          keyType: HASH
        - attributeName: readAt
          keyType: RANGE
      streamSpecification:
        streamEnabled: true
      pointInTimeRecoveryEnabled: true
      tags:
        owner: telemetry
`;
    out.push(entry);
    count += entry.split('\n').length - 1;
  }
  return out.join('');
}
