/**
 * The linter's latest findings and the estimate, derived from the document and
 * shared by the findings panel, the tab badge and the card badges. Cards read
 * only their own entry of `byBlock`, so a new finding re-renders only its cards.
 */
import { create } from 'zustand';
import type { Finding, Severity, TrafficReport } from '../../lint';
import type { Estimate } from '../../estimate';
import type { Board } from '../../board/types';

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
  /** The traffic overlay: this person's view only, never part of the board. */
  overlay: boolean;
  /** What-if: the scale multiplied (1, 10, 100) without touching the requirements. */
  multiplier: number;
  /** The overlay's figures, computed while it is on. */
  traffic: TrafficReport | null;
  setOverlay: (overlay: boolean) => void;
  setMultiplier: (multiplier: number) => void;
  setTraffic: (traffic: TrafficReport | null) => void;
  /** The board last linted, for the interviewer's follow-up questions. */
  board: Board | null;
  setBoard: (board: Board) => void;
}

/** The what-if multipliers the toolbar offers. */
export const WHAT_IF_MULTIPLIERS = [1, 10, 100] as const;

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function findingsKey(findings: Finding[]): string {
  return findings.map((f) => `${f.rule}|${f.severity}|${f.message}|${f.blocks.join(',')}`).join('\n');
}

export const useLint = create<LintState>()((set, get) => ({
  findings: [],
  estimate: null,
  byBlock: {},
  visible: true,
  setVisible: (visible) => {
    if (get().visible !== visible) set({ visible });
  },
  overlay: false,
  multiplier: 1,
  traffic: null,
  setOverlay: (overlay) => set(overlay ? { overlay } : { overlay, traffic: null }),
  setMultiplier: (multiplier) => set({ multiplier }),
  setTraffic: (traffic) => set({ traffic }),
  board: null,
  setBoard: (board) => set({ board }),
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

/** A block's traffic while the overlay is on. */
export function useBlockTraffic(id: string) {
  return useLint((s) => (s.overlay ? s.traffic?.blocks[id] : undefined));
}

/** A link's traffic while the overlay is on. */
export function useLinkTraffic(id: string) {
  return useLint((s) => (s.overlay ? s.traffic?.links[id] : undefined));
}
