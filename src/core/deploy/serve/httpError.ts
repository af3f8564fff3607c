/** An error that maps to an HTTP status and a `{"error": message}` body. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}
