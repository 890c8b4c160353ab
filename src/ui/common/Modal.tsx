import { useEffect, type ReactNode } from 'react';

interface ModalProps {
  label: string;
  className: string;
  onClose: () => void;
  testId?: string;
  children: ReactNode;
}

/** A dialog over the board: a click on the backdrop or Esc closes it. */
export function Modal({ label, className, onClose, testId, children }: ModalProps) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Capture phase and stopped: the board's own Esc (clear the selection) is not meant.
      event.stopPropagation();
      onClose();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  return (
    <div className="ab-modal-backdrop" onClick={onClose}>
      <div
        className={`ab-modal ${className}`}
        role="dialog"
        aria-label={label}
        onClick={(e) => e.stopPropagation()}
        data-testid={testId}
      >
        {children}
      </div>
    </div>
  );
}
