import { useState } from 'preact/hooks';
import { saveToken } from '../api/token.ts';

/** Asked once when the server wants a token (401): the secret is kept for this tab only (sessionStorage). */
export function TokenDialog({ onSaved }: { onSaved(): void }) {
  const [secret, setSecret] = useState('');
  return (
    <form
      class="token-dialog"
      aria-labelledby="token-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (!secret.trim()) return;
        saveToken(secret.trim());
        onSaved();
      }}
    >
      <h2 id="token-title">This server needs an API token</h2>
      <p>It is kept for this tab only (sessionStorage) and sent as <code>Authorization: Bearer</code> to /graphql.</p>
      <label>
        Token <input type="password" name="token" autocomplete="off" value={secret} onInput={(e) => setSecret((e.target as HTMLInputElement).value)} />
      </label>
      <button type="submit">Use token</button>
    </form>
  );
}
