import {
  AlignCenterHorizontal,
  AlignCenterVertical,
  AlignEndHorizontal,
  AlignEndVertical,
  AlignHorizontalDistributeCenter,
  AlignStartHorizontal,
  AlignStartVertical,
  AlignVerticalDistributeCenter,
  ArrowLeftRight,
  BringToFront,
  LayoutGrid,
  MessageSquarePlus,
  RotateCcw,
  SendToBack,
  Trash2,
  Zap,
  type LucideIcon,
} from 'lucide-react';
import { anchorKey, type CommentAnchor } from '../../board/comments';
import { startComment } from '../comments/useComments';
import { CommentBadge } from '../comments/CommentBadge';
import type { Alignment, Axis } from '../../board/arrange';
import { CATALOG, CATEGORIES, hasRole, kindInfo, replicasOf } from '../../board/catalog';
import { DEFAULT_LINK_ROUTE, LINK_ROUTES, type LinkRoute } from '../../board/link-route';
import { PROTOCOLS, protocolInfo } from '../../board/protocols';
import type { Block, Link } from '../../board/types';
import { MAX_FAN_OUT, MAX_LABEL_CHARS, MAX_REPLICAS, MAX_TEXT_CHARS } from '../../limits';
import { formatCount } from '../../estimate/units';
import { useBoard } from '../board/board-context';
import { CheckboxField, FieldShell, NumberField, TextField } from '../common/fields';
import { useControlSelector } from '../board/useControlStore';
import { useBoardSelector } from '../board/useBoardStore';
import { liveDrillRecord } from '../../lint';

interface PropertiesPanelProps {
  blocks: Block[];
  links: Link[];
  blockLabel: (id: string) => string;
  onDelete: () => void;
  onLayoutSelection: () => void;
  /** Align, distribute and z-order for the selection (absent where nothing may be edited). */
  arrange?: ArrangeCommands;
}

export interface ArrangeCommands {
  align: (how: Alignment) => void;
  distribute: (axis: Axis) => void;
  reorder: (where: 'front' | 'back') => void;
}

const ALIGN_BUTTONS: readonly [Alignment, LucideIcon, string][] = [
  ['left', AlignStartVertical, 'Align left edges (Alt+A)'],
  ['center', AlignCenterVertical, 'Align horizontal centres (Alt+H)'],
  ['right', AlignEndVertical, 'Align right edges (Alt+D)'],
  ['top', AlignStartHorizontal, 'Align top edges (Alt+W)'],
  ['middle', AlignCenterHorizontal, 'Align vertical centres (Alt+V)'],
  ['bottom', AlignEndHorizontal, 'Align bottom edges (Alt+S)'],
];

/** The selection's arrange buttons: align, distribute, bring to front, send to back. */
function ArrangeBar({ arrange, blocks }: { arrange: ArrangeCommands; blocks: number }) {
  return (
    <div className="ab-button-row ab-arrange" role="toolbar" aria-label="Arrange the selection">
      {blocks >= 2 &&
        ALIGN_BUTTONS.map(([how, Icon, title]) => (
          <button
            key={how}
            type="button"
            className="ab-button ab-button--icon"
            title={title}
            aria-label={title}
            data-align={how}
            onClick={() => arrange.align(how)}
          >
            <Icon size={15} />
          </button>
        ))}
      {blocks >= 3 && (
        <>
          <button
            type="button"
            className="ab-button ab-button--icon"
            title="Distribute horizontally (Alt+Shift+H)"
            aria-label="Distribute horizontally"
            data-distribute="horizontal"
            onClick={() => arrange.distribute('horizontal')}
          >
            <AlignHorizontalDistributeCenter size={15} />
          </button>
          <button
            type="button"
            className="ab-button ab-button--icon"
            title="Distribute vertically (Alt+Shift+V)"
            aria-label="Distribute vertically"
            data-distribute="vertical"
            onClick={() => arrange.distribute('vertical')}
          >
            <AlignVerticalDistributeCenter size={15} />
          </button>
        </>
      )}
      <button
        type="button"
        className="ab-button ab-button--icon"
        title="Bring to front (Mod+Shift+])"
        aria-label="Bring to front"
        data-reorder="front"
        onClick={() => arrange.reorder('front')}
      >
        <BringToFront size={15} />
      </button>
      <button
        type="button"
        className="ab-button ab-button--icon"
        title="Send to back (Mod+Shift+[)"
        aria-label="Send to back"
        data-reorder="back"
        onClick={() => arrange.reorder('back')}
      >
        <SendToBack size={15} />
      </button>
    </div>
  );
}

