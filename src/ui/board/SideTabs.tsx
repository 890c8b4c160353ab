import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';
import type { SideTab } from '../common/session-store';

export interface SideTabInfo {
  id: SideTab;
  label: string;
  Icon: LucideIcon;
}

/** Room a tab takes besides its label: its padding and a little air. */
const TAB_CHROME_PX = 12;

/**
 * Whether every label fits the strip. Measured from the labels' own scroll
 * widths, which stay their full text width while a compact strip squeezes them
 * to nothing, so the answer does not flip once the strip is compact.
 */
function labelsFit(nav: HTMLElement): boolean {
  const style = getComputedStyle(nav);
  const room = nav.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  let needed = 0;
  for (const tab of nav.querySelectorAll<HTMLElement>('.ab-tab')) {
    const label = tab.querySelector<HTMLElement>('.ab-tab__label');
    const icon = tab.querySelector<HTMLElement>('.ab-tab__icon');
    needed += Math.max(label?.scrollWidth ?? 0, icon?.offsetWidth ?? 0) + TAB_CHROME_PX;
  }
  return needed <= room;
}

/**
 * The side panel's tab strip. When the labels do not all fit (six tabs in a
 * 328 px panel), the strip turns compact: the open tab keeps its label, the
 * others show their icon with the label as tooltip and accessible name.
 */
export function SideTabs({
  tabs,
  active,
  onSelect,
  badge,
}: {
  tabs: readonly SideTabInfo[];
  active: SideTab;
  onSelect: (id: SideTab) => void;
  badge: (id: SideTab) => ReactNode;
}) {
  const nav = useRef<HTMLElement>(null);
  const [compact, setCompact] = useState(false);
  const labels = tabs.map((t) => t.label).join('|');
  useLayoutEffect(() => {
    const el = nav.current;
    if (!el) return;
    const measure = () => setCompact(!labelsFit(el));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [labels]);
  return (
    <nav className={`ab-tabs${compact ? ' is-compact' : ''}`} role="tablist" ref={nav}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          aria-selected={active === t.id}
          aria-label={t.label}
          title={compact && active !== t.id ? t.label : undefined}
          className={`ab-tab${active === t.id ? ' is-active' : ''}`}
          onClick={() => onSelect(t.id)}
        >
          <span className="ab-tab__icon">
            <t.Icon size={16} />
            {badge(t.id)}
          </span>
          <span className="ab-tab__label">{t.label}</span>
        </button>
      ))}
    </nav>
  );
}
