import { useEffect, useState } from 'react';
import { FileText, Printer, X } from 'lucide-react';
import { formatClock, timerView } from '../../interview/timer';
import { readPrivateScorecard, scorecardOf } from '../../sync/private-doc';
import { useBoard } from '../board/board-context';
import { useBoardSelector } from '../board/useBoardStore';
import { Modal } from '../common/Modal';
import { useObserved } from '../common/useObserved';
import { ComparisonDetails, ReadOnlyReference, ReferenceNotes } from './CompareDialog';
import { DimensionFields, LevelField } from './ScorecardFields';
import { serverNow } from './useServerClock';
import type { TemplateBoard } from './useTemplate';

/** The self-assessment: the scorecard's four dimensions, rated by the candidate, kept in the private document. */
function SelfAssessment() {
  const { privateDoc } = useBoard();
  const doc = privateDoc!.synced.doc;
  const card = useObserved(scorecardOf(doc), () => readPrivateScorecard(doc));
  return (
    <section className="ab-scorecard" data-testid="self-assessment">
      <h4>Rate yourself</h4>
      <p className="ab-muted">
        As an interviewer would: against the level you practise for, with what you did that shows it. It goes into the
        report.
      </p>
      <LevelField doc={doc} card={card} label="The level you practise for" />
      <DimensionFields
        doc={doc}
        card={card}
        evidenceLabel="Why"
        evidencePlaceholder="What you did in this round that shows it"
        lookFor
      />
    </section>
  );
}

/**
 * The end of a solo round: the time it took, the design beside the template's
 * reference (hidden until now), and the self-assessment; the report holds all
 * three.
 */
export function SoloReview({
  template,
  onReport,
  onClose,
}: {
  template: TemplateBoard;
  onReport: (format: 'markdown' | 'print') => void;
  onClose: () => void;
}) {
  const { privateDoc } = useBoard();
  const timer = useBoardSelector((s) => s.timer);
  const view = timerView(timer, serverNow());
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (!privateDoc) return;
    let cancelled = false;
    void privateDoc.synced.whenLoaded().then(() => !cancelled && setLoaded(true));
    return () => {
      cancelled = true;
    };
  }, [privateDoc]);
  const over = view.phases.filter((p) => p.overBudget).map((p) => p.phase.label);
  return (
    <Modal className="ab-compare ab-solo-review" label="The round is over" onClose={onClose} testId="solo-review">
      <header>
        <div>
          <h2>The round is over: {template.title}</h2>
          <p className="ab-muted" data-testid="solo-time">
            {formatClock(view.elapsedMs)} of {formatClock(view.budgetMs)}
            {over.length > 0 ? `; over budget: ${over.join(', ')}` : '; every step within its budget'}.
          </p>
        </div>
        <div className="ab-solo-review__actions">
          <button type="button" className="ab-button" onClick={() => onReport('markdown')} data-testid="solo-report">
            <FileText size={15} /> Report (zip)
          </button>
          <button type="button" className="ab-button" onClick={() => onReport('print')} data-testid="solo-print">
            <Printer size={15} /> Printable report
          </button>
          <button type="button" className="ab-icon-button" onClick={onClose} aria-label="Close">
            <X size={16} />
          </button>
        </div>
      </header>
      <div className="ab-compare__body">
        <div className="ab-compare__text">
          <section data-testid="solo-comparison">
            <h4>Compared with the reference</h4>
            <ComparisonDetails reference={template.template.reference} notes={false} />
          </section>
          {loaded ? <SelfAssessment /> : <p className="ab-muted">Opening your self-assessment…</p>}
          <ReferenceNotes reference={template.template.reference} />
        </div>
        <div className="ab-compare__picture" data-testid="solo-reference">
          <ReadOnlyReference reference={template.template.reference} />
        </div>
      </div>
    </Modal>
  );
}
