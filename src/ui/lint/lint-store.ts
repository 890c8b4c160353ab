/**
 * The linter's latest findings and the estimate, derived from the document and
 * shared by the findings panel, the tab badge and the card badges. Cards read
 * only their own entry of `byBlock`, so a new finding re-renders only its cards.
 */
import { create } from 'zustand';
import type { Finding, Severity } from '../../lint';
import type { Estimate } from '../../estimate';

export interface BlockFindings {
  severity: Severity;
  count: number;
  messages: string[];
}

interface LintState {
  findings: Finding[];
  estimate: Estimate | null;
  byBlock: Record<string, BlockFindings>;
  /** Whether this person sees findings (the interviewer decides for everyone else). */
  visible: boolean;
  set: (findings: Finding[], estimate: Estimate) => void;
  setVisible: (visible: boolean) => void;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function findingsKey(findings: Finding[]): string {
  return findings.map((f) => `${f.rule}|${f.severity}|${f.message}|${f.blocks.join(',')}`).join('\n');
}

export const useLint = create<LintState>()((set, get) => ({
  findings: [],
  estimate: null,
  byBlock: {},
  visible: true,
  setVisible: (visible) => get().visible !== visible && set({ visible }),
  set: (findings, estimate) => {
    const prev = get();
    const sameFindings = findingsKey(prev.findings) === findingsKey(findings);
    const sameEstimate = prev.estimate !== null && JSON.stringify(prev.estimate) === JSON.stringify(estimate);
    if (sameFindings && sameEstimate) return;
    const byBlock: Record<string, BlockFindings> = {};
    if (!sameFindings) {
      for (const f of findings) {
        for (const id of f.blocks) {
          const entry = byBlock[id];
          if (!entry) byBlock[id] = { severity: f.severity, count: 1, messages: [f.message] };
          else {
            entry.count++;
            entry.messages.push(f.message);
            if (RANK[f.severity] < RANK[entry.severity]) entry.severity = f.severity;
          }
        }
      }
    }
    set({
      findings: sameFindings ? prev.findings : findings,
      byBlock: sameFindings ? prev.byBlock : byBlock,
      estimate: sameEstimate ? prev.estimate : estimate,
    });
  },
}));

/** A block's findings, when this person may see them. */
export function useBlockFindings(id: string): BlockFindings | undefined {
  return useLint((s) => (s.visible ? s.byBlock[id] : undefined));
}
