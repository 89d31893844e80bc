/**
 * Every call across a transport answers with a Result, never a thrown error, so the UI
 * always has a message it can show (Signal's wrapResult pattern).
 */
export type AppError = {
  /** Stable machine code, e.g. `not-found`, `invalid-request`, `import-refused`. */
  code: string;
  /** A sentence a contact-center manager can act on. */
  message: string;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** An error whose message is meant for the user, carried through the engine unchanged. */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}
