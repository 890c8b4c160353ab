import { useSelectedBy } from '../board/presence-store';

/** What sits on a node besides its content: who else has it selected. */
export function NodeDecorations({ id }: { id: string }) {
  const selectedBy = useSelectedBy(id);
  if (!selectedBy) return null;
  return (
    <div className="ab-remote-selection" style={{ borderColor: selectedBy.color }} aria-label={`Selected by ${selectedBy.name}`}>
      <span className="ab-remote-selection__name" style={{ background: selectedBy.color }}>
        {selectedBy.name}
      </span>
    </div>
  );
}
