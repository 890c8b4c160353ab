import { AlertCircle, AlertTriangle, Info } from 'lucide-react';
import { useSelectedBy } from '../board/presence-store';
import { useBlockFindings } from '../lint/lint-store';

const SEVERITY_ICON = { error: AlertCircle, warning: AlertTriangle, info: Info } as const;

/** What sits on a node besides its content: its lint findings, and who else has it selected. */
export function NodeDecorations({ id }: { id: string }) {
  const selectedBy = useSelectedBy(id);
  const findings = useBlockFindings(id);
  const Icon = findings ? SEVERITY_ICON[findings.severity] : null;
  return (
    <>
      {findings && Icon && (
        <span
          className={`ab-badge ab-badge--${findings.severity}`}
          title={findings.messages.join('\n')}
          data-finding-badge={findings.severity}
        >
          <Icon size={12} strokeWidth={2.5} />
          {findings.count > 1 && findings.count}
        </span>
      )}
      {selectedBy && (
        <div
          className="ab-remote-selection"
          style={{ borderColor: selectedBy.color }}
          aria-label={`Selected by ${selectedBy.name}`}
        >
          <span className="ab-remote-selection__name" style={{ background: selectedBy.color }}>
            {selectedBy.name}
          </span>
        </div>
      )}
    </>
  );
}
