import { ChangesetRejectedError } from '../../graph-model/errors.js';

/** The ChangesetRejectedError `promise` fails with; anything else (success, another error) fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<ChangesetRejectedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChangesetRejectedError) return error;
    throw error;
  }
  throw new Error('expected the changeset to be rejected');
}