/** Edits the selection: one block's or one link's fields, or acts on several at once. */
export function PropertiesPanel({
  blocks,
  links,
  blockLabel,
  onDelete,
  onLayoutSelection,
  arrange,
}: PropertiesPanelProps) {
  const { readOnly } = useBoard();
  const count = blocks.length + links.length;
  if (count === 0) {
    if (readOnly)
      return (
        <div className="ab-panel-empty">
          <p>Click a block or a link to see its properties.</p>
          <p className="ab-muted">You are watching: the board is read-only for you.</p>
        </div>
      );
    return (
      <>
        <div className="ab-panel-empty">
          <p>Select a block or a link to edit it.</p>
          <p className="ab-muted">
            Drag blocks from the palette, connect them from the dots on their sides, double-click a card to rename it.
          </p>
        </div>
        <BoardLinkRoute />
      </>
    );
  }
  if (count > 1) {
    return (
      <div className="ab-props">
        <h3>{count} selected</h3>
        <p className="ab-muted">
          {blocks.length} block{blocks.length === 1 ? '' : 's'}, {links.length} link{links.length === 1 ? '' : 's'}
        </p>
        {!readOnly && (
          <div className="ab-button-row">
            <button type="button" className="ab-button" onClick={onLayoutSelection} disabled={blocks.length < 2}>
              <LayoutGrid size={15} /> Arrange selection
            </button>
            <button type="button" className="ab-button ab-button--danger" onClick={onDelete}>
              <Trash2 size={15} /> Delete
            </button>
          </div>
        )}
        {!readOnly && arrange && blocks.length > 0 && <ArrangeBar arrange={arrange} blocks={blocks.length} />}
        <DrillButton blocks={blocks} />
      </div>
    );
  }
  if (blocks[0])
    return (
      <>
        <BlockProperties key={blocks[0].id} block={blocks[0]} readOnly={readOnly} onDelete={onDelete} />
        {!readOnly && arrange && (
          <div className="ab-props">
            <ArrangeBar arrange={arrange} blocks={1} />
          </div>
        )}
        {!readOnly && <CommentAction anchor={{ kind: 'block', id: blocks[0].id }} />}
      </>
    );
  return (
    <>
      <LinkProperties
        key={links[0]!.id}
        link={links[0]!}
        readOnly={readOnly}
        blockLabel={blockLabel}
        onDelete={onDelete}
      />
      {!readOnly && <CommentAction anchor={{ kind: 'link', id: links[0]!.id }} />}
    </>
  );
}

