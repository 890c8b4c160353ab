import { useEffect, useMemo } from 'react';
import {
  ReactFlow,
  ReactFlowProvider,
  Background,
  BackgroundVariant,
  ConnectionMode,
  useReactFlow,
  useStore,
} from '@xyflow/react';
import { X } from 'lucide-react';
import { compareWithReference, describeComparison, type KindDifference } from '../../interview/compare';
import { NOTE_TOPICS, type Board } from '../../board/types';
import { nodeTypeOf, type BoardEdge, type BoardNode } from '../../sync/flow-binding';
import { BoardContext, useBoard } from '../board/board-context';
import { useSession } from '../common/session-store';
import { useBoardSelector } from '../board/useBoardStore';
import { Modal } from '../common/Modal';
import { BlockNode } from '../canvas/BlockNode';
import { GroupNode } from '../canvas/GroupNode';
import { NoteNode } from '../canvas/NoteNode';
import { LabelPlacer } from '../canvas/LabelPlacer';
import { LinkEdge } from '../canvas/LinkEdge';

const nodeTypes = { block: BlockNode, group: GroupNode, note: NoteNode };
const edgeTypes = { link: LinkEdge };
/** Reference ids get a prefix so they never pick up the board's badges or selections. */
const REF = 'ref:';

/** The reference design drawn read-only with the board's own cards. */
export function ReferencePicture({ reference }: { reference: NonNullable<Board['template']>['reference'] }) {
  const theme = useSession((s) => s.theme);
  const nodes: BoardNode[] = useMemo(
    () =>
      reference.blocks.map((b) => ({
        id: REF + b.id,
        type: nodeTypeOf(b.kind),
        position: { x: b.x, y: b.y },
        data: { block: { ...b, id: REF + b.id, ...(b.parent ? { parent: REF + b.parent } : {}) } },
        ...(b.parent ? { parentId: REF + b.parent } : {}),
        width: b.width,
        height: b.height,
        draggable: false,
        connectable: false,
        selectable: false,
      })),
    [reference],
  );
  const edges: BoardEdge[] = useMemo(
    () =>
      reference.links.map((l) => ({
        id: REF + l.id,
        type: 'link',
        source: REF + l.from,
        target: REF + l.to,
        data: { link: l },
      })),
    [reference],
  );
  return (
    <ReactFlowProvider>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={theme}
        connectionMode={ConnectionMode.Loose}
        fitView
        // A narrow pane still shows the whole reference (React Flow stops at 0.5 otherwise).
        minZoom={0.1}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1} />
        {/* Its labels placed as the canvas places them: none covers another or a card. */}
        <LabelPlacer />
        <FitOnResize />
      </ReactFlow>
    </ReactFlowProvider>
  );
}

/** Fits the drawing again whenever its pane changes size (a narrower window, a panel opening), not only at first. */
function FitOnResize() {
  const { fitView } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (width > 0 && height > 0) void fitView();
  }, [fitView, width, height]);
  return null;
}

function KindList({ title, items, empty }: { title: string; items: KindDifference[]; empty: string }) {
  return (
    <section>
      <h4>{title}</h4>
      {items.length === 0 ? (
        <p className="ab-muted">{empty}</p>
      ) : (
        <ul className="ab-compare__list">
          {items.map((d) => (
            <li key={d.kind}>
              {d.label}
              <span className="ab-muted">
                {' '}
                board {d.board.instances}, reference {d.reference.instances}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type Reference = NonNullable<Board['template']>['reference'];

/** The reference's notes (API, data model, trade-offs), as written. */
export function ReferenceNotes({ reference }: { reference: Reference }) {
  return (
    <>
      {NOTE_TOPICS.filter((t) => reference.notes?.[t.id]).map((t) => (
        <section key={t.id}>
          <h4>Reference: {t.label}</h4>
          <pre className="ab-compare__note">{reference.notes![t.id]}</pre>
        </section>
      ))}
    </>
  );
}

/** What the reference has that the board lacks and the other way round, the SLIC FAST items, and (with `notes`) its notes. */
export function ComparisonDetails({ reference, notes = true }: { reference: Reference; notes?: boolean }) {
  const board = useBoardSelector((s) => s.board);
  const comparison = useMemo(() => compareWithReference(board, reference), [board, reference]);
  return (
    <>
      <ul className="ab-compare__summary" data-testid="comparison-summary">
        {describeComparison(comparison).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <KindList
        title="The reference has, the board lacks"
        items={comparison.kinds.missing}
        empty="Nothing: the board has every kind the reference uses."
      />
      <KindList
        title="The board has, the reference does not"
        items={comparison.kinds.extra}
        empty="Nothing beyond the reference."
      />
      <section>
        <h4>SLIC FAST</h4>
        <ul className="ab-slic">
          {comparison.slicFast.map((s) => (
            <li
              key={s.name}
              className={s.board ? 'is-covered' : s.reference ? 'is-missing' : ''}
              title={`${s.name}: board ${s.board ? 'yes' : 'no'}, reference ${s.reference ? 'yes' : 'no'}`}
            >
              <strong>{s.letter}</strong> {s.name}
            </li>
          ))}
        </ul>
      </section>
      {notes && <ReferenceNotes reference={reference} />}
    </>
  );
}

/** The reference drawn read-only, inside a runtime that cannot edit. */
export function ReadOnlyReference({ reference }: { reference: Reference }) {
  const runtime = useBoard();
  const readOnlyRuntime = useMemo(() => ({ ...runtime, readOnly: true }), [runtime]);
  return (
    <BoardContext.Provider value={readOnlyRuntime}>
      <ReferencePicture reference={reference} />
    </BoardContext.Provider>
  );
}

/** "Compare with reference": what the reference has that the board lacks and the other way round, beside the reference drawn. */
export function CompareDialog({ reference, onClose }: { reference: Reference; onClose: () => void }) {
  return (
    <Modal className="ab-compare" label="Compare with the reference" onClose={onClose} testId="compare-dialog">
      <header>
        <h2>Compare with the reference</h2>
        <button type="button" className="ab-icon-button" onClick={onClose} aria-label="Close">
          <X size={16} />
        </button>
      </header>
      <div className="ab-compare__body">
        <div className="ab-compare__text">
          <ComparisonDetails reference={reference} />
        </div>
        <div className="ab-compare__picture">
          <ReadOnlyReference reference={reference} />
        </div>
      </div>
    </Modal>
  );
}
