// The words of the export links on the ranking page: kept apart from the import page's words
// (./files.ts) so the ranking page's first visit stays small.
export const tx = {
  title: 'Xuất báo cáo',
  rankingsXlsx: 'Bảng xếp hạng (Excel)',
  rankingsCsv: 'Bảng xếp hạng (CSV)',
  valuesCsv: 'Số liệu gốc (CSV)',
  valuesXlsx: 'Số liệu gốc (Excel)',
  reportDocx: 'Báo cáo tổng hợp (Word)',
  importLink: 'Nhập số liệu từ tệp…',
} as const;
