import { useCallback, type KeyboardEvent } from 'react';
import { Pause, Play, SkipForward } from 'lucide-react';
import { PHASES } from '../../interview/phases';
import type { FindingMark, ReplayHistory } from '../../sync/replay-history';
import type { EvidencePin } from '../../sync/history-actions';
import { interviewClock } from './moment';

export const SPEEDS = [1, 4, 16] as const;
export type Speed = (typeof SPEEDS)[number];

interface TimelineProps {
  history: ReplayHistory;
  t: number;
  origin: number;
  onSeek: (t: number) => void;
  playing: boolean;
  onPlaying: (playing: boolean) => void;
  speed: Speed;
  onSpeed: (speed: Speed) => void;
  skipIdle: boolean;
  onSkipIdle: (skip: boolean) => void;
  marks: FindingMark[] | null;
  pins: EvidencePin[];
}

/** Shift+arrow and Page keys jump this far. */
const JUMP_MS = 10_000;

/** The timeline under the replay's canvas: the 8 steps as chapters, the checkpoint, finding marks and pins, and the playback controls. */
export function ReplayTimeline(props: TimelineProps) {
  const { history, t, origin, onSeek, playing, onPlaying, speed, onSpeed, skipIdle, onSkipIdle, marks, pins } = props;
  const span = Math.max(1, history.end - history.start);
  const at = (time: number) => `${(((time - history.start) / span) * 100).toFixed(3)}%`;
  const clamp = useCallback(
    (time: number) => Math.min(history.end, Math.max(history.start, time)),
    [history.end, history.start],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Arrows step from edit to edit (Shift: 10 s); a range input's own step would be one millisecond.
    let next: number | null = null;
    if (event.key === 'ArrowRight' || event.key === 'ArrowUp')
      next = event.shiftKey ? t + JUMP_MS : (history.nextEditAfter(t) ?? history.end);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowDown')
      next = event.shiftKey ? t - JUMP_MS : (history.previousEditBefore(t) ?? history.start);
    else if (event.key === 'PageUp') next = t + 6 * JUMP_MS;
    else if (event.key === 'PageDown') next = t - 6 * JUMP_MS;
    else if (event.key === 'Home') next = history.start;
    else if (event.key === 'End') next = history.end;
    else if (event.key === ' ') {
      event.preventDefault();
      onPlaying(!playing);
      return;
    }
    if (next === null) return;
    event.preventDefault();
    onSeek(clamp(next));
  };

  const { chapters, checkpointT } = history.timeline;
  return (
    <div className="ab-timeline" data-testid="replay-timeline">
      <div className="ab-timeline__controls">
        <button
          type="button"
          className="ab-button"
          onClick={() => onPlaying(!playing)}
          aria-label={playing ? 'Pause' : 'Play'}
          data-testid="replay-play"
        >
          {playing ? <Pause size={15} /> : <Play size={15} />} {playing ? 'Pause' : 'Play'}
        </button>
        <div className="ab-timeline__speeds" role="group" aria-label="Speed">
          {SPEEDS.map((s) => (
            <button
              key={s}
              type="button"
              className={`ab-tool${s === speed ? ' is-active' : ''}`}
              aria-pressed={s === speed}
              onClick={() => onSpeed(s)}
            >
              {s}×
            </button>
          ))}
        </div>
        <label className="ab-timeline__skip" title="Jump over stretches of more than 20 s without an edit">
          <input type="checkbox" checked={skipIdle} onChange={(e) => onSkipIdle(e.target.checked)} />
          <SkipForward size={14} /> Skip idle
        </label>
        <output className="ab-timeline__clock" data-testid="replay-clock">
          {interviewClock(t, origin)} <span className="ab-muted">{new Date(t).toLocaleTimeString()}</span>
        </output>
      </div>
      <div className="ab-timeline__track">
        <div className="ab-timeline__chapters">
          {chapters.map((chapter, i) => {
            const end = chapters[i + 1]?.t ?? history.end;
            return (
              <button
                key={`${chapter.phaseIndex}-${chapter.t}`}
                type="button"
                className="ab-timeline__chapter"
                style={{ left: at(chapter.t), width: `calc(${at(end)} - ${at(chapter.t)})` }}
                onClick={() => onSeek(clamp(chapter.t))}
                title={`${PHASES[chapter.phaseIndex]?.label}: from ${interviewClock(chapter.t, origin)}`}
                data-testid={`replay-chapter-${PHASES[chapter.phaseIndex]?.id}`}
              >
                {i + 1}. {PHASES[chapter.phaseIndex]?.label}
              </button>
            );
          })}
          {checkpointT !== null && checkpointT <= history.end && (
            <span
              className="ab-timeline__checkpoint"
              style={{ left: at(checkpointT) }}
              title={`Checkpoint at ${interviewClock(checkpointT, origin)}`}
            />
          )}
        </div>
        <input
          type="range"
          className="ab-timeline__range"
          min={history.start}
          max={history.end}
          step={1}
          value={t}
          onChange={(e) => onSeek(Number(e.target.value))}
          onKeyDown={onKeyDown}
          aria-label="Moment of the replay"
          aria-valuetext={interviewClock(t, origin)}
          data-testid="replay-scrubber"
        />
        <div className="ab-timeline__marks" aria-hidden="true" data-marks={marks ? 'ready' : 'pending'}>
          {marks?.map((mark, i) => (
            <span
              key={i}
              className={`ab-timeline__mark ab-timeline__mark--${mark.kind}`}
              style={{ left: at(mark.t) }}
              title={`${mark.kind === 'appeared' ? 'Appeared' : 'Fixed'}: ${mark.message}`}
            />
          ))}
          {pins.map((pin) => (
            <span key={pin.id} className="ab-timeline__pin" style={{ left: at(clamp(pin.t)) }} title={pin.note} />
          ))}
        </div>
      </div>
    </div>
  );
}
