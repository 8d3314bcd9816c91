// One reading, as the worker runs it (sandbox.ts starts it; worker.mjs loads this file): the file's
// text, the text as it will be stored and shown (lines wrapped mid-sentence joined back, footnotes
// out: joinWrappedLines), and the reader's proposals on exactly that text, so every offset points
// into what the person sees. All of it is pure computing on the bytes: no database, no network.
import { joinWrappedLines, looksLikeLegacyFont, readReport, type MatchableCommune, type ReadResult, type ReaderCatalogue } from '@nq57/shared';
import type { ReportFormat } from '@nq57/shared/schemas';
import { NO_TEXT_LAYER, Refusal, extractText } from './extract';

export { Refusal };

/**
 * The reader takes about a second per 1.6 million characters; a narrative report is 20 000 to
 * 60 000. A text far longer is not one report (or is a book of annexes) and would hold a worker.
 */
export const MAX_TEXT_CHARS = 400_000;

export interface ReadJobInput {
  format: ReportFormat;
  bytes: Uint8Array;
  catalogue: ReaderCatalogue;
  communes: MatchableCommune[];
}

export interface ReadJobOutput {
  text: string;
  reading: ReadResult;
}

export async function readJob(input: ReadJobInput): Promise<ReadJobOutput> {
  const raw = await extractText(input.format, input.bytes);
  if (raw.length > MAX_TEXT_CHARS) {
    throw new Refusal(
      413,
      'TEXT_TOO_LONG',
      'Văn bản quá dài để là một báo cáo (hơn 400.000 ký tự). Hãy tải lên riêng phần báo cáo, không kèm phụ lục.',
    );
  }
  const text = joinWrappedLines(raw);
  if (text.trim() === '') {
    if (input.format === 'pdf') throw new Refusal(400, 'NO_TEXT_LAYER', NO_TEXT_LAYER);
    throw new Refusal(400, 'NO_TEXT', 'Tệp không có chữ nào để đọc.');
  }
  // TCVN3 or VNI text keeps its digits and loses the words that say what they count: never read
  if (looksLikeLegacyFont(text)) {
    throw new Refusal(
      400,
      'LEGACY_FONT',
      'Văn bản gõ bằng phông chữ cũ (TCVN3 hoặc VNI, chữ hiện thành ký tự lạ như "Ch­¬ng tr×nh") nên không đọc số liệu. Hãy chuyển sang Unicode (Unikey: Công cụ chuyển mã, từ TCVN3 hoặc VNI sang Unicode) rồi tải lên lại.',
    );
  }
  return { text, reading: readReport(text, input.catalogue, { communes: input.communes }) };
}
