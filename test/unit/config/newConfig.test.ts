import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import {
  answersOf, configFileName, newConfigText, parseTags, wizardSteps, type Draft, type InputStep, type NewTableAnswers, type PickStep,
} from '../../../src/config/newConfig';
import { plan } from '../../../src/plan/plan';
import { analyze } from '../../../src/language/service';
import { formatPlan } from '../../../src/plan/words';
import { valueOf, type Dialect, type StreamViewType, type TableSpec } from '../../../src/model/spec';

const DIALECTS: readonly Dialect[] = ['genesys', 'planton', 'component'];
const NOW = new Date('2026-03-04T05:06:07Z');

/** What a config's table says, in the shape of the answers (read back through the language service). */
function answersFromSpec(t: TableSpec): Omit<NewTableAnswers, 'dialect'> {
  const typeOf = (name: string | undefined) => valueOf(t.attributes.find(a => valueOf(a.name) === name)?.type);
  const key = (type: 'HASH' | 'RANGE') => {
    const element = t.keySchema.find(k => valueOf(k.keyType) === type);
    const name = valueOf(element?.name);
    return name === undefined ? undefined : { name, type: typeOf(name)! };
  };
  const read = valueOf(t.throughput?.read);
  const write = valueOf(t.throughput?.write);
  const sortKey = key('RANGE');
  return {
    tableName: valueOf(t.name)!,
    billingMode: valueOf(t.billingMode)!,
    ...(read !== undefined || write !== undefined ? { capacity: { read: read!, write: write! } } : {}),
    partitionKey: key('HASH')!,
    ...(sortKey ? { sortKey } : {}),
    ...(valueOf(t.stream?.enabled) ? { streamViewType: valueOf(t.stream?.viewType) } : {}),
    ...(valueOf(t.ttl?.enabled) ? { ttlAttribute: valueOf(t.ttl?.attributeName) } : {}),
    tags: Object.fromEntries(t.tags.map(tag => [tag.key, valueOf(tag.value)!])),
  };
}

/** The CreateTable DynamoDB should be asked for, written from the answers directly. */
function expectedCreate(a: NewTableAnswers): CreateTableCommandInput {
  const tags = Object.entries(a.tags);
  return {
    TableName: a.tableName,
    AttributeDefinitions: [
      { AttributeName: a.partitionKey.name, AttributeType: a.partitionKey.type },
      ...(a.sortKey ? [{ AttributeName: a.sortKey.name, AttributeType: a.sortKey.type }] : []),
    ],
    KeySchema: [{ AttributeName: a.partitionKey.name, KeyType: 'HASH' }, ...(a.sortKey ? [{ AttributeName: a.sortKey.name, KeyType: 'RANGE' as const }] : [])],
    BillingMode: a.billingMode,
    ...(a.capacity ? { ProvisionedThroughput: { ReadCapacityUnits: a.capacity.read, WriteCapacityUnits: a.capacity.write } } : {}),
    ...(a.streamViewType ? { StreamSpecification: { StreamEnabled: true, StreamViewType: a.streamViewType } } : {}),
    TableClass: 'STANDARD',
    DeletionProtectionEnabled: false,
    ...(tags.length > 0 ? { Tags: tags.map(([Key, Value]) => ({ Key, Value })) } : {}),
  };
}

/** The config of the answers validates clean, reads back as exactly the answers, and plans as a create. */
function checkRoundTrip(answers: NewTableAnswers): string {
  const text = newConfigText(answers, { now: NOW });
  const context = `${JSON.stringify(answers)}\n${text}`;
  const analysis = analyze(text, { uri: configFileName(answers) });
  assert.ok(analysis, `not recognised as a config: ${context}`);
  assert.equal(analysis.dialect, answers.dialect, context);
  const problems = analysis.findings.filter(f => f.severity === 'error' || f.severity === 'warning');
  assert.deepEqual(problems.map(f => `${f.code}: ${f.message}`), [], context);
  assert.equal(analysis.tables.length, 1, context);
  const [table] = analysis.tables;
  const { dialect: _dialect, ...rest } = answers;
  assert.deepEqual(answersFromSpec(table), rest, context);
  // Off means written as off, not left out (the file says what the table has).
  assert.equal(valueOf(table.stream?.enabled), answers.streamViewType !== undefined, context);
  assert.equal(valueOf(table.ttl?.enabled), answers.ttlAttribute !== undefined, context);
  assert.equal(valueOf(table.pointInTimeRecovery), false, context);
  assert.deepEqual([table.globalSecondaryIndexes.length, table.localSecondaryIndexes.length], [0, 0], context);

  const p = plan(table, undefined);
  assert.equal(p.kind, 'create', `${formatPlan(p)}\n${context}`);
  assert.equal(p.steps[0].kind, 'CreateTable');
  assert.deepEqual(p.steps[0].input, expectedCreate(answers), context);
  assert.deepEqual(p.steps.slice(1).map(s => s.kind), answers.ttlAttribute !== undefined ? ['UpdateTimeToLive'] : [], context);
  return text;
}

