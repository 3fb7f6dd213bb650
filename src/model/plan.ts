/**
 * Plan and Step: what preview shows and apply runs. Produced by src/plan/plan.ts from a
 * TableSpec and a LiveTable; read by apply, the CLI and the preview views.
 *
 * Pure data: the step inputs are the plain SDK command inputs (type-only imports, erased at
 * build time), so a Plan can be shown as JSON, sent to a webview or run by apply as is.
 */
import type {
  CreateTableCommandInput,
  DeleteTableCommandInput,
  TagResourceCommandInput,
  UntagResourceCommandInput,
  UpdateContinuousBackupsCommandInput,
  UpdateTableCommandInput,
  UpdateTimeToLiveCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { Pointer } from './spec';

/**
 * What a change is about, for code: the step table (src/plan/steps.ts) says which step sends it
 * and which server feature it needs. `Change.field` holds the same in words, for people only.
 */
export type Setting =
  | 'key-schema' | 'key-type' | 'lsi' | 'gsi' | 'gsi-throughput' | 'billing-mode' | 'throughput'
  | 'stream' | 'ttl' | 'sse' | 'table-class' | 'deletion-protection' | 'pitr' | 'tag';

/** One readable difference: `field: from -> to`. */
export interface Change {
  readonly setting: Setting;
  /** Dotted, readable: `billing mode`, `GSI by-status.throughput`, `tag Team`. */
  readonly field: string;
  /** The live value in words (`(none)` when absent). */
  readonly from: string;
  /** The config's value in words. */
  readonly to: string;
  /** Where the config says so, when it does. */
  readonly pointer?: Pointer;
  /** The change asks for the setting's default (disabled, class STANDARD): what every server has unasked. */
  readonly toDefault?: boolean;
}

/** A setting the server does not report (its own call failed): compared as unknown. */
export interface UnknownSetting {
  readonly setting: Setting;
  readonly field: string;
  /** Why it is unknown, in words (never a secret). */
  readonly reason: string;
  /** The config's value in words. */
  readonly wanted: string;
  readonly pointer?: Pointer;
}

interface StepBase {
  /** One line: `Delete GSI by-status`. */
  readonly title: string;
  /** The differences this step resolves. */
  readonly changes: readonly Change[];
}

export type Step =
  | (StepBase & { readonly kind: 'CreateTable'; readonly input: CreateTableCommandInput })
  | (StepBase & { readonly kind: 'DeleteTable'; readonly input: DeleteTableCommandInput })
  | (StepBase & { readonly kind: 'UpdateTable'; readonly input: UpdateTableCommandInput })
  | (StepBase & { readonly kind: 'UpdateTimeToLive'; readonly input: UpdateTimeToLiveCommandInput })
  /** `ResourceArn` is empty when the plan did not know the ARN; apply fills it in. */
  | (StepBase & { readonly kind: 'TagResource'; readonly input: TagResourceCommandInput })
  | (StepBase & { readonly kind: 'UntagResource'; readonly input: UntagResourceCommandInput })
  | (StepBase & { readonly kind: 'UpdateContinuousBackups'; readonly input: UpdateContinuousBackupsCommandInput });

export type StepKind = Step['kind'];

export type PlanKind = 'create' | 'update' | 'replace' | 'none';

export interface Plan {
  readonly table: string;
  readonly kind: PlanKind;
  /** In the order apply runs them. Empty for `none`. */
  readonly steps: readonly Step[];
  /** Every difference, `field: from -> to`. */
  readonly changes: readonly Change[];
  /** Settings the server did not report; not counted as changes. */
  readonly unknown: readonly UnknownSetting[];
  /** Why the table must be deleted and created again (kind `replace` only). */
  readonly replaceReasons?: readonly string[];
}

/** The local servers whose gaps are known (dynalite is the embedded one). */
export type LocalServerKind = 'dynalite' | 'dynamodb-local';

/** A feature a local server lacks or ignores: what the limitations are keyed by (src/plan/steps.ts). */
export type ServerFeature =
  | 'ttl' | 'pitr' | 'stream' | 'gsi-update' | 'deletion-protection' | 'table-class' | 'sse' | 'item-count' | 'tags' | 'tags-on-create';

/** A feature a local server lacks or ignores. */
export interface ServerLimitation {
  readonly feature: ServerFeature;
  /** `unsupported`: the call fails (unknown operation); `ignored`: accepted and not applied; `fixed`: always the same value. */
  readonly support: 'unsupported' | 'ignored' | 'fixed';
  /** Label for the UI: the feature's name and `short`, e.g. "TTL: not supported by the embedded server". */
  readonly label: string;
  /** The label without the feature's name: "not supported by the embedded server". */
  readonly short: string;
  readonly detail: string;
}

