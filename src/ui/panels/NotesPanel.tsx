import { NOTE_TOPICS } from '../../board/types';
import { useBoard } from '../board/board-context';
import { useBoardSelector } from '../board/useBoardStore';
import { CollabTextField } from '../interview/CollabTextField';

const HINTS: Record<string, { hint: string; placeholder: string }> = {
  api: {
    hint: 'The endpoints the client calls: method, path, request, response, pagination, auth.',
    placeholder: 'POST /api/items {…} -> 201 {id}\nGET /api/items/{id} -> 200 {…}',
  },
  dataModel: {
    hint: 'The entities, their keys and the access patterns that pick the database.',
    placeholder: 'Item(id PK, owner_id, created_at, …): read by id, listed by owner',
  },
  tradeoffs: {
    hint: 'The decisions that matter, each with its "because".',
    placeholder: 'A cache in front of the database because reads dominate; the cost is reads that can be stale.',
  },
};

/** The shared notes for API design, data model and trade-offs, edited together. */
export function NotesPanel() {
  const { editor, readOnly } = useBoard();
  // Re-read the handles when the notes change: a board from an older version may gain a topic.
  useBoardSelector((s) => Object.keys(s.notes).join());
  return (
    <div className="ab-notes" data-testid="notes">
      {NOTE_TOPICS.map((topic) => {
        const handle = editor.noteText(topic.id);
        if (!handle) return null;
        return (
          <CollabTextField
            key={topic.id}
            label={topic.label}
            hint={HINTS[topic.id]?.hint}
            placeholder={HINTS[topic.id]?.placeholder ?? ''}
            handle={handle}
            readOnly={readOnly}
          />
        );
      })}
    </div>
  );
}
