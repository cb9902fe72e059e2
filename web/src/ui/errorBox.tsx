import { ApiError } from '../api/client.ts';

/** An error as the user must read it: 401 and 403 by name (with what to do), others with their code. */
export function ErrorBox({ error }: { error: Error }) {
  if (error instanceof ApiError && error.forbidden) {
    return (
      <div class="error" role="alert" data-status="403">
        <strong>403 Forbidden</strong>: {error.message}. Ask for a token with the scope this view needs.
      </div>
    );
  }
  if (error instanceof ApiError && error.needsToken) {
    return (
      <div class="error" role="alert" data-status="401">
        <strong>401 Unauthenticated</strong>: {error.message}. Enter an API token above.
      </div>
    );
  }
  const code = error instanceof ApiError ? error.code : 'ERROR';
  return (
    <div class="error" role="alert" data-code={code}>
      <strong>{code}</strong>: {error.message}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}
