import { useId, useState } from 'react';

/** Sign-in with an agent token (minted by the bank's backend, or `POST /v1/tokens`). */
export function SignIn({ reason, onToken }: { reason: string | null; onToken: (token: string) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <main className="inbox-sign-in">
      <form
        className="inbox-card"
        aria-labelledby={`${id}-title`}
        onSubmit={(e) => {
          e.preventDefault();
          const value = token.trim();
          // A JWT is three base64url parts; anything else cannot be a token.
          if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(value)) {
            setError('That is not an agent token: paste the whole token (three parts separated by dots).');
            return;
          }
          onToken(value);
        }}
      >
        <h1 id={`${id}-title`}>Sign in to Switchboard</h1>
        {reason && (
          <p className="inbox-error" role="alert">
            {reason}
          </p>
        )}
        <p>Paste the agent token your case system gave you. It stays in this tab only.</p>
        <label htmlFor={id}>Agent token</label>
        <textarea
          id={id}
          className="sb-input"
          rows={4}
          value={token}
          onChange={(e) => {
            setToken(e.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          spellCheck={false}
          autoComplete="off"
        />
        {error && (
          <p id={`${id}-error`} className="inbox-error">
            {error}
          </p>
        )}
        <button type="submit" className="sb-button sb-button-primary">
          Sign in
        </button>
      </form>
    </main>
  );
}
