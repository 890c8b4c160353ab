import { Film } from 'lucide-react';
import type { ReplayHistory } from '../../sync/replay-history';
import { Menu, MenuItem } from '../toolbar/Menu';
import { downloadBlob, fileNameFor } from '../export/download';
import { showError, showInfo } from '../common/toast-store';
import { useState } from 'react';
import { interviewClock } from './moment';
import { TIMELAPSE_SPEEDS } from './timelapse-speeds';

/** Exports the diagram's replay as a WebM timelapse at a chosen speed. */
export function TimelapseButton({
  history,
  origin,
  title,
}: {
  history: ReplayHistory;
  origin: number;
  title?: string;
}) {
  const [progress, setProgress] = useState<number | null>(null);
  const record = async (speed: number) => {
    setProgress(0);
    try {
      // Loaded when first used: most replays never export.
      const { recordTimelapse } = await import('./timelapse');
      const blob = await recordTimelapse(history, speed, (t) => interviewClock(t, origin), setProgress);
      downloadBlob(blob, fileNameFor(`${title ?? 'board'} timelapse`, 'webm'));
      showInfo('The timelapse is downloaded.');
    } catch (err) {
      showError(`The timelapse could not be made: ${(err as Error).message}`);
    } finally {
      setProgress(null);
    }
  };
  if (progress !== null)
    return (
      <span className="ab-button" role="status" data-testid="timelapse-progress">
        <Film size={15} /> Recording… {Math.round(progress * 100)}%
      </span>
    );
  const seconds = (speed: number) => Math.max(1, Math.round((history.end - history.start) / speed / 1000));
  return (
    <Menu label={<Film size={17} />} title="Export a timelapse video" testId="timelapse-menu">
      {(close) =>
        TIMELAPSE_SPEEDS.map((speed) => (
          <MenuItem
            key={speed}
            onSelect={() => {
              close();
              void record(speed);
            }}
          >
            Timelapse at {speed}× (WebM, about {seconds(speed)} s)
          </MenuItem>
        ))
      }
    </Menu>
  );
}
