/** An error the API answers with as `{ statusCode, code, message }`; the message is Vietnamese. */
export class ApiError extends Error {
  constructor(
    public statusCode: number,
    public code: string,
    message: string,
    /** sent as Retry-After (429, 503): when asking again may succeed */
    public retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The 404s that many routes answer, worded once. */
export const notFound = {
  /** with the code asked for, or (an id from inside a transaction) without */
  period: (code?: string) => new ApiError(404, 'PERIOD_NOT_FOUND', code === undefined ? 'Không có kỳ báo cáo này' : `Không có kỳ báo cáo "${code}"`),
  commune: (code: string) => new ApiError(404, 'COMMUNE_NOT_FOUND', `Không có xã, phường, đặc khu mã "${code}"`),
};
