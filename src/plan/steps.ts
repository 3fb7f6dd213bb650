/**
 * The step table: for each kind of plan change (`Change.setting`) the steps that send it and the
 * server feature it needs; for each kind of step whether a server without its operation leaves
 * the rest of the plan to run. With the local servers' limitations, keyed by that feature: what
 * preview notes, apply skips and the explorer and details panel label. Pure.
 */
import type { Change, LocalServerKind, ServerFeature, ServerLimitation, Setting, Step, StepKind } from '../model/plan';

export interface StepKindRow {
  /** A server that lacks the operation (unknown operation) marks the step unsupported and runs the rest. */
  readonly optional: boolean;
}

export const STEP_KINDS: { readonly [K in StepKind]: StepKindRow } = {
  CreateTable: { optional: false },
  DeleteTable: { optional: false },
  UpdateTable: { optional: false },
  UpdateTimeToLive: { optional: true },
  TagResource: { optional: true },
  UntagResource: { optional: true },
  UpdateContinuousBackups: { optional: true },
};

export interface ChangeRow {
  /** The steps that carry a change of this setting. */
  readonly sentBy: readonly StepKind[];
  /** The server feature a change needs when `step` sends it; undefined when every server does it. */
  readonly feature?: (step: StepKind, change: Change) => ServerFeature | undefined;
}

/** Needed unless the change asks for what every server does unasked (disabled, class STANDARD). */
const unlessDefault = (feature: ServerFeature) => (_step: StepKind, change: Change) => (change.toDefault ? undefined : feature);

export const CHANGE_STEPS: { readonly [S in Setting]: ChangeRow } = {
  // Replacement reasons: the DeleteTable step of a replace lists them, its CreateTable sends them.
  'key-schema': { sentBy: ['DeleteTable', 'CreateTable'] },
  'key-type': { sentBy: ['DeleteTable', 'CreateTable'] },
  lsi: { sentBy: ['DeleteTable', 'CreateTable'] },
  gsi: { sentBy: ['CreateTable', 'UpdateTable'], feature: step => (step === 'UpdateTable' ? 'gsi-update' : undefined) },
  'gsi-throughput': { sentBy: ['UpdateTable'] },
  'billing-mode': { sentBy: ['CreateTable', 'UpdateTable'] },
  throughput: { sentBy: ['CreateTable', 'UpdateTable'] },
  stream: { sentBy: ['CreateTable', 'UpdateTable'], feature: unlessDefault('stream') },
  ttl: { sentBy: ['UpdateTimeToLive'], feature: unlessDefault('ttl') },
  sse: { sentBy: ['CreateTable', 'UpdateTable'], feature: unlessDefault('sse') },
  'table-class': { sentBy: ['CreateTable', 'UpdateTable'], feature: unlessDefault('table-class') },
  'deletion-protection': { sentBy: ['CreateTable', 'UpdateTable'], feature: unlessDefault('deletion-protection') },
  pitr: { sentBy: ['UpdateContinuousBackups'], feature: () => 'pitr' },
  tag: { sentBy: ['CreateTable', 'TagResource', 'UntagResource'], feature: step => (step === 'CreateTable' ? 'tags-on-create' : 'tags') },
};

const SERVER_NAMES: Readonly<Record<LocalServerKind, string>> = { dynalite: 'the embedded server', 'dynamodb-local': 'DynamoDB Local' };

function limit(server: LocalServerKind, feature: ServerFeature, support: 'unsupported' | 'ignored', name: string, detail: string): ServerLimitation {
  const short = `${support === 'unsupported' ? 'not supported' : 'ignored'} by ${SERVER_NAMES[server]}`;
  return { feature, support, label: `${name}: ${short}`, short, detail };
}

/** Measured with SDK v3 against dynalite 4.0 and DynamoDB Local 3.3 (see DESIGN.md, Testing). */
export const SERVER_LIMITATIONS: Readonly<Record<LocalServerKind, readonly ServerLimitation[]>> = {
  dynalite: [
    limit('dynalite', 'ttl', 'unsupported', 'TTL', 'UpdateTimeToLive is an unknown operation; DescribeTimeToLive always answers DISABLED.'),
    limit('dynalite', 'pitr', 'unsupported', 'PITR', 'Continuous backups (point-in-time recovery) are unknown operations.'),
    limit('dynalite', 'stream', 'ignored', 'Streams', 'A stream specification is accepted and not applied; no stream exists.'),
    limit('dynalite', 'gsi-update', 'ignored', 'GSI changes', 'UpdateTable accepts GSI create and delete and does nothing; indexes only come from CreateTable.'),
    limit('dynalite', 'deletion-protection', 'ignored', 'Deletion protection', 'Accepted and not applied; DeleteTable is never blocked.'),
    limit('dynalite', 'table-class', 'ignored', 'Table class', 'Always STANDARD.'),
    limit('dynalite', 'sse', 'ignored', 'Encryption settings', 'SSE settings are accepted and not applied.'),
    {
      feature: 'item-count', support: 'fixed', label: 'Item count and size: always 0 on the embedded server', short: 'always 0 on the embedded server',
      detail: 'DescribeTable reports ItemCount and TableSizeBytes as 0; count with a scan.',
    },
    limit('dynalite', 'tags-on-create', 'ignored', 'Tags given to CreateTable', 'Tags set afterwards with TagResource work: apply again to set them.'),
  ],
  'dynamodb-local': [
    limit('dynamodb-local', 'pitr', 'unsupported', 'PITR', 'Continuous backups are unknown operations.'),
    limit('dynamodb-local', 'tags', 'unsupported', 'Tags', 'TagResource and ListTagsOfResource are unknown operations.'),
  ],
};

/** The server feature a change needs in a step (the step table), if any. */
export function featureOf(change: Change, step: StepKind): ServerFeature | undefined {
  return CHANGE_STEPS[change.setting].feature?.(step, change);
}

/** What the server lacks or ignores of a plan step's changes (a create that enables a stream on dynalite, say). */
export function limitationsOfStep(server: LocalServerKind, step: Step): ServerLimitation[] {
  const found = new Set<ServerLimitation>();
  for (const change of step.changes) {
    const feature = featureOf(change, step.kind);
    const limitation = feature && limitationOf(server, feature);
    if (limitation) { found.add(limitation); }
  }
  return [...found];
}

/** The limitation of a feature on a server kind, if any. */
export function limitationOf(server: LocalServerKind, feature: ServerFeature): ServerLimitation | undefined {
  return SERVER_LIMITATIONS[server].find(l => l.feature === feature);
}

/**
 * The local server a table ARN comes from: DynamoDB Local writes the region `ddblocal`, dynalite
 * the account 000000000000 (no AWS account has that id); undefined for AWS and anything else.
 */
export function serverKindOfArn(arn: string | undefined): LocalServerKind | undefined {
  const parts = arn?.split(':');
  if (!parts || parts.length < 6 || parts[2] !== 'dynamodb') { return undefined; }
  if (parts[3] === 'ddblocal') { return 'dynamodb-local'; }
  return parts[4] === '000000000000' ? 'dynalite' : undefined;
}
