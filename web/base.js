// EtElement: the base of edgetally's custom elements. It holds the `store` property (an open
// edgetally Store), subscribes to the store's change events and re-renders on them (never by
// polling), coalesces renders into one per microtask, drops the answer of a load that a
// newer one overtook, and is aria-busy while the answer it will show is still loading.
// Subclasses implement `load(store)` (async: what to show) and `render(data)`, and may filter
// events with `wants(event)`.
import { styleSheet } from './style.js';

const Base = globalThis.HTMLElement ?? class {};

export class EtElement extends Base {
  #store = null;
  #unsubscribe = [];
  #queued = false;
  #generation = 0;

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.shadowRoot.append(styleSheet());
    this.body = document.createElement('div');
    this.body.setAttribute('part', 'body');
    this.shadowRoot.append(this.body);
  }

  static get observedAttributes() {
    return ['group-id'];
  }

  /** The Store this element shows; setting it subscribes to its events and renders. */
  get store() {
    return this.#store;
  }

  set store(store) {
    this.#unsubscribeAll();
    this.#store = store ?? null;
    if (this.isConnected) this.#subscribe();
    this.refresh();
  }

  get groupId() {
    return this.getAttribute('group-id');
  }

  connectedCallback() {
    this.#subscribe();
    this.refresh();
  }

  disconnectedCallback() {
    this.#unsubscribeAll();
  }

  attributeChangedCallback() {
    this.refresh();
  }

  /** Loads and renders again (once per microtask however often it is called). */
  refresh() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (this.#store && this.isConnected && this.ready()) this.#loadAndRender();
    });
  }

  /** Whether the attributes needed to load are set (default: a group id). */
  ready() {
    return Boolean(this.groupId);
  }

  /** Whether a store event concerns this element (default: events of its group, or of none). */
  wants(event) {
    return !event.groupId || event.groupId === this.groupId;
  }

  /** Shows an error in place of the content, with its code for support. */
  renderError(error) {
    this.body.replaceChildren(el('p', { part: 'error', role: 'alert' }, `${error.code ?? 'ERROR'}: ${error.message}`));
  }

  /** Dispatches a composed, bubbling CustomEvent named `et-${name}`. */
  emit(name, detail) {
    this.dispatchEvent(new CustomEvent(`et-${name}`, { detail, bubbles: true, composed: true }));
  }

  // aria-busy="true" on the element from a load's start until the newest load has rendered.
  async #loadAndRender() {
    const generation = ++this.#generation;
    this.setAttribute('aria-busy', 'true');
    try {
      const data = await this.load(this.#store);
      if (generation === this.#generation) this.render(data);
    } catch (error) {
      if (generation === this.#generation) this.renderError(error);
    } finally {
      if (generation === this.#generation) this.removeAttribute('aria-busy');
    }
  }

  #subscribe() {
    if (!this.#store || this.#unsubscribe.length) return;
    const onEvent = (event) => {
      if (this.wants(event)) this.refresh();
    };
    for (const method of ['onChange', 'onQuotaAlert', 'onSyncStatus', 'onStorage']) {
      if (typeof this.#store[method] !== 'function') continue;
      try {
        this.#unsubscribe.push(this.#store[method](onEvent));
      } catch (error) {
        // onSyncStatus refuses on a store opened without sync: there is no sync status to follow
        if (method !== 'onSyncStatus' || error?.details?.field !== 'sync') throw error;
      }
    }
  }

  #unsubscribeAll() {
    for (const off of this.#unsubscribe) off?.();
    this.#unsubscribe = [];
  }
}

/**
 * Creates an element: el('p', { part: 'x', class: 'y' }, 'text', child). Text is always set as
 * text (never parsed as HTML), so values from the store cannot inject markup.
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  const kept = children.flat().filter((child) => child != null && child !== false);
  node.append(...kept.map((child) => (typeof child === 'object' ? child : String(child))));
  return node;
}
