import { useMemo, useState } from 'react';
import { ChevronDown, ChevronUp, RotateCcw, Zap } from 'lucide-react';
import { drillHeadline, drillNamer, liveDrillRecord } from '../../lint';
import { useBoard } from '../board/board-context';
import { useBoardSelector } from '../board/useBoardStore';
import { useControlSelector } from '../board/useControlStore';
import { useDrill } from './drill-store';

/** Names of cut-off blocks listed before "and N more": the board shows them all in grey. */
const CUT_NAMES_SHOWN = 5;

/**
 * The live failure drill, on everyone's canvas: a banner saying what is down
 * and the list of what follows (requirements and clients that lose service,
 * what is cut off, what survives and why). The interviewer restores items one
 * by one, ends the drill and decides whether the report keeps it; everyone
 * else sees whose drill it is and no controls.
 */
export function DrillPanel() {
  const { control, role, store } = useBoard();
  const { marks, result } = useDrill();
  const keep = useControlSelector((s) => s.drill.keep);
  const blocks = useBoardSelector((s) => s.blocks);
  const name = useMemo(() => drillNamer([...blocks.values()]), [blocks]);
  const [open, setOpen] = useState(true);
  if (!result || marks.length === 0) return null;
  const interviewer = role === 'interviewer' && control.drills.canWrite;
  const failedNames = marks.map((m) => name(m.id));
  const failedNow = new Set(result.failed);
  const marked = new Set(marks.map((m) => m.id));
  const cutOff = result.cut.filter((id) => !failedNow.has(id) && !marked.has(id));
  const record = () => liveDrillRecord(store.getBoard(), control.store.getState().drill.down, marks[0]!.by);
  const runBy = [...new Set(marks.map((m) => m.by))].join(', ');
  return (
    <section className="ab-drill" data-testid="drill-panel" aria-label="Failure drill">
      <header className="ab-drill__banner" role="status" data-testid="drill-banner">
        <Zap size={14} aria-hidden />
        <span className="ab-drill__headline">Failure drill: {drillHeadline(failedNames)}</span>
        <button
          type="button"
          className="ab-icon-button ab-drill__toggle"
          onClick={() => setOpen(!open)}
          aria-expanded={open}
          aria-label={open ? 'Hide the drill list' : 'Show the drill list'}
        >
          {open ? <ChevronUp size={14} /> : <ChevronDown size={14} />}
        </button>
      </header>
      {open && (
        <div className="ab-drill__body">
          <p className="ab-drill__by">
            {interviewer
              ? 'Everyone on the board sees this drill. The design is not changed.'
              : `Run by the interviewer (${runBy}).`}
          </p>
          <h5>Failed</h5>
          <ul className="ab-drill__list" data-testid="drill-failed">
            {marks.map((m) => (
              <li key={m.id} data-drill-failed={m.id}>
                <span>{name(m.id)}</span>
                {interviewer && (
                  <button
                    type="button"
                    className="ab-button ab-button--small"
                    onClick={() => control.drills.restore(m.id, record())}
                    data-testid={`drill-restore-${m.id}`}
                    title="Bring it back"
                  >
                    <RotateCcw size={12} /> Restore
                  </button>
                )}
              </li>
            ))}
          </ul>
          <h5>Requirements losing service</h5>
          <ul className="ab-drill__list" data-testid="drill-requirements">
            {result.requirementsLost.length === 0 ? (
              <li className="ab-muted">None</li>
            ) : (
              result.requirementsLost.map((r) => <li key={r}>{r}</li>)
            )}
          </ul>
          <h5>Clients losing service</h5>
          <ul className="ab-drill__list" data-testid="drill-clients">
            {result.clientsDown.length + result.clientsDegraded.length === 0 && <li className="ab-muted">None</li>}
            {result.clientsDown.map((id) => (
              <li key={id} data-drill-client={id}>
                {name(id)} <span className="ab-drill__tag ab-drill__tag--down">all service</span>
              </li>
            ))}
            {result.clientsDegraded.map((id) => (
              <li key={id} data-drill-client={id}>
                {name(id)} <span className="ab-drill__tag">part of it</span>
              </li>
            ))}
          </ul>
          {cutOff.length > 0 && (
            <>
              <h5>Cut off from their data</h5>
              <p className="ab-drill__names" data-testid="drill-cut" title={cutOff.map(name).join(', ')}>
                {cutOff.length > CUT_NAMES_SHOWN
                  ? `${cutOff.slice(0, CUT_NAMES_SHOWN).map(name).join(', ')} and ${cutOff.length - CUT_NAMES_SHOWN} more (grey on the board)`
                  : cutOff.map(name).join(', ')}
              </p>
            </>
          )}
          <h5>Survives</h5>
          <ul className="ab-drill__list" data-testid="drill-survivors">
            {result.survivors.length === 0 ? (
              <li className="ab-muted">Nothing takes over</li>
            ) : (
              result.survivors.map((s) => (
                <li key={s.failed}>
                  {name(s.failed)}: {s.takenOverBy.map(name).join(', ')} {s.takenOverBy.length === 1 ? 'takes' : 'take'}{' '}
                  over
                </li>
              ))
            )}
          </ul>
          {interviewer && (
            <div className="ab-drill__actions">
              <label className="ab-drill__keep">
                <input
                  type="checkbox"
                  checked={keep}
                  onChange={(e) => control.drills.setKeep(e.target.checked)}
                  data-testid="drill-keep"
                />
                Keep in report
              </label>
              <button
                type="button"
                className="ab-button ab-button--small ab-button--primary"
                onClick={() => control.drills.end(record())}
                data-testid="drill-end"
              >
                End drill
              </button>
            </div>
          )}
          {!interviewer && keep && <p className="ab-muted">The interviewer keeps this drill in the report.</p>}
        </div>
      )}
    </section>
  );
}