function BlockProperties({ block, readOnly, onDelete }: { block: Block; readOnly: boolean; onDelete: () => void }) {
  const { editor } = useBoard();
  const info = kindInfo(block.kind);
  const set = (fields: Partial<Block>) => editor.updateBlock(block.id, fields);
  const isFrameOrNote = info.roles.includes('frame') || info.roles.includes('annotation');
  const techList = `tech-${block.kind}`;
  return (
    <div className="ab-props" data-props-for={block.id}>
      <h3>{info.label}</h3>
      <p className="ab-muted">{info.description}</p>
      {info.labelled !== false && (
        <TextField
          label="Label"
          name="label"
          value={block.label ?? ''}
          placeholder={info.label}
          maxLength={MAX_LABEL_CHARS}
          readOnly={readOnly}
          onChange={(v) => set({ label: v || undefined })}
        />
      )}
      {!isFrameOrNote && (
        <>
          <FieldShell label="Kind">
            {(id) => (
              <select
                id={id}
                name="kind"
                value={block.kind}
                disabled={readOnly}
                onChange={(e) => set({ kind: e.target.value })}
              >
                {CATEGORIES.filter((c) => c.id !== 'frames' && c.id !== 'drawing').map((c) => (
                  <optgroup key={c.id} label={c.label}>
                    {CATALOG.filter((e) => e.category === c.id).map((e) => (
                      <option key={e.kind} value={e.kind}>
                        {e.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            )}
          </FieldShell>
          <TextField
            label="Technology"
            name="tech"
            value={block.tech ?? ''}
            placeholder={info.synonyms.slice(0, 2).join(', ')}
            maxLength={MAX_LABEL_CHARS}
            readOnly={readOnly}
            list={techList}
            onChange={(v) => set({ tech: v || undefined })}
          />
          <datalist id={techList}>
            {info.synonyms.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <div className="ab-field-row">
            <NumberField
              label="Replicas"
              name="replicas"
              value={replicasOf(block)}
              min={1}
              max={MAX_REPLICAS}
              step={1}
              optional={false}
              readOnly={readOnly}
              onChange={(v) => set({ replicas: v === undefined || v === 1 ? undefined : Math.round(v) })}
            />
            <NumberField
              label="Capacity per instance"
              name="capacityQps"
              value={block.capacityQps}
              above={0}
              placeholder={info.capacityQps ? `${formatCount(info.capacityQps)}/s` : 'n/a'}
              readOnly={readOnly}
              onChange={(v) => set({ capacityQps: v })}
            />
          </div>
          {info.capacityQps !== null && (
            <p className="ab-field__hint">
              Default {formatCount(info.capacityQps)} requests/s per instance: {info.capacitySource}
            </p>
          )}
          <TrafficConstants block={block} readOnly={readOnly} />
          <CheckboxField
            label="Managed service"
            name="managed"
            checked={block.managed ?? false}
            readOnly={readOnly}
            onChange={(v) => set({ managed: v || undefined })}
            hint="Run highly available by a provider (a cloud load balancer, a managed database): never a single point of failure."
          />
        </>
      )}
      <TextField
        label={info.notesLabel ?? 'Notes'}
        name="notes"
        value={block.notes ?? ''}
        maxLength={MAX_TEXT_CHARS}
        multiline
        readOnly={readOnly}
        onChange={(v) => set({ notes: v || undefined })}
      />
      {!readOnly && (
        <button type="button" className="ab-button ab-button--danger" onClick={onDelete}>
          <Trash2 size={15} /> Delete block
        </button>
      )}
      <DrillButton blocks={[block]} />
    </div>
  );
}

/**
 * The traffic model's per-block constants beside the capacity: a cache's or
 * CDN's hit ratio, a CDN's share of the clients' reads, and whether a copy is
 * a standby. Each shows the catalog's default and its source; a value out of
 * range is refused with a message (the field writes only valid numbers).
 */
function TrafficConstants({ block, readOnly }: { block: Block; readOnly: boolean }) {
  const { editor } = useBoard();
  const info = kindInfo(block.kind);
  const set = (fields: Partial<Block>) => editor.updateBlock(block.id, fields);
  return (
    <>
      {info.hitRatio !== undefined && (
        <NumberField
          label="Hit ratio"
          name="hitRatio"
          value={block.hitRatio}
          min={0}
          max={1}
          step={0.05}
          placeholder={String(info.hitRatio)}
          readOnly={readOnly}
          hint={`Share of the reads reaching it that it answers (writes pass through). Default ${info.hitRatio}: ${info.hitRatioSource ?? ''}`}
          onChange={(v) => set({ hitRatio: v })}
        />
      )}
      {info.staticReadShare !== undefined && (
        <NumberField
          label="Share of client reads"
          name="readShare"
          value={block.readShare}
          min={0}
          max={1}
          step={0.05}
          placeholder={String(info.staticReadShare)}
          readOnly={readOnly}
          hint={`Share of a client's reads it serves when the client also calls the API. Default ${info.staticReadShare}: ${info.staticReadShareSource ?? ''}`}
          onChange={(v) => set({ readShare: v })}
        />
      )}
      {info.roles.includes('datastore') && (
        <CheckboxField
          label="Standby"
          name="standby"
          checked={block.standby ?? false}
          readOnly={readOnly}
          onChange={(v) => set({ standby: v || undefined })}
          hint="A copy kept only to take over (joined to its primary by a replication link): it serves no reads."
        />
      )}
    </>
  );
}

/**
 * "Fail this (drill)": the interviewer fails the selected blocks or groups for
 * everyone on the board, or brings them back. Not shown to anyone else: a drill
 * is the interviewer's (the server drops anyone else's write).
 */
function DrillButton({ blocks }: { blocks: Block[] }) {
  const { control, role, store } = useBoard();
  const down = useControlSelector((s) => s.drill.down);
  const failable = blocks.filter((b) => !hasRole(b.kind, 'annotation'));
  if (role !== 'interviewer' || !control.drills.canWrite || failable.length === 0) return null;
  const downIds = new Set(down.map((m) => m.id));
  const allDown = failable.every((b) => downIds.has(b.id));
  const one = failable.length === 1;
  const what = one ? (hasRole(failable[0]!.kind, 'frame') ? 'this group' : 'this') : `these ${failable.length}`;
  return (
    <div className="ab-props__drill">
      {allDown ? (
        <button
          type="button"
          className="ab-button"
          data-testid="drill-restore-selection"
          onClick={() => {
            const record = liveDrillRecord(store.getBoard(), down, down[0]?.by ?? '');
            for (const b of failable) control.drills.restore(b.id, record);
          }}
        >
          <RotateCcw size={15} /> Restore {what}
        </button>
      ) : (
        <button
          type="button"
          className="ab-button ab-button--drill"
          data-testid="drill-fail"
          title="A failure drill for everyone on the board: what can no longer reach its data greys out. The design is not changed."
          onClick={() => control.drills.fail(failable.map((b) => b.id))}
        >
          <Zap size={15} /> Fail {what} (drill)
        </button>
      )}
    </div>
  );
}

/** What each way a link can run is called. */
const ROUTE_LABELS: Record<LinkRoute, string> = { curved: 'Curved', elbow: 'Elbow (around cards)' };

/** The board's choice of how links run, for those that do not choose their own. */
function BoardLinkRoute() {
  const { editor } = useBoard();
  const route = useBoardSelector((s) => s.settings.linkRoute) ?? DEFAULT_LINK_ROUTE;
  return (
    <div className="ab-props" data-board-settings>
      <h3>Board</h3>
      <FieldShell label="Links" hint="How links run unless a link is set otherwise; for everyone on the board.">
        {(id) => (
          <select
            id={id}
            name="board-link-route"
            value={route}
            onChange={(e) => editor.setBoardLinkRoute(e.target.value as LinkRoute)}
          >
            {LINK_ROUTES.map((r) => (
              <option key={r} value={r}>
                {ROUTE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </FieldShell>
    </div>
  );
}

function LinkProperties({
  link,
  readOnly,
  blockLabel,
  onDelete,
}: {
  link: Link;
  readOnly: boolean;
  blockLabel: (id: string) => string;
  onDelete: () => void;
}) {
  const { editor } = useBoard();
  const set = (fields: Partial<Link>) => editor.updateLink(link.id, fields);
  const known = protocolInfo(link.protocol);
  return (
    <div className="ab-props" data-props-for={link.id}>
      <h3>Link</h3>
      <p className="ab-muted">
        {blockLabel(link.from)} → {blockLabel(link.to)}
      </p>
      <FieldShell label="Protocol" hint={known?.description}>
        {(id) => (
          <select
            id={id}
            name="protocol"
            value={link.protocol ?? ''}
            disabled={readOnly}
            onChange={(e) => set({ protocol: e.target.value || undefined })}
          >
            <option value="">(none)</option>
            {PROTOCOLS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            {link.protocol && !known && <option value={link.protocol}>{link.protocol}</option>}
          </select>
        )}
      </FieldShell>
      <TextField
        label="Label"
        name="label"
        value={link.label ?? ''}
        placeholder="e.g. HTTPS, read-through"
        maxLength={MAX_LABEL_CHARS}
        readOnly={readOnly}
        onChange={(v) => set({ label: v || undefined })}
      />
      <LinkRouteField link={link} readOnly={readOnly} />
      <CheckboxField
        label="Asynchronous"
        name="async"
        checked={link.async ?? known?.async ?? false}
        readOnly={readOnly}
        onChange={(v) => set({ async: v === (known?.async ?? false) ? undefined : v })}
        hint="The caller does not wait for an answer (drawn dashed). Async links are not on the request path."
      />
      <NumberField
        label="Fan-out"
        name="fanOut"
        value={link.fanOut}
        above={0}
        max={MAX_FAN_OUT}
        placeholder="1"
        readOnly={readOnly}
        hint="Writes along this link for each write reaching its source, such as a post written to 200 followers' timelines."
        onChange={(v) => set({ fanOut: v })}
      />
      {!readOnly && (
        <div className="ab-button-row">
          <button type="button" className="ab-button" onClick={() => set({ from: link.to, to: link.from })}>
            <ArrowLeftRight size={15} /> Reverse
          </button>
          <button type="button" className="ab-button ab-button--danger" onClick={onDelete}>
            <Trash2 size={15} /> Delete link
          </button>
        </div>
      )}
    </div>
  );
}

/** Starts a comment thread on the selected block or link (as the comment tool would). */
function CommentAction({ anchor }: { anchor: CommentAnchor }) {
  return (
    <div className="ab-props ab-props--comment">
      <button type="button" className="ab-button" onClick={() => startComment(anchor)} data-testid="comment-selection">
        <MessageSquarePlus size={15} /> Comment
      </button>
      <CommentBadge anchor={anchorKey(anchor)!} />
    </div>
  );
}

/** How one link runs: the board's choice, or its own. */
function LinkRouteField({ link, readOnly }: { link: Link; readOnly: boolean }) {
  const { editor } = useBoard();
  const board = useBoardSelector((s) => s.settings.linkRoute) ?? DEFAULT_LINK_ROUTE;
  return (
    <FieldShell label="Route">
      {(id) => (
        <select
          id={id}
          name="route"
          value={link.route ?? ''}
          disabled={readOnly}
          onChange={(e) => editor.setLinkRoute(link.id, (e.target.value || undefined) as LinkRoute | undefined)}
        >
          <option value="">As the board: {ROUTE_LABELS[board].toLowerCase()}</option>
          {LINK_ROUTES.map((r) => (
            <option key={r} value={r}>
              {ROUTE_LABELS[r]}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
