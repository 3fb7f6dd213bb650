/**
 * LiveTable: a table as the server describes it (DescribeTable + TTL + tags + PITR), as plain
 * data. Produced by src/dynamo/tables.ts, read by the plan engine, the explorer and the panels.
 * Nothing here is an SDK object, so it crosses into webviews as is.
 */
import type { AttributeType, BillingMode, KeyType, ProjectionType, StreamViewType, TableClass } from './spec';

export type TableStatus = 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE' | 'INACCESSIBLE_ENCRYPTION_CREDENTIALS' | 'ARCHIVING' | 'ARCHIVED' | string;
export type IndexStatus = 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE' | string;

/**
 * A setting fetched by its own call, which may fail alone (missing permission, an operation the
 * server does not know). `unknown` carries the reason in words, never a secret.
 */
export type Fetched<T> = { readonly state: 'known'; readonly value: T } | { readonly state: 'unknown'; readonly reason: string };

export interface LiveKeyElement {
  readonly name: string;
  readonly keyType: KeyType;
}

export interface LiveThroughput {
  readonly read: number;
  readonly write: number;
}

export interface LiveIndex {
  readonly kind: 'GSI' | 'LSI';
  readonly name: string;
  readonly keySchema: readonly LiveKeyElement[];
  readonly projectionType: ProjectionType;
  readonly nonKeyAttributes: readonly string[];
  /** GSIs only; LSIs share the table's. */
  readonly throughput?: LiveThroughput;
  readonly status?: IndexStatus;
  readonly backfilling?: boolean;
  readonly itemCount?: number;
  readonly sizeBytes?: number;
  readonly arn?: string;
}

export interface LiveTable {
  readonly name: string;
  readonly arn?: string;
  readonly status: TableStatus;
  readonly createdAt?: string; // ISO 8601
  readonly attributes: Readonly<Record<string, AttributeType>>;
  readonly keySchema: readonly LiveKeyElement[];
  readonly billingMode: BillingMode;
  /** Present for PROVISIONED tables (and reported as 0/0 by some servers for on-demand). */
  readonly throughput?: LiveThroughput;
  readonly globalSecondaryIndexes: readonly LiveIndex[];
  readonly localSecondaryIndexes: readonly LiveIndex[];
  readonly stream: { readonly enabled: boolean; readonly viewType?: StreamViewType; readonly arn?: string; readonly label?: string };
  readonly sse: { readonly enabled: boolean; readonly type?: string; readonly kmsKeyArn?: string };
  readonly tableClass: TableClass;
  readonly deletionProtection: boolean;
  readonly itemCount?: number;
  readonly sizeBytes?: number;
  readonly ttl: Fetched<{ readonly enabled: boolean; readonly attributeName?: string; readonly status?: string }>;
  readonly tags: Fetched<Readonly<Record<string, string>>>;
  readonly pointInTimeRecovery: Fetched<{ readonly enabled: boolean; readonly earliestRestorableAt?: string; readonly latestRestorableAt?: string }>;
}

/** A size for people: `512 bytes`, `1.5 KB`, `3.0 GB` (the explorer and the details panel). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}
