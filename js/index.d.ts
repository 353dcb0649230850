// Types of the public API of "edgetally" (both the browser and the Node entry points).

export type StorageKind = 'auto' | 'opfs' | 'node' | 'memory';

export interface OpenOptions {
  /** Store name: 1-128 of letters, digits, '.', '_', '-'; no '..'. Default "default". */
  name?: string;
  /** 'auto' (default): OPFS in browsers, files in Node. 'memory' keeps nothing. */
  storage?: StorageKind;
  /** Node only: the directory holding the store's files. Default ".edgetally". */
  path?: string;
  /** Browsers only: URL of the worker script, when a bundler moves it. */
  workerUrl?: string | URL;
}

export type PlanId = 'starter' | 'pro' | 'enterprise';

export interface Group {
  id: string;
  name: string;
  plan: PlanId | string;
  createdAt: number;
}

export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

export interface NewThing {
  type: string;
  name: string;
  properties?: JsonObject;
}

export interface Thing {
  id: number;
  groupId: string;
  type: string;
  name: string;
  status: string;
  properties: JsonObject;
  createdAt: number;
  updatedAt: number;
}

export interface RowError {
  index: number;
  line?: number;
  field: string;
  code: string;
  message: string;
}

export interface BatchInsertResult {
  created: number[];
  failed: number;
  errors: RowError[];
  summary: { total: number; success: number; failed: number };
}

export interface StoreInfo {
  deviceId: string;
  schemaVersion: number;
  sqliteVersion: string;
}

export declare class Store {
  readonly name: string;
  readonly storage: Exclude<StorageKind, 'auto'>;
  readonly deviceId: string;
  readonly schemaVersion: number;
  info(): Promise<StoreInfo>;
  /** SQLite's full integrity check of the store's file. */
  checkIntegrity(): Promise<{ ok: boolean; problems: string[] }>;
  createGroup(args: { id?: string; name: string; plan: PlanId | string }): Promise<Group>;
  getGroup(args: { groupId: string }): Promise<Group>;
  insertThing(args: { groupId: string } & NewThing): Promise<Thing>;
  /** Atomic: when any row is invalid, nothing is written and `errors` lists every bad row. */
  batchInsertThings(args: { groupId: string; things: NewThing[] }): Promise<BatchInsertResult>;
  getThing(args: { thingId: number }): Promise<Thing>;
  countThings(args: { groupId: string; type?: string }): Promise<number>;
  close(): Promise<void>;
}

export declare function open(options?: OpenOptions): Promise<Store>;

import { ErrorCode } from './generated/error-codes.js';
/** Every error code of the core, generated from src/common/error_codes.def. */
export { ErrorCode };
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

export declare class EdgeTallyError extends Error {
  readonly code: ErrorCodeValue;
  readonly details: Record<string, unknown>;
}
export declare class ValidationError extends EdgeTallyError {}
export declare class NotFoundError extends EdgeTallyError {}
export declare class StoreUnavailableError extends EdgeTallyError {}
export declare class StorageError extends EdgeTallyError {}
