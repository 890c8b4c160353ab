import { useState } from 'react';
import {
  AlertCircle,
  AlertTriangle,
  CheckCircle2,
  ChevronDown,
  ChevronRight,
  EyeOff,
  Info,
  Lock,
  Wrench,
} from 'lucide-react';
import { lint, RULE_METAS, type Finding, type Severity } from '../../lint';
import { LOCKED_BY } from '../../sync/editor';
import { useBoard } from '../board/board-context';
import { useSettings } from '../board/useBoardState';
import { EVALUATION_INDEX, useSolo } from '../board/useSolo';
import { PHASES } from '../../interview/phases';
import { useLint } from '../lint/lint-store';
import { showError, showInfo } from '../common/toast-store';

const SEVERITY: Record<Severity, { label: string; Icon: typeof AlertCircle }> = {
  error: { label: 'Errors', Icon: AlertCircle },
  warning: { label: 'Warnings', Icon: AlertTriangle },
  info: { label: 'Notes', Icon: Info },
};

interface FindingsPanelProps {
  blockLabel: (id: string) => string;
  focusBlocks: (ids: string[]) => void;
}

function FindingCard({
  finding,
  blockLabel,
  focusBlocks,
  readOnly,
}: { finding: Finding; readOnly: boolean } & FindingsPanelProps) {
  const { store, editor } = useBoard();
  const [open, setOpen] = useState(false);
  const { Icon } = SEVERITY[finding.severity];
  const applyFix = (title: string) => {
    // Recompute at click time: the fix's positions must match the board as it is now.
    const current = lint(store.getBoard()).find(
      (f) => f.rule === finding.rule && f.blocks.join() === finding.blocks.join(),
    );
    const fix = current?.fixes?.find((x) => x.title === title);
    if (!fix) return showError('This finding has changed since it was shown; look again.');
    editor.step(fix.ops);
    const added = fix.ops.flatMap((op) => (op.op === 'add-block' ? [op.block.id] : []));
    if (added.length > 0) focusBlocks(added);
    showInfo(`Applied: ${fix.title}`, { label: 'Undo', run: () => editor.undo() });
  };
  return (
    <li className={`ab-finding ab-finding--${finding.severity}`} data-rule={finding.rule}>
      <div className="ab-finding__head">
        <Icon size={15} className="ab-finding__icon" />
        <div className="ab-finding__body">
          <button
            type="button"
            className="ab-finding__message"
            onClick={() => finding.blocks.length > 0 && focusBlocks(finding.blocks)}
            title={finding.blocks.length > 0 ? 'Select and show these blocks' : undefined}
          >
            {finding.message}
          </button>
          <div className="ab-finding__meta">
            <code>{finding.rule}</code>
            {finding.blocks.map((id) => (
              <button key={id} type="button" className="ab-chip" onClick={() => focusBlocks([id])}>
                {blockLabel(id)}
              </button>
            ))}
          </div>
        </div>
      </div>
      <button type="button" className="ab-finding__why-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? <ChevronDown size={13} /> : <ChevronRight size={13} />} Why it matters
      </button>
      {open && <p className="ab-finding__why">{finding.why}</p>}
      {!readOnly && finding.fixes && finding.fixes.length > 0 && (
        <div className="ab-finding__fixes">
          {finding.fixes.map((fix) => (
            <button
              key={fix.title}
              type="button"
              className="ab-button ab-button--small"
              onClick={() => applyFix(fix.title)}
              data-fix={fix.title}
            >
              <Wrench size={13} /> {fix.title}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}

/** The linter's findings, grouped by severity, with quick fixes, the rules switch and (for the interviewer) who sees them. */
export function FindingsPanel(props: FindingsPanelProps) {
  const { editor, role, readOnly } = useBoard();
  const findings = useLint((s) => s.findings);
  const visible = useLint((s) => s.visible);
  const solo = useSolo();
  const settings = useSettings();
  const [rulesOpen, setRulesOpen] = useState(false);
  const disabled = new Set(settings.disabledRules ?? []);
  const shownToCandidate = settings.findingsVisibleToCandidate === true;

  return (
    <div className="ab-findings" data-testid="findings">
      {role === 'interviewer' && !solo && (
        <label className="ab-visibility">
          <input
            type="checkbox"
            checked={shownToCandidate}
            onChange={(e) => editor.setFindingsVisibleToCandidate(e.target.checked)}
            data-testid="show-findings-to-candidate"
          />
          <span>
            <strong>Candidate sees the findings</strong>
            <span className="ab-muted">
              {shownToCandidate
                ? 'The candidate and observers see this list and the badges.'
                : 'Only you see them for now.'}
            </span>
          </span>
        </label>
      )}
      {!visible ? (
        <div className="ab-panel-empty" data-testid="findings-hidden">
          <EyeOff size={18} />
          <p>
            {solo
              ? `The linter’s findings come at step ${EVALUATION_INDEX + 1} (${PHASES[EVALUATION_INDEX]!.label.toLowerCase()}), with the interviewer’s follow-up questions.`
              : 'The interviewer has hidden the linter’s findings for now.'}
          </p>
        </div>
      ) : findings.length === 0 ? (
        <div className="ab-panel-empty ab-findings__clean">
          <CheckCircle2 size={18} />
          <p>No findings: as far as the linter can tell, the design meets its requirements.</p>
        </div>
      ) : (
        (['error', 'warning', 'info'] as Severity[]).map((severity) => {
          const group = findings.filter((f) => f.severity === severity);
          if (group.length === 0) return null;
          return (
            <section key={severity} className="ab-findings__group">
              <h4>
                {SEVERITY[severity].label} <span className="ab-tab__count">{group.length}</span>
              </h4>
              <ul>
                {group.map((f, i) => (
                  <FindingCard key={`${f.rule}-${f.blocks.join()}-${i}`} finding={f} readOnly={readOnly} {...props} />
                ))}
              </ul>
            </section>
          );
        })
      )}
      {visible && (
        <section className="ab-findings__rules">
          <button
            type="button"
            className="ab-finding__why-toggle"
            onClick={() => setRulesOpen(!rulesOpen)}
            aria-expanded={rulesOpen}
          >
            {rulesOpen ? <ChevronDown size={13} /> : <ChevronRight size={13} />} Rules (
            {RULE_METAS.length - disabled.size} of {RULE_METAS.length} on)
          </button>
          {rulesOpen && !editor.runsTheRoom && (
            <p className="ab-locked-note" data-testid="rules-locked">
              <Lock size={12} /> Locked: {LOCKED_BY} switches rules on and off.
            </p>
          )}
          {rulesOpen && (
            <ul className="ab-rules">
              {RULE_METAS.map((rule) => (
                <li key={rule.id}>
                  <label title={rule.why}>
                    <input
                      type="checkbox"
                      checked={!disabled.has(rule.id)}
                      disabled={readOnly || !editor.runsTheRoom}
                      title={editor.runsTheRoom ? undefined : `Set by ${LOCKED_BY}`}
                      onChange={(e) => editor.setRuleEnabled(rule.id, e.target.checked)}
                      data-rule-toggle={rule.id}
                    />
                    <span>
                      <code>{rule.id}</code>
                      <span className="ab-muted">{rule.description}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
