import * as Y from 'yjs';
import { NOTE_TOPICS } from '../../board/types';
import { notesOf } from '../../doc/board-doc';
import { useBoard } from '../board/board-context';
import { useObserved } from '../common/useObserved';
import { CollabTextField } from '../interview/CollabTextField';

const HINTS: Record<string, { hint: string; placeholder: string }> = {
  api: {
    hint: 'The endpoints the client calls: method, path, request, response, pagination, auth.',
    placeholder: 'POST /api/urls {long_url} -> {code}\nGET /{code} -> 301 Location',
  },
  dataModel: {
    hint: 'The entities, their keys and the access patterns that pick the database.',
    placeholder: 'Url(code PK, long_url, owner_id, created_at, expires_at)',
  },
  tradeoffs: {
    hint: 'The decisions that matter, each with its "because".',
    placeholder: 'Cassandra for links because writes dominate and lookups are by key; the cost is no joins.',
  },
};

/** The shared notes for API design, data model and trade-offs, edited together. */
export function NotesPanel() {
  const { doc, synced, undo, readOnly } = useBoard();
  const notes = notesOf(doc);
  // The topics' Y.Text come with the board (doc skeleton); follow them if an import replaces content.
  const texts = useObserved(
    notes,
    () => NOTE_TOPICS.map((t) => notes.get(t.id)).filter((t): t is Y.Text => t instanceof Y.Text),
    (a, b) => a.length === b.length && a.every((t, i) => t === b[i]),
  );
  return (
    <div className="ab-notes" data-testid="notes">
      {NOTE_TOPICS.map((topic) => {
        const text = notes.get(topic.id);
        if (!(text instanceof Y.Text) || !texts.includes(text)) return null;
        return (
          <CollabTextField
            key={topic.id}
            label={topic.label}
            hint={HINTS[topic.id]?.hint}
            placeholder={HINTS[topic.id]?.placeholder ?? ''}
            text={text}
            awareness={synced.awareness}
            undoManager={undo}
            readOnly={readOnly}
          />
        );
      })}
    </div>
  );
}
