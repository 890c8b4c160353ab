import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../board/catalog';
import { ICONS } from './icons';

describe('icons', () => {
  it.each(CATALOG.map((e) => [e.kind, e.icon]))('%s has its icon %s', (_kind, icon) => {
    expect(ICONS[icon]).toBeDefined();
  });
});
