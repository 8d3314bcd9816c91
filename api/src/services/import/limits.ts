// How much of a file the import reads before it refuses it (issue 16, finding 2: one upload held
// the server for minutes). A round's file for 96 communes is about 100 rows × 60 columns, 6 000
// cells and well under 1 MB unpacked: every limit is tens of times that, and every refusal names
// its limit and what to do.
import { formatNumber } from '@nq57/shared';
import { ApiError } from '../../errors';

export interface ReadLimits {
  /** the upload itself */
  bytes: number;
  /** rows, by position (a single cell on row 1 048 576 counts as 1 048 576 rows) */
  rows: number;
  /** columns, by position */
  columns: number;
  /** cells with something in them (CSV), or cell elements and merged areas (xlsx) */
  cells: number;
  /** an .xlsx's parts once inflated */
  unpackedBytes: number;
  /** parts in an .xlsx */
  zipEntries: number;
  /** reading, off the main thread; past it the reader is stopped */
  seconds: number;
}

export const READ_LIMITS: ReadLimits = {
  bytes: 10 * 1024 * 1024,
  rows: 5_000,
  columns: 300,
  // exceljs holds ~1 KB per cell: 200 000 cells is ~250 MB and under a second; 1 500 000 was 8 s and 1,1 GB
  cells: 200_000,
  unpackedBytes: 50 * 1024 * 1024,
  zipEntries: 2_000,
  seconds: 15,
};

export type Limit = 'rows' | 'columns' | 'cells' | 'unpacked' | 'parts';

const MB = 1024 * 1024;
const SPLIT = 'Một tệp nhập cho 96 xã, phường, đặc khu chỉ cần vài trăm dòng và vài chục cột';

/** The 413 that names the limit a file went past. */
export function refusal(limit: Limit, l: ReadLimits): ApiError {
  switch (limit) {
    case 'rows':
      return new ApiError(413, 'TOO_MANY_ROWS', `Tệp có hơn ${formatNumber(l.rows)} dòng (kể cả dòng trống đã định dạng), quá giới hạn nhập. ${SPLIT}: hãy xóa các dòng thừa bên dưới bảng số liệu, hoặc chia nhỏ tệp.`);
    case 'columns':
      return new ApiError(413, 'TOO_MANY_COLUMNS', `Tệp có hơn ${formatNumber(l.columns)} cột, quá giới hạn nhập. ${SPLIT}: hãy xóa các cột thừa bên phải bảng số liệu.`);
    case 'cells':
      return new ApiError(413, 'TOO_MANY_CELLS', `Tệp có hơn ${formatNumber(l.cells)} ô dữ liệu, quá giới hạn nhập. ${SPLIT}: hãy chỉ giữ trang số liệu cần nhập.`);
    case 'unpacked':
      return new ApiError(413, 'UNPACKED_TOO_LARGE', `Tệp Excel khi giải nén lớn hơn ${formatNumber(l.unpackedBytes / MB)} MB, quá giới hạn nhập. Hãy bỏ các trang, hình ảnh không cần thiết hoặc chép bảng số liệu sang một tệp mới.`);
    case 'parts':
      return new ApiError(413, 'UNPACKED_TOO_LARGE', `Tệp Excel gồm hơn ${formatNumber(l.zipEntries)} thành phần, quá giới hạn nhập. Hãy chép bảng số liệu sang một tệp mới rồi tải lên.`);
  }
}
