import type { CSSProperties } from 'react';
import { categoryInfo, type CategoryId } from '../../board/catalog';

/** The CSS variable `--cat` (a card's or palette item's accent) set to the category's colour from the catalog. */
export function categoryStyle(category: CategoryId): CSSProperties {
  return { '--cat': categoryInfo(category).color } as CSSProperties;
}
