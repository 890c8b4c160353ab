import { memo, useMemo, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { Search, X } from 'lucide-react';
import { CARD_SIZE, CATEGORIES, newBlockSize, searchCatalog, type CatalogEntry } from '../../board/catalog';
import { iconFor } from '../common/icons';
import { categoryStyle } from '../common/category-style';
import { useBoard } from '../board/board-context';
import type { BoardNode } from '../../sync/flow-binding';

/** The drag payload type of a palette item: the kind id. */
export const PALETTE_DRAG_TYPE = 'application/x-archboard-kind';

interface PaletteProps {
  onAdded: (id: string) => void;
}

/**
 * Every kind of the catalog, grouped by category, searchable by name and by
 * technology ("Redis" finds Cache). Drag a kind onto the canvas, or click it
 * to drop it in the middle of the view.
 */
export const Palette = memo(function Palette({ onAdded }: PaletteProps) {
  const { editor, readOnly } = useBoard();
  const { screenToFlowPosition, getNodes } = useReactFlow<BoardNode>();
  const [query, setQuery] = useState('');
  const results = useMemo(() => searchCatalog(query), [query]);
  const searching = query.trim() !== '';

  const addInView = (entry: CatalogEntry) => {
    if (readOnly) return;
    const canvas = document.querySelector('.ab-canvas')?.getBoundingClientRect();
    if (!canvas) return;
    const size = newBlockSize(entry.kind);
    const center = screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 });
    // A new block goes in the middle of the view, or below whatever is there, never on top of it.
    const rects = getNodes()
      .filter((n) => !n.parentId && n.type !== 'group')
      .map((n) => ({
        x: n.position.x,
        y: n.position.y,
        w: n.measured?.width ?? n.width ?? CARD_SIZE.width,
        h: n.measured?.height ?? n.height ?? CARD_SIZE.height,
      }));
    const overlaps = (x: number, y: number) =>
      rects.some(
        (r) => x < r.x + r.w + 16 && x + size.width + 16 > r.x && y < r.y + r.h + 16 && y + size.height + 16 > r.y,
      );
    const x = Math.round((center.x - size.width / 2) / 16) * 16;
    let y = Math.round((center.y - size.height / 2) / 16) * 16;
    for (let i = 0; i < 50 && overlaps(x, y); i++) y += 32;
    onAdded(editor.addBlock({ kind: entry.kind, x, y }));
  };

  const item = (entry: CatalogEntry) => {
    const Icon = iconFor(entry.icon);
    return (
      <li key={entry.kind}>
        <button
          type="button"
          className="ab-palette__item"
          style={categoryStyle(entry.category)}
          draggable={!readOnly}
          disabled={readOnly}
          data-kind={entry.kind}
          title={`${entry.description}. Examples: ${entry.synonyms.slice(0, 6).join(', ')}`}
          onDragStart={(e) => {
            e.dataTransfer.setData(PALETTE_DRAG_TYPE, entry.kind);
            e.dataTransfer.effectAllowed = 'move';
          }}
          onClick={() => addInView(entry)}
        >
          <span className="ab-palette__icon" aria-hidden>
            <Icon size={16} />
          </span>
          <span className="ab-palette__text">
            <span className="ab-palette__label">{entry.label}</span>
            <span className="ab-palette__desc">{entry.description}</span>
          </span>
        </button>
      </li>
    );
  };

  return (
    <aside className="ab-palette" aria-label="Building blocks">
      <div className="ab-palette__search">
        <Search size={15} aria-hidden />
        <input
          type="search"
          // Short enough for the 224 px palette of a 1024 px screen; the label says the rest.
          placeholder="Search, e.g. Redis"
          title="Search blocks by name or technology (Redis, Kafka, S3)"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && results[0]) addInView(results[0]);
            if (e.key === 'Escape') {
              setQuery('');
              (e.target as HTMLInputElement).blur();
            }
          }}
          aria-label="Search building blocks"
          data-palette-search
        />
        {searching && (
          <button type="button" className="ab-icon-button" onClick={() => setQuery('')} aria-label="Clear search">
            <X size={14} />
          </button>
        )}
      </div>
      <div className="ab-palette__list">
        {searching ? (
          results.length > 0 ? (
            <ul>{results.map(item)}</ul>
          ) : (
            <p className="ab-empty">No block matches “{query}”.</p>
          )
        ) : (
          CATEGORIES.filter((c) => results.some((e) => e.category === c.id)).map((category) => (
            <section key={category.id} className="ab-palette__group">
              <h3>{category.label}</h3>
              <ul>{results.filter((e) => e.category === category.id).map(item)}</ul>
            </section>
          ))
        )}
      </div>
    </aside>
  );
});