const ODD_TABLE_NAMES = ['abc', 'Orders.v2', '___', '-.-', 'a'.repeat(255), '0123456789', 'null', 'true'];
const ODD_KEY_NAMES = ['id', 'customer id', 'a.b', '#hash', 'ключ', 'key: value', '- dash', '"quoted"', "it's", 'true', '123', 'null', '[x]', '&a *b', 'a=b', 'x'.repeat(255)];
const TAG_SETS: readonly Readonly<Record<string, string>>[] = [
  {},
  { team: 'billing' },
  { 'cost center': 'a=b', 'user:owner': 'me@example.com', env: '', 'path/to': '+1 - 2', 'ünï': 'cödé', [`k${'k'.repeat(127)}`]: 'v'.repeat(256) },
];

describe('newConfigText(): every answer combination validates clean, reads back as the answers and plans a create', () => {
  for (const dialect of DIALECTS) {
    it(`${dialect}: billing x sort key x streams x TTL x tags`, () => {
      const billings: Pick<NewTableAnswers, 'billingMode' | 'capacity'>[] = [
        { billingMode: 'PAY_PER_REQUEST' },
        { billingMode: 'PROVISIONED', capacity: { read: 1, write: 1 } },
        { billingMode: 'PROVISIONED', capacity: { read: 40000, write: 7 } },
      ];
      const sortKeys: (NewTableAnswers['sortKey'])[] = [undefined, { name: 'placedAt', type: 'N' }, { name: 'blob', type: 'B' }];
      const streams: (StreamViewType | undefined)[] = [undefined, 'KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];
      const ttls: (string | undefined)[] = [undefined, 'expires_at'];
      let count = 0;
      for (const billing of billings) {
        for (const sortKey of sortKeys) {
          for (const streamViewType of streams) {
            for (const ttlAttribute of ttls) {
              for (const tags of TAG_SETS) {
                checkRoundTrip({
                  dialect, tableName: 'orders', ...billing, partitionKey: { name: 'customerId', type: 'S' },
                  ...(sortKey ? { sortKey } : {}), ...(streamViewType ? { streamViewType } : {}), ...(ttlAttribute ? { ttlAttribute } : {}), tags,
                });
                count++;
              }
            }
          }
        }
      }
      assert.equal(count, 3 * 3 * 5 * 2 * 3);
    });

    it(`${dialect}: odd but valid table, key, TTL and tag names survive quoting`, () => {
      for (const tableName of ODD_TABLE_NAMES) {
        checkRoundTrip({ dialect, tableName, billingMode: 'PAY_PER_REQUEST', partitionKey: { name: 'id', type: 'S' }, tags: {} });
      }
      for (const [i, name] of ODD_KEY_NAMES.entries()) {
        const other = ODD_KEY_NAMES[(i + 1) % ODD_KEY_NAMES.length];
        checkRoundTrip({
          dialect, tableName: 'odd-keys', billingMode: 'PAY_PER_REQUEST', partitionKey: { name, type: 'B' },
          sortKey: { name: other, type: 'N' }, ttlAttribute: other, tags: { [name.slice(0, 128)]: name.slice(0, 256).replace(/,/g, '') },
        });
      }
    });
  }

  it('is commented as a new config (not an export) and named after the table', () => {
    const answers: NewTableAnswers = { dialect: 'genesys', tableName: 'orders', billingMode: 'PAY_PER_REQUEST', partitionKey: { name: 'id', type: 'S' }, tags: {} };
    const toml = newConfigText(answers, { now: NOW });
    assert.match(toml, /^# New DynamoDB table config, written by DynamoDB Designer 2026-03-04T05:06:07Z\.\n# No table of this name was listed when this file was written: /);
    assert.match(toml, /^# Add region = "\.\.\." above \[\[resources\.dynamodb\]\] to pin a region\.$/m);
    assert.match(toml, /^billing_mode = "PAY_PER_REQUEST"  # PAY_PER_REQUEST \| PROVISIONED$/m, 'enum values keep their comments');
    assert.doesNotMatch(toml, /Exported|ARN/);
    const yaml = newConfigText({ ...answers, dialect: 'planton' }, { now: NOW });
    assert.match(yaml, /^# New DynamoDB table config/);
    assert.doesNotMatch(yaml, /Exported|region =/);
    assert.deepEqual([configFileName(answers), configFileName({ ...answers, dialect: 'planton' }), configFileName({ ...answers, dialect: 'component' })],
      ['orders.toml', 'orders.yaml', 'orders.yaml']);
  });

  it('says where a table of the name already exists instead of "does not exist yet"', () => {
    const answers: NewTableAnswers = { dialect: 'planton', tableName: 'carts', billingMode: 'PAY_PER_REQUEST', partitionKey: { name: 'id', type: 'S' }, tags: {} };
    const yaml = newConfigText(answers, { now: NOW, existsOn: ['Local (embedded) · any region'] });
    assert.match(yaml, /^# A table named carts already exists on Local \(embedded\) · any region: Preview Changes shows how it differs/m);
    assert.doesNotMatch(yaml, /does not exist|No table of this name/);
  });
});

// ---------------------------------------------------------------------------- the steps

function step(draft: Draft, id: keyof Draft): PickStep | InputStep {
  const found = wizardSteps(draft).find(s => s.id === id);
  assert.ok(found, `step ${id} applies to ${JSON.stringify(draft)}`);
  return found;
}
function input(draft: Draft, id: keyof Draft): InputStep {
  const s = step(draft, id);
  assert.equal(s.kind, 'input');
  return s as InputStep;
}
function pick(draft: Draft, id: keyof Draft): PickStep {
  const s = step(draft, id);
  assert.equal(s.kind, 'pick');
  return s as PickStep;
}
const ids = (draft: Draft) => wizardSteps(draft).map(s => s.id);

describe('wizardSteps(): the steps that apply, in order', () => {
  it('skips capacity for on-demand, the sort key type without a sort key, the view type without streams, the TTL attribute without TTL', () => {
    assert.deepEqual(ids({}), ['dialect', 'tableName', 'billingMode', 'partitionKeyName', 'partitionKeyType', 'sortKeyName', 'streams', 'ttl', 'tags']);
    assert.deepEqual(ids({ billingMode: 'PAY_PER_REQUEST', sortKeyName: '', streams: false, ttl: false }), ids({}));
    assert.deepEqual(ids({ billingMode: 'PROVISIONED', sortKeyName: 'sk', streams: true, ttl: true }), [
      'dialect', 'tableName', 'billingMode', 'read', 'write', 'partitionKeyName', 'partitionKeyType', 'sortKeyName', 'sortKeyType',
      'streams', 'streamViewType', 'ttl', 'ttlAttribute', 'tags',
    ]);
  });

  it('shows earlier answers again (Back): typed text as typed, the picked choice active', () => {
    const draft: Draft = { dialect: 'planton', tableName: 'orders', billingMode: 'PROVISIONED', read: '12', streams: true, streamViewType: 'OLD_IMAGE', ttl: true };
    assert.equal(input(draft, 'tableName').value, 'orders');
    assert.equal(input(draft, 'read').value, '12');
    assert.equal(input(draft, 'write').value, '5', 'a default where nothing was typed yet');
    assert.equal(input(draft, 'ttlAttribute').value, 'expiresAt', 'the dialect style of the TTL attribute default');
    assert.equal(input({ ...draft, dialect: 'genesys' }, 'ttlAttribute').value, 'expires_at');
    assert.equal(pick(draft, 'dialect').active?.label, 'planton (YAML)');
    assert.equal(pick(draft, 'billingMode').active?.label, 'PROVISIONED');
    assert.equal(pick(draft, 'streams').active?.label, 'On');
    assert.equal(pick(draft, 'streamViewType').active?.label, 'OLD_IMAGE');
    assert.equal(pick(draft, 'partitionKeyType').active, undefined, 'nothing active before the step was answered');
  });

  it('picks carry the schema\'s words and set their answer', () => {
    const billing = pick({}, 'billingMode');
    assert.deepEqual(billing.choices.map(c => c.label), ['PAY_PER_REQUEST', 'PROVISIONED']);
    assert.match(billing.choices[0].detail ?? '', /^On-demand/);
    assert.deepEqual(pick({}, 'partitionKeyType').choices.map(c => [c.label, c.detail?.split(' ')[0]]), [['S', 'String'], ['N', 'Number'], ['B', 'Binary']]);
    assert.deepEqual(billing.choices[1].apply({ tableName: 'x' }), { tableName: 'x', billingMode: 'PROVISIONED' });
    assert.deepEqual(pick({ streams: true }, 'streamViewType').choices.map(c => c.label), ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']);
  });

  it('answers of steps that no longer apply are kept in the draft (for Back) but not written', () => {
    const draft: Draft = {
      dialect: 'component', tableName: 'orders', billingMode: 'PAY_PER_REQUEST', read: '9', write: '9', partitionKeyName: 'id', partitionKeyType: 'N',
      sortKeyName: '', sortKeyType: 'B', streams: false, streamViewType: 'KEYS_ONLY', ttl: false, ttlAttribute: 'gone', tags: 'a=1, b = 2 ',
    };
    assert.deepEqual(answersOf(draft), {
      dialect: 'component', tableName: 'orders', billingMode: 'PAY_PER_REQUEST', partitionKey: { name: 'id', type: 'N' }, tags: { a: '1', b: '2' },
    });
    checkRoundTrip(answersOf(draft));
  });

  it('a check sees only the earlier answers; the later step checks again on the way forward', () => {
    const draft: Draft = { dialect: 'genesys', tableName: 'orders', billingMode: 'PAY_PER_REQUEST', partitionKeyName: 'id', partitionKeyType: 'S', sortKeyName: 'at', ttl: true, ttlAttribute: 'at' };
    assert.equal(input(draft, 'partitionKeyName').validate('at'), undefined);
    assert.match(input({ ...draft, partitionKeyName: 'at' }, 'sortKeyName').validate('at') ?? '', /The RANGE \(sort\) key repeats the HASH key "at"/);
    assert.equal(input({ ...draft, sortKeyType: 'N' }, 'ttlAttribute').validate('at'), undefined);
    assert.match(input({ ...draft, sortKeyType: 'S' }, 'ttlAttribute').validate('at') ?? '', /TTL attribute "at" is defined as "S"; TTL needs a Number/);
  });
});

describe('the checks of typed values reject what DynamoDB rejects, with the language service\'s words', () => {
  const rejects = (s: InputStep, text: string, message: RegExp) => {
    const problem = s.validate(text);
    assert.ok(problem, `${s.id}: ${JSON.stringify(text)} is accepted`);
    assert.match(problem, message, `${s.id}: ${JSON.stringify(text)}`);
  };
  const accepts = (s: InputStep, text: string) => assert.equal(s.validate(text), undefined, `${s.id}: ${JSON.stringify(text)}`);

  for (const dialect of DIALECTS) {
    it(`${dialect}: table name 3-255 of A-Z a-z 0-9 _ - .`, () => {
      const s = input({ dialect }, 'tableName');
      const rule = /a table name is 3 to 255 of the characters A-Z a-z 0-9 _ - and dot\.$/;
      rejects(s, '', /^Type the name of the table\.$/);
      rejects(s, 'ab', /^Table name "ab" is 2 characters long: /);
      rejects(s, 'a'.repeat(256), /is 256 characters long: a table name is 3 to 255/);
      rejects(s, 'my table', /^Table name "my table" contains " ": /);
      rejects(s, 'orders!', rule);
      rejects(s, 'tâble', /contains "â"/);
      for (const ok of ODD_TABLE_NAMES) { accepts(s, ok); }
    });

    it(`${dialect}: capacity units are whole numbers of at least 1`, () => {
      const draft: Draft = { dialect, tableName: 'orders', billingMode: 'PROVISIONED' };
      for (const id of ['read', 'write'] as const) {
        const s = input({ ...draft, read: '5' }, id);
        rejects(s, '0', /^Billing mode (BILLING_MODE_)?PROVISIONED needs read and write capacity units > 0: \w+ is 0\.$/);
        rejects(s, '', /^Type the capacity units/);
        for (const bad of ['-1', '1.5', 'five', '1e3', '0x10']) { rejects(s, bad, /is not a whole number/); }
        rejects(s, '99999999999999999999', /too large/);
        for (const ok of ['1', '40000', ' 7 ']) { accepts(s, ok); }
      }
    });

    it(`${dialect}: key names 1-255 characters; the sort key is another attribute`, () => {
      const draft: Draft = { dialect, tableName: 'orders', billingMode: 'PAY_PER_REQUEST' };
      const pk = input(draft, 'partitionKeyName');
      rejects(pk, '', /^Type the name of the partition key attribute/);
      rejects(pk, 'x'.repeat(256), /too long \(256 characters\): must have at most 255/);
      for (const ok of ODD_KEY_NAMES) { accepts(pk, ok); }
      const sk = input({ ...draft, partitionKeyName: 'id', partitionKeyType: 'S' }, 'sortKeyName');
      accepts(sk, '');
      rejects(sk, 'id', /^The RANGE \(sort\) key repeats the HASH key "id": the two key attributes must differ/);
      rejects(sk, 'y'.repeat(256), /too long \(256 characters\): must have at most 255/);
      accepts(sk, 'ID');
    });

    it(`${dialect}: the TTL attribute is named, and a Number where it is a key`, () => {
      const draft: Draft = { dialect, tableName: 'orders', billingMode: 'PAY_PER_REQUEST', partitionKeyName: 'id', partitionKeyType: 'S', sortKeyName: 'at', sortKeyType: 'N', streams: false, ttl: true };
      const s = input(draft, 'ttlAttribute');
      rejects(s, '', /^TTL is enabled but \w+ is not set: name the Number attribute/);
      rejects(s, '   ', /^TTL is enabled but \w+ is empty/);
      rejects(s, 'id', /^TTL attribute "id" is defined as "(ATTRIBUTE_TYPE_)?S"; TTL needs a Number/);
      rejects(s, 'z'.repeat(256), /must have at most 255/);
      for (const ok of ['at', 'expires_at', 'expires at', 'z'.repeat(255)]) { accepts(s, ok); }
    });

    it(`${dialect}: tags as key=value: 1-128 character keys without aws:, values up to 256, at most 50`, () => {
      const s = input({ dialect, tableName: 'orders' }, 'tags');
      rejects(s, 'team', /^Tag "team" has no value: write key=value/);
      rejects(s, 'a=1, a=2', /^Key "a" of tags is given twice/);
      rejects(s, '=x', /empty key: a key has at least 1 character/);
      // The same words as the schema's message for that key in a file.
      rejects(s, 'aws:owner=me', /^Key "aws:owner" of tags is not valid: must be a key that does not start with aws: \(reserved for AWS\)$/);
      rejects(s, 'AWS:owner=me', /does not start with aws:/);
      rejects(s, `${'k'.repeat(129)}=v`, /too long \(129 characters\): must have at most 128/);
      rejects(s, `k=${'v'.repeat(257)}`, /too long \(257 characters\): must have at most 256/);
      rejects(s, Array.from({ length: 51 }, (_, i) => `t${i}=x`).join(','), /has 51 keys: must have at most 50/);
      accepts(s, Array.from({ length: 50 }, (_, i) => `t${i}=x`).join(','));
      accepts(s, '');
      accepts(s, 'team=billing, env=, formula=a=b, user:owner=me, ,');
      accepts(s, `${'k'.repeat(128)}=${'v'.repeat(256)}`);
    });
  }

  it('parseTags reads key=value lists', () => {
    assert.deepEqual(parseTags(''), { tags: {} });
    assert.deepEqual(parseTags(' team = billing ,env=,formula=a=b,'), { tags: { team: 'billing', env: '', formula: 'a=b' } });
    assert.ok('problem' in parseTags('a=1,b'));
  });
});
