import { useState } from 'react';
import { KeyRound } from 'lucide-react';
import { rememberCreateToken } from './create-board';

/** Asks for the creation token of a server that keeps board creation to its own people. */
export function CreateTokenForm({ message, onSubmit }: { message: string; onSubmit: () => void }) {
  const [token, setToken] = useState('');
  return (
    <form
      className="ab-field ab-home__token"
      data-testid="create-token-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (token.trim() === '') return;
        rememberCreateToken(token);
        onSubmit();
      }}
    >
      <p role="alert">{message}</p>
      <p className="ab-muted">
        This server lets only its own people create boards. Ask whoever runs it for the creation token; links to
        existing boards work without it.
      </p>
      <label htmlFor="create-token">Creation token</label>
      <input
        id="create-token"
        type="password"
        autoComplete="off"
        value={token}
        onChange={(event) => setToken(event.target.value)}
      />
      <button type="submit" className="ab-button ab-button--primary">
        <KeyRound size={16} /> Create the board
      </button>
    </form>
  );
}
