import {
  Circle,
  Diamond,
  Eraser,
  Highlighter,
  MessageSquarePlus,
  MousePointer2,
  MoveUpRight,
  Pen,
  Square,
  Type,
  Zap,
  type LucideIcon,
} from 'lucide-react';
import { useSession, type DrawTool } from '../../common/session-store';

const TOOLS: { tool: DrawTool; label: string; key?: string; Icon: LucideIcon }[] = [
  { tool: 'select', label: 'Select', key: 'V', Icon: MousePointer2 },
  { tool: 'pen', label: 'Pen', key: 'P', Icon: Pen },
  { tool: 'highlighter', label: 'Highlighter', Icon: Highlighter },
  { tool: 'text', label: 'Text', key: 'T', Icon: Type },
  { tool: 'rectangle', label: 'Rectangle', key: 'R', Icon: Square },
  { tool: 'ellipse', label: 'Ellipse', key: 'O', Icon: Circle },
  { tool: 'diamond', label: 'Diamond', Icon: Diamond },
  { tool: 'arrow', label: 'Arrow', key: 'A', Icon: MoveUpRight },
  { tool: 'laser', label: 'Laser pointer', key: 'L', Icon: Zap },
  { tool: 'eraser', label: 'Eraser', key: 'E', Icon: Eraser },
  { tool: 'comment', label: 'Comment', key: 'C', Icon: MessageSquarePlus },
];

/** Ink colours: readable on the light and the dark canvas. */
const INKS = ['#1e293b', '#e11d48', '#2563eb', '#059669', '#d97706'];

/** The drawing tools, down the canvas's left edge. */
export function Toolbox() {
  const tool = useSession((s) => s.tool);
  const inkColor = useSession((s) => s.inkColor);
  const set = useSession((s) => s.set);
  return (
    <div className="ab-toolbox" role="toolbar" aria-label="Drawing tools" aria-orientation="vertical">
      {TOOLS.map(({ tool: t, label, key, Icon }) => (
        <button
          key={t}
          type="button"
          className={`ab-tool${tool === t ? ' is-on' : ''}`}
          aria-pressed={tool === t}
          aria-label={label}
          title={key ? `${label} (${key})` : label}
          data-tool={t}
          onClick={() => set({ tool: t })}
        >
          <Icon size={16} />
        </button>
      ))}
      {(tool === 'pen' || tool === 'text' || tool === 'arrow') && (
        <div className="ab-toolbox__inks">
          {INKS.map((c) => (
            <button
              key={c}
              type="button"
              className={`ab-ink${inkColor === c ? ' is-on' : ''}`}
              style={{ background: c }}
              aria-label={`Ink ${c}`}
              aria-pressed={inkColor === c}
              onClick={() => set({ inkColor: c })}
            />
          ))}
        </div>
      )}
    </div>
  );
}
