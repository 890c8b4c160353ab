import { AlertCircle, AlertTriangle, Info } from 'lucide-react';
import { useSelectedBy } from '../board/presence-store';
import { formatCount } from '../../estimate/units';
import { useBlockFindings, useBlockTraffic } from '../lint/lint-store';
import { CommentBadge } from '../comments/CommentBadge';

/** Utilisation at or above which a block shows amber, then red. */
const WARM_UTILISATION = 0.7;
const HOT_UTILISATION = 1;

function heat(utilisation: number | null): string {
  if (utilisation === null) return 'none';
  return utilisation >= HOT_UTILISATION ? 'hot' : utilisation >= WARM_UTILISATION ? 'warm' : 'ok';
}

const SEVERITY_ICON = { error: AlertCircle, warning: AlertTriangle, info: Info } as const;

/** What sits on a node besides its content: its lint findings, and who else has it selected. */
export function NodeDecorations({ id }: { id: string }) {
  const selectedBy = useSelectedBy(id);
  const findings = useBlockFindings(id);
  const traffic = useBlockTraffic(id);
  const Icon = findings ? SEVERITY_ICON[findings.severity] : null;
  return (
    <>
      {traffic && (
        <>
          <div className={`ab-traffic-outline ab-traffic--${heat(traffic.utilisation)}`} aria-hidden />
          <span
            className={`ab-traffic ab-traffic--${heat(traffic.utilisation)}`}
            data-traffic-block={id}
            data-read-qps={traffic.readQps}
            data-write-qps={traffic.writeQps}
            title="Peak reads and writes a second reaching this block, and its utilisation (load ÷ instances × capacity)"
          >
            {formatCount(traffic.readQps)} r/s · {formatCount(traffic.writeQps)} w/s
            {traffic.utilisation !== null && ` · ${Math.round(traffic.utilisation * 100)}%`}
          </span>
        </>
      )}
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
      <CommentBadge anchor={`block:${id}`} className="ab-comment-badge--node" />
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
