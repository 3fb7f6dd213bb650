/**
 * The CDK export type-checks with tsc against aws-cdk-lib's own types (devDependencies
 * aws-cdk-lib and constructs): every generated stack, and a broken copy that must not (so the
 * check really reads those types).
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import * as ts from 'typescript';
import { exportCdk } from '../../../src/config/export';
import type { LiveTable } from '../../../src/model/live';
import { repoRoot } from '../../support/paths';
import { EVERY_SETTING, ON_DEMAND, liveOf, type SimpleTable } from '../plan/builder';

// A non-key attribute with a quote in its name: the CDK export must escape it.
const provisioned: SimpleTable = { ...EVERY_SETTING, gsis: EVERY_SETTING.gsis!.map(g => ({ ...g, nonKey: ['total', "it's"] })) };
const onDemand = ON_DEMAND;
const awsManaged: LiveTable = { ...liveOf({ ...onDemand, name: '9lives' }), sse: { enabled: true } };

/** tsc's diagnostics for the files (type-checking only, strict, against the repo's node_modules). */
function typeCheck(files: readonly string[]): string[] {
  const program = ts.createProgram([...files], {
    noEmit: true, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10, skipLibCheck: true, types: [], esModuleInterop: true,
  });
  return ts.getPreEmitDiagnostics(program).map(d => {
    const where = d.file && d.start !== undefined ? `${d.file.fileName.split('/').pop()}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('CDK export', () => {
  // Inside the repository, so that `aws-cdk-lib` resolves to its node_modules.
  mkdirSync(join(repoRoot(), 'out'), { recursive: true });
  const dir = mkdtempSync(join(repoRoot(), 'out', 'cdk-check-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles with tsc against aws-cdk-lib (provisioned with every setting, on-demand, AWS-managed key), and a broken copy does not', () => {
    const files: string[] = [];
    for (const [name, live] of [['provisioned', liveOf(provisioned)], ['onDemand', liveOf(onDemand)], ['awsManaged', awsManaged]] as const) {
      const file = join(dir, `${name}.ts`);
      writeFileSync(file, exportCdk(live, { now: new Date('2026-01-02T03:04:05Z') }));
      files.push(file);
    }
    const broken = join(dir, 'broken.ts');
    writeFileSync(broken, exportCdk(liveOf(provisioned)).replace('partitionKey:', 'partitionKeyy:'));
    const diagnostics = typeCheck([...files, broken]);
    assert.deepEqual(diagnostics.filter(d => !d.startsWith('broken.ts')), []);
    assert.ok(diagnostics.some(d => d.startsWith('broken.ts') && /partitionKeyy/.test(d)), diagnostics.join('\n'));
  });

  it('writes TableV2 with keys, billing, indexes, stream, TTL, PITR, encryption, class, protection and tags', () => {
    const text = exportCdk(liveOf(provisioned));
    for (const expected of [
      /new dynamodb\.TableV2\(this, 'OrdersTable', \{/,
      /partitionKey: \{ name: 'pk', type: dynamodb\.AttributeType\.STRING \}/,
      /sortKey: \{ name: 'sk', type: dynamodb\.AttributeType\.NUMBER \}/,
      /billing: dynamodb\.Billing\.provisioned\(\{\n\s+readCapacity: dynamodb\.Capacity\.fixed\(5\),\n\s+writeCapacity: dynamodb\.Capacity\.autoscaled\(\{ minCapacity: 4, maxCapacity: 4 \}\)/,
      /indexName: 'by-status',[\s\S]*nonKeyAttributes: \['total', 'it\\'s'\]/,
      /localSecondaryIndexes: \[\n\s+\{\n\s+indexName: 'by-due',\n\s+sortKey: \{ name: 'due', type: dynamodb\.AttributeType\.NUMBER \}/,
      /dynamoStream: dynamodb\.StreamViewType\.NEW_AND_OLD_IMAGES/,
      /timeToLiveAttribute: 'expires_at'/,
      /pointInTimeRecoverySpecification: \{ pointInTimeRecoveryEnabled: true \}/,
      /encryption: dynamodb\.TableEncryptionV2\.customerManagedKey\(kms\.Key\.fromKeyArn\(this, 'TableKey', 'arn:aws:kms:ddblocal:000000000000:key\/k-1'\)\)/,
      /tableClass: dynamodb\.TableClass\.STANDARD_INFREQUENT_ACCESS/,
      /deletionProtection: true/,
      /tags: \[\{ key: 'team', value: 'billing' \}, \{ key: 'env', value: 'staging' \}\]/,
    ]) { assert.match(text, expected); }
    assert.match(exportCdk(liveOf(onDemand)), /billing: dynamodb\.Billing\.onDemand\(\)/);
    assert.match(exportCdk(liveOf(onDemand)), /class CartsV2TableStack extends cdk\.Stack/);
  });
});
