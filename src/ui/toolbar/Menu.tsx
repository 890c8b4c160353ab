import { useEffect, useRef, useState, type ReactNode } from 'react';

interface MenuProps {
  label: ReactNode;
  title: string;
  children: (close: () => void) => ReactNode;
  align?: 'left' | 'right';
  testId?: string;
}

/** A button that opens a small menu; closes on outside click and Escape. */
export function Menu({ label, title, children, align = 'right', testId }: MenuProps) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="ab-menu" ref={ref}>
      <button
        type="button"
        className="ab-tool"
        title={title}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid={testId}
      >
        {label}
      </button>
      {open && (
        <div className={`ab-menu__list ab-menu__list--${align}`} role="menu">
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}

export function MenuItem({
  onSelect,
  children,
  disabled,
  testId,
}: {
  onSelect: () => void;
  children: ReactNode;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <button
      type="button"
      role="menuitem"
      className="ab-menu__item"
      onClick={onSelect}
      disabled={disabled}
      data-testid={testId}
    >
      {children}
    </button>
  );
}
