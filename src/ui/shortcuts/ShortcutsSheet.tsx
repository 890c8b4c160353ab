import { X } from 'lucide-react';
import { Modal } from '../common/Modal';
import { GESTURES, SHORTCUTS, type Shortcut } from './shortcuts';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD_KEY = isMac ? '⌘' : 'Ctrl';

function Keys({ keys }: { keys: string[] }) {
  return (
    <span className="ab-keys">
      {keys.map((k, i) => (
        <kbd key={i}>{k === 'Mod' ? MOD_KEY : k}</kbd>
      ))}
    </span>
  );
}

/** The `?` sheet: every shortcut and gesture, grouped. */
export function ShortcutsSheet({ onClose }: { onClose: () => void }) {
  const groups = [...new Set(SHORTCUTS.map((s) => s.group))];
  return (
    <Modal className="ab-shortcuts" label="Keyboard shortcuts" onClose={onClose}>
      <header>
        <h2>Keyboard shortcuts</h2>
        <button type="button" className="ab-icon-button" onClick={onClose} aria-label="Close">
          <X size={16} />
        </button>
      </header>
      <div className="ab-shortcuts__grid">
        {groups.map((group) => (
          <section key={group}>
            <h3>{group}</h3>
            <dl>
              {SHORTCUTS.filter((s: Shortcut) => s.group === group).map((s) => (
                <div key={`${s.action}-${s.tool ?? ''}`} className="ab-shortcuts__row">
                  <dt>
                    <Keys keys={s.keys} />
                  </dt>
                  <dd>{s.description.replaceAll('Mod', MOD_KEY)}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section>
          <h3>Mouse</h3>
          <dl>
            {GESTURES.map((g) => (
              <div key={g.gesture} className="ab-shortcuts__row">
                <dt>{g.gesture.replaceAll('Mod', MOD_KEY)}</dt>
                <dd>{g.description}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </Modal>
  );
}
