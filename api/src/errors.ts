/** An error the API answers with as `{ statusCode, code, message }`; the message is Vietnamese. */
export class ApiError extends Error {
  constructor(
    public statusCode: number,
    public code: string,
    message: string,
  ) {
    super(message);
  }
}
