/** Set by the local stack only (packages/local/src/function-scope.ts); absent on AWS. */
const currentLocalFunction = Symbol.for('weibao.local.currentFunction');

/**
 * What a function builds once per cold start (clients, adapters over process.env). On AWS each
 * function is its own process, so that is once. Locally one Node process hosts every function: the
 * local stack names the function an invocation belongs to, and each gets its own value, built inside
 * its own environment, so one function's grant never lends another its adapters.
 */
export function oncePerFunction<T>(build: () => T): () => T {
  let only: { value: T } | undefined;
  const perLocalFunction = new WeakMap<object, T>();
  return () => {
    const current = (globalThis as Record<symbol, (() => object | undefined) | undefined>)[
      currentLocalFunction
    ]?.();
    if (!current) return (only ??= { value: build() }).value;
    if (!perLocalFunction.has(current)) perLocalFunction.set(current, build());
    return perLocalFunction.get(current) as T;
  };
}
