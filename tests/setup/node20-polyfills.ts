// Vitest 5 is built for Node ≥ 22.12, and on Node 20 its reporter crashes (Map.groupBy) exactly
// when a test fails, hiding why. These are the Node 22 built-ins its main process uses.
// Loaded by vitest.config.ts; remove once Node 20 support is dropped.
type Grouper<T, K> = (item: T, index: number) => K;

function groupInto<T, K>(items: Iterable<T>, key: Grouper<T, K>, add: (k: K, item: T) => void): void {
  let i = 0;
  for (const item of items) add(key(item, i++), item);
}

if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value<T, K>(items: Iterable<T>, key: Grouper<T, K>): Map<K, T[]> {
      const map = new Map<K, T[]>();
      groupInto(items, key, (k, item) => (map.get(k) ?? map.set(k, []).get(k)!).push(item));
      return map;
    },
  });
}

if (typeof (Object as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Object, 'groupBy', {
    configurable: true,
    writable: true,
    value<T>(items: Iterable<T>, key: Grouper<T, PropertyKey>): Record<PropertyKey, T[]> {
      const groups = Object.create(null) as Record<PropertyKey, T[]>;
      groupInto(items, key, (k, item) => (groups[k] ??= []).push(item));
      return groups;
    },
  });
}

if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

export {};
