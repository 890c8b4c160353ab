import { useEffect, useState } from 'react';
import {
  AlertTriangle,
  Lock,
  Pause,
  Play,
  RotateCcw,
  SkipBack,
  SkipForward,
  Timer,
  type LucideIcon,
} from 'lucide-react';
import { MAX_TOTAL_MINUTES, MIN_TOTAL_MINUTES, PHASES } from '../../interview/phases';
import {
  formatClock,
  goToPhase,
  nextPhase,
  pause,
  previousPhase,
  reset,
  setTotal,
  start,
  timerView,
  type TimerView,
} from '../../interview/timer';
import { LOCKED_BY, type Editor } from '../../sync/editor';
import { useBoard } from '../board/board-context';
import { useBoardSelector } from '../board/useBoardStore';
import { Menu } from '../toolbar/Menu';
import { useServerNow } from './useServerClock';

/** Re-renders every `ms` while `active`: the clock's display ticks, the document does not. */
function useTick(active: boolean, ms = 250): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setTick((t) => t + 1), ms);
    return () => clearInterval(id);
  }, [active, ms]);
}

function PhaseList({
  view,
  canControl,
  onGo,
}: {
  view: TimerView;
  canControl: boolean;
  onGo: (index: number) => void;
}) {
  return (
    <ol className="ab-phases">
      {view.phases.map((p) => (
        <li key={p.phase.id} className={`ab-phases__item is-${p.position}${p.overBudget ? ' is-over' : ''}`}>
          <button
            type="button"
            disabled={!canControl}
            onClick={() => onGo(p.index)}
            title={canControl ? 'Go to this step' : undefined}
          >
            <span className="ab-phases__n">{p.index + 1}</span>
            <span className="ab-phases__label">
              {p.phase.label}
              {p.position === 'current' && <span className="ab-muted">{p.phase.prompt}</span>}
            </span>
            <span className="ab-phases__time">
              {formatClock(p.spentMs)} / {formatClock(p.budgetMs)}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}

/**
 * The shared interview clock: the 8 steps of the framework, the time left in
 * the step and in the interview, over-budget steps in red and the 15-minute
 * checkpoint. Everyone sees it; the interviewer runs it.
 */
export function TimerBar() {
  const { editor, role } = useBoard();
  const state = useBoardSelector((s) => s.timer);
  const now = useServerNow();
  const view = timerView(state, now());
  useTick(view.running);
  const canControl = role === 'interviewer';
  const { current } = view;
  const act = (transition: Parameters<Editor['updateTimer']>[0]) => editor.updateTimer(transition);

  return (
    <div
      className={`ab-timer ab-timer--${view.status}`}
      data-testid="timer"
      data-phase={current.phase.id}
      data-status={view.status}
    >
      <Menu
        align="left"
        title="The interview's steps"
        testId="timer-steps"
        label={
          <span className="ab-timer__phase">
            <Timer size={15} />
            <span className="ab-timer__step">
              {current.index + 1}/{PHASES.length}
            </span>
            <span className="ab-timer__name">{current.phase.label}</span>
          </span>
        }
      >
        {(close) => (
          <div className="ab-timer__menu">
            <PhaseList
              view={view}
              canControl={canControl}
              onGo={(i) => {
                act((s) => goToPhase(s, i, now()));
                close();
              }}
            />
            {canControl && (
              <label className="ab-timer__total">
                Interview length
                <select
                  value={state.totalMinutes}
                  onChange={(e) => act((s) => setTotal(s, Number(e.target.value)))}
                  data-testid="timer-total"
                >
                  {Array.from(
                    { length: (MAX_TOTAL_MINUTES - MIN_TOTAL_MINUTES) / 5 + 1 },
                    (_, i) => MIN_TOTAL_MINUTES + i * 5,
                  ).map((m) => (
                    <option key={m} value={m}>
                      {m} minutes
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
        )}
      </Menu>
      <span
        className={`ab-timer__left${current.overBudget ? ' is-over' : ''}`}
        title="Time left in this step"
        data-testid="timer-step-left"
      >
        {current.overBudget ? '+' : ''}
        {formatClock(Math.abs(current.remainingMs), current.overBudget ? 'down' : 'up')}
      </span>
      <span className="ab-timer__bar" aria-hidden>
        {view.phases.map((p) => (
          <span
            key={p.phase.id}
            className={`ab-timer__seg is-${p.position}${p.overBudget ? ' is-over' : ''}`}
            style={{
              flexGrow: p.budgetMs,
              ['--fill' as string]: `${Math.min(100, (p.spentMs / Math.max(1, p.budgetMs)) * 100)}%`,
            }}
            title={`${p.phase.label}: ${formatClock(p.spentMs)} of ${formatClock(p.budgetMs)}`}
          />
        ))}
      </span>
      <span
        className={`ab-timer__total-left${view.timeUp ? ' is-over' : ''}`}
        title="Time left in the interview"
        data-testid="timer-total-left"
      >
        {view.timeUp ? 'over ' : ''}
        {formatClock(Math.abs(view.remainingMs), view.timeUp ? 'down' : 'up')}
      </span>
      {canControl && (
        <span className="ab-timer__controls">
          <TimerButton
            label="Previous step"
            Icon={SkipBack}
            onClick={() => act((s) => previousPhase(s, now()))}
            disabled={current.index === 0}
          />
          {view.running ? (
            <TimerButton
              label="Pause"
              Icon={Pause}
              on
              onClick={() => act((s) => pause(s, now()))}
              testId="timer-pause"
            />
          ) : (
            <TimerButton
              label="Start"
              Icon={Play}
              onClick={() => act((s) => start(s, now()))}
              testId="timer-start"
              disabled={view.status === 'finished'}
            />
          )}
          <TimerButton
            label="Next step"
            Icon={SkipForward}
            onClick={() => act((s) => nextPhase(s, now()))}
            testId="timer-next"
            disabled={view.status === 'finished'}
          />
          <TimerButton
            label="Reset"
            Icon={RotateCcw}
            onClick={() => window.confirm('Reset the timer to the first step?') && act((s) => reset(s))}
          />
        </span>
      )}
      {!canControl && (
        <span
          className="ab-timer__held"
          title={`The clock is run by ${LOCKED_BY}`}
          aria-label={`The clock is run by ${LOCKED_BY}`}
          data-testid="timer-locked"
        >
          <Lock size={13} /> <span className="ab-timer__held-text">{LOCKED_BY}</span>
        </span>
      )}
    </div>
  );
}

/** One of the timer's icon buttons, named by its label for the tooltip and screen readers. */
function TimerButton({
  label,
  Icon,
  onClick,
  disabled,
  on,
  testId,
}: {
  label: string;
  Icon: LucideIcon;
  onClick: () => void;
  disabled?: boolean;
  on?: boolean;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className={`ab-tool${on ? ' is-on' : ''}`}
      onClick={onClick}
      disabled={disabled}
      title={label}
      aria-label={label}
      data-testid={testId}
    >
      <Icon size={15} />
    </button>
  );
}

/**
 * The 15-minute checkpoint, shown at the top of the canvas between the panel
 * toggles (never over them), while the clock says so.
 */
export function CheckpointBanner() {
  const state = useBoardSelector((s) => s.timer);
  const now = useServerNow();
  const view = timerView(state, now());
  useTick(view.running, 1000);
  if (!view.checkpoint.warning) return null;
  return (
    <div className="ab-checkpoint" role="alert" data-testid="timer-checkpoint">
      <span className="ab-timer__warning">
        <AlertTriangle size={14} /> {view.checkpoint.warning}
      </span>
    </div>
  );
}
