import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';

/**
 * A value derived from a shared type, recomputed after every change to it
 * (deep). `equal` keeps the previous value when nothing that matters changed,
 * so components re-render only for real changes.
 */
// Any shared type: Y.Map<V> is not assignable to AbstractType<unknown> because of its event type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySharedType = Y.AbstractType<any>;

export function useObserved<T>(
  type: AnySharedType,
  compute: () => T,
  equal: (a: T, b: T) => boolean = (a, b) => JSON.stringify(a) === JSON.stringify(b),
): T {
  const [value, setValue] = useState(compute);
  const computeRef = useRef(compute);
  computeRef.current = compute;
  useEffect(() => {
    const update = () =>
      setValue((prev) => {
        const next = computeRef.current();
        return equal(prev, next) ? prev : next;
      });
    update();
    type.observeDeep(update);
    return () => type.unobserveDeep(update);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [type]);
  return value;
}
