// A view field made when a template first reads it, once. Some fields cost far more to make than
// the rest of their view (a feed entry's absolute body, an article page's metadata and JSON-LD)
// and only the page that shows them reads them; a day's build renders a few dozen of 17,000
// pages, so making them for every view was most of what the model cost (docs/performance.md).
// A warning's line is made the same way, when a report shows it (./warnings.ts).
// The field is an ordinary enumerable property once made; before that a getter that makes it,
// which reading the object in any way (a template, JSON.stringify, a spread) calls. Page keys
// (src/incremental/keys.ts) count these fields by what they are made from, never read them.

/**
 * Defines `obj[key]` as made by `make()` on first read, then kept as a plain value. `obj` must not
 * have the field yet: turning a data property into an accessor puts an object in V8's dictionary
 * mode, and so does a getter made for one object alone. One getter and setter per field name,
 * shared by every object, with each object's maker in a WeakMap, keep the views in fast mode with
 * one shape: at 10,000 articles the per-object getters left 60,700 views, list pages and feed
 * entries as dictionaries, and the model's live heap was 214 MB where it is now 177 MB.
 */
export function lazyField<T extends object, K extends keyof T>(obj: T, key: K, make: () => T[K]): void {
  const field = fieldFor(key);
  field.makers.set(obj, make);
  Object.defineProperty(obj, key, field.descriptor);
}

interface LazyField {
  makers: WeakMap<object, () => unknown>;
  descriptor: PropertyDescriptor;
}

const fields = new Map<PropertyKey, LazyField>();

function fieldFor(key: PropertyKey): LazyField {
  let field = fields.get(key);
  if (field) return field;
  const makers = new WeakMap<object, () => unknown>();
  // The object that holds the field: `this`, or an object it inherits the field from.
  const owner = (from: object): object | undefined => {
    for (let o: object | null = from; o; o = Object.getPrototypeOf(o) as object | null) if (makers.has(o)) return o;
    return undefined;
  };
  const settle = (o: object, value: unknown) => {
    makers.delete(o);
    Object.defineProperty(o, key, { value, enumerable: true, configurable: true, writable: true });
  };
  field = {
    makers,
    descriptor: {
      enumerable: true,
      configurable: true,
      get(this: object) {
        const o = owner(this);
        if (!o) return undefined;
        const value = makers.get(o)!();
        // A maker that set the field itself has settled it already.
        if (makers.has(o)) settle(o, value);
        return (o as Record<PropertyKey, unknown>)[key];
      },
      set(this: object, value: unknown) {
        settle(owner(this) ?? this, value);
      },
    },
  };
  fields.set(key, field);
  return field;
}

/** A shallow copy of `obj` without the fields named in `omit`, which are never read (nor made). */
export function fieldsExcept(obj: object, omit: ReadonlySet<string>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) if (!omit.has(key)) copy[key] = (obj as Record<string, unknown>)[key];
  return copy;
}

/**
 * `make()`, made on the first call and kept. Also a way to make a function per item without
 * naming it: the TypeScript loader gives every named function its name as it is made (one
 * property definition each), which cost a day's build 40–60 ms in the loops that make one per
 * article, list page, feed entry or search record.
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
