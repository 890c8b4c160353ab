import { useState } from 'react';
import { useSession } from '../common/session-store';

/** Asks for the name others will see, once; it is remembered in this browser. */
export function NameDialog() {
  const setSession = useSession((s) => s.set);
  const [name, setName] = useState('');
  const save = () => name.trim() && setSession({ userName: name.trim().slice(0, 40) });
  return (
    <div className="ab-modal-backdrop">
      <form
        className="ab-modal ab-name"
        role="dialog"
        aria-label="Your name"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <h2>What should others call you?</h2>
        <p className="ab-muted">Your name shows on your cursor and in the list of people here.</p>
        <input
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Your name"
          maxLength={40}
          aria-label="Your name"
          data-testid="name-input"
        />
        <button type="submit" className="ab-button ab-button--primary" disabled={!name.trim()}>
          Join the board
        </button>
      </form>
    </div>
  );
}
