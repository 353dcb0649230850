// Types of "edgetally/web": the custom elements and their helpers.
import type { Store } from '../js/index.js';

/** The base of every element: give it a store and it renders, re-rendering on store events. */
export declare class EtElement extends HTMLElement {
  store: Store | null;
  /** The group shown (attribute group-id). */
  readonly groupId: string | null;
  /** Loads and renders again (coalesced per microtask). */
  refresh(): void;
}

/** <et-import group-id type? mode? label?>: file pick/drop, preview, mapping, pre-flight, progress, result. */
export declare class EtImport extends EtElement {
  /** Takes a file as if the user picked it. */
  pick(file: File): Promise<void>;
  /** Starts the import of the picked file. */
  start(): Promise<void>;
  /** Cancels a running import. */
  cancel(): void;
}
/** <et-quota-meter group-id metric?>: one metric or all, bar, percent, status, next reset. */
export declare class EtQuotaMeter extends EtElement {}
/** <et-metric-card label value? unit? trend? | group-id|creator-id metric>: one number with unit and trend. */
export declare class EtMetricCard extends EtElement {}
/** <et-activity thing-id types? page-size?>: a thing's timeline, newest first, paged. */
export declare class EtActivity extends EtElement {}
/** <et-sync-status>: online/offline, pending, last sync, errors, dead letters, "Sync now". */
export declare class EtSyncStatus extends EtElement {}
/** <et-storage-status>: storage kind, persistence, browser persistence grant, estimate. */
export declare class EtStorageStatus extends EtElement {}

export declare const ELEMENTS: Readonly<Record<string, CustomElementConstructor>>;
/** Defines every element not yet defined (importing the module already does). */
export declare function defineElements(registry?: CustomElementRegistry): void;
/** Sets `store` on every edgetally element under root (default: document). */
export declare function connectElements(store: Store, root?: ParentNode): void;

declare global {
  interface HTMLElementTagNameMap {
    'et-import': EtImport;
    'et-quota-meter': EtQuotaMeter;
    'et-metric-card': EtMetricCard;
    'et-activity': EtActivity;
    'et-sync-status': EtSyncStatus;
    'et-storage-status': EtStorageStatus;
  }
}
