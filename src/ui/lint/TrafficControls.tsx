import { Activity } from 'lucide-react';
import { MenuItem } from '../toolbar/Menu';
import { useLint, WHAT_IF_MULTIPLIERS } from './lint-store';

/**
 * The traffic overlay's switch and the what-if multiplier: this person's view
 * only. The multiplier scales the estimate's peak for the overlay, never the
 * requirements.
 */
export function TrafficControls() {
  const overlay = useLint((s) => s.overlay);
  const multiplier = useLint((s) => s.multiplier);
  const setOverlay = useLint((s) => s.setOverlay);
  const setMultiplier = useLint((s) => s.setMultiplier);
  return (
    <div className="ab-toolgroup">
      <button
        type="button"
        className={`ab-tool${overlay ? ' is-on' : ''}`}
        onClick={() => setOverlay(!overlay)}
        title="Traffic: peak requests a second on each link, blocks coloured by utilisation"
        aria-pressed={overlay}
        aria-label="Traffic overlay"
        data-testid="traffic-toggle"
      >
        <Activity size={17} />
      </button>
      {overlay && (
        <select
          className="ab-whatif"
          value={multiplier}
          onChange={(e) => setMultiplier(Number(e.target.value))}
          title="What if the scale were larger? The requirements stay as they are."
          aria-label="What-if scale"
          data-testid="what-if"
        >
          {WHAT_IF_MULTIPLIERS.map((m) => (
            <option key={m} value={m}>
              {m === 1 ? 'As required' : `×${m} scale`}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/** The same controls as items of the toolbar's overflow menu, where a narrow screen puts them. */
export function TrafficMenuItems() {
  const overlay = useLint((s) => s.overlay);
  const multiplier = useLint((s) => s.multiplier);
  const setOverlay = useLint((s) => s.setOverlay);
  const setMultiplier = useLint((s) => s.setMultiplier);
  return (
    <>
      <MenuItem onSelect={() => setOverlay(!overlay)} testId="traffic-toggle-menu">
        <Activity size={15} /> Traffic overlay: {overlay ? 'on' : 'off'}
      </MenuItem>
      {overlay &&
        WHAT_IF_MULTIPLIERS.filter((m) => m !== multiplier).map((m) => (
          <MenuItem key={m} onSelect={() => setMultiplier(m)}>
            What if: {m === 1 ? 'as required' : `×${m} scale`}
          </MenuItem>
        ))}
    </>
  );
}
