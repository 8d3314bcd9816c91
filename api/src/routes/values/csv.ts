import type { ValuesResponse } from '@nq57/shared/schemas';

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** UTF-8 with a BOM so Excel on Windows shows the diacritics; numbers with a decimal point, as CSV readers expect. */
export function valuesCsv(v: ValuesResponse): Buffer {
  const head = ['ma_xa', 'ten_xa', 'ky', 'du_lieu', 'gia_tri', 'uoc_tinh', 'so_lieu_den_ngay', 'nguon', 'ghi_chu', 'cap_nhat'];
  const lines = v.values.map((r) =>
    [r.communeCode, r.communeName, v.period.code, r.element, r.value, r.approximate ? 1 : 0, r.asOf, r.source, r.note, r.updatedAt]
      .map(cell)
      .join(','),
  );
  return Buffer.from('\uFEFF' + [head.join(','), ...lines].join('\r\n') + '\r\n');
}
