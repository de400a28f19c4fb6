// A view field made when a template first reads it, once. Some fields cost far more to make than
// the rest of their view (a feed entry's absolute body, an article page's metadata and JSON-LD)
// and only the page that shows them reads them; a day's build renders a few dozen of 17,000
// pages, so making them for every view was most of what the model cost (docs/performance.md).
// The field is an ordinary enumerable property once made; before that a getter that makes it,
// which reading the object in any way (a template, JSON.stringify, a spread) calls. Page keys
// (src/incremental/keys.ts) count these fields by what they are made from, never read them.

/** Defines `obj[key]` as made by `make()` on first read, then kept as a plain value. */
export function lazyField<T extends object, K extends keyof T>(obj: T, key: K, make: () => T[K]): void {
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = make();
      Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
    set(value: T[K]) {
      Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: true });
    },
  });
}

/** A shallow copy of `obj` without the fields named in `omit`, which are never read (nor made). */
export function fieldsExcept(obj: object, omit: ReadonlySet<string>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) if (!omit.has(key)) copy[key] = (obj as Record<string, unknown>)[key];
  return copy;
}
