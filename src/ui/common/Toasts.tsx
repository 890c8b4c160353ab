import { X } from 'lucide-react';
import { useToasts } from './toast-store';

export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="ab-toasts" aria-live="polite">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`ab-toast ab-toast--${t.kind}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
          data-toast={t.kind}
        >
          <span>{t.text}</span>
          {t.action && (
            <button
              type="button"
              className="ab-toast__action"
              onClick={() => {
                t.action!.run();
                dismiss(t.id);
              }}
            >
              {t.action.label}
            </button>
          )}
          <button type="button" className="ab-icon-button" onClick={() => dismiss(t.id)} aria-label="Dismiss">
            <X size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
