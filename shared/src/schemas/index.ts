// Every request and response shape of the API, declared once. Fastify validates with them,
// @fastify/swagger documents them, and the web takes its types from them (Static<...>).
// Response schemas are an allow-list: a field not declared here never leaves the server.
import { Type, type Static, type TSchema } from 'typebox';
import { PeriodRelease, ReleaseFields, ReleaseQuery } from './releases';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const d = (description: string) => ({ description });

export const Code = (what: string) => Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: what });

/** A cached GET answered with nothing new: the If-None-Match sent is the answer's ETag (decision 003). */
export const NotModified = Type.Null({ description: 'Không đổi: ETag khớp If-None-Match, không có nội dung' });

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(d('Mã trạng thái HTTP')),
    code: Type.String(d('Mã lỗi máy đọc được, ví dụ NOT_FOUND, BAD_REQUEST')),
    message: Type.String(d('Thông báo lỗi bằng tiếng Việt')),
  },
  { $id: 'ErrorResponse', description: 'Lỗi' },
);

export const Unit = Type.Union(
  [Type.Literal('count'), Type.Literal('percent'), Type.Literal('vnd'), Type.Literal('boolean'), Type.Literal('per_1000')],
  d('Đơn vị: count (số đếm), percent (%), vnd (đồng), boolean (có/không), per_1000 (trên 1.000 dân)'),
);
export const RankStatus = Type.Union([Type.Literal('ranked'), Type.Literal('not_reported'), Type.Literal('insufficient'), Type.Literal('not_collected')], {
  description:
    'ranked: được xếp hạng; not_reported: chưa báo cáo; insufficient: chưa đủ số liệu (mẫu số dưới mức tối thiểu, hoặc chỉ số tổng hợp có số liệu dưới một nửa trọng số); not_collected: kỳ này không thu chỉ tiêu này',
});
export const ReportState = Type.Union(
  [Type.Literal('not_started'), Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('returned'), Type.Literal('approved')],
  { description: 'Trạng thái báo cáo của xã: chưa bắt đầu, đang nhập, đã nộp, bị trả lại, đã duyệt. "Đã báo cáo" = đã nộp hoặc đã duyệt.' },
);
const ByState = Type.Object(
  {
    not_started: Type.Integer(),
    draft: Type.Integer(),
    submitted: Type.Integer(),
    returned: Type.Integer(),
    approved: Type.Integer(),
  },
  d('Số xã theo trạng thái'),
);
export const CommuneType = Type.Union([Type.Literal('xã'), Type.Literal('phường'), Type.Literal('đặc khu')], d('Loại đơn vị hành chính'));

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('error')], d('ok khi cơ sở dữ liệu trả lời')),
  database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')], d('Loại cơ sở dữ liệu')),
});

export const FormerDistrictOut = Type.Object({
  name: Type.String(d('Tên huyện / thị xã / thành phố cũ, ví dụ "Huyện Bình Sơn"')),
  part: Nullable(Type.String(d('Các xã cũ thuộc huyện này nhập vào xã, ví dụ "xã Tịnh Hòa"; null khi cả xã thuộc huyện này'))),
});

export const Commune = Type.Object({
  code: Type.String(d('Mã đơn vị hành chính 5 chữ số (Cục Thống kê)')),
  name: Type.String(d('Tên chính thức, có tiền tố Xã / Phường / Đặc khu')),
  type: CommuneType,
  formerDistrict: Type.String(d('Huyện / thị xã / thành phố trước sắp xếp, chỉ tên, ngăn bằng dấu phẩy khi xã gồm phần của nhiều huyện')),
  formerDistricts: Type.Array(FormerDistrictOut, d('Các huyện cũ của xã, theo thứ tự trong danh mục (xã Đông Sơn: hai huyện)')),
  formerProvince: Type.String(d('Tỉnh trước sắp xếp (Quảng Ngãi hoặc Kon Tum)')),
  areaKm2: Nullable(Type.Number(d('Diện tích tự nhiên, km²'))),
  population: Nullable(Type.Integer(d('Dân số theo đề án sắp xếp'))),
  populationBasis: Nullable(Type.String(d('Căn cứ số dân: de-an-sap-xep hoặc thuong-tru-tam-tru'))),
  mergedFrom: Nullable(Type.String(d('Các đơn vị cũ hợp nhất thành'))),
  villages: Nullable(Type.Integer(d('Số thôn, tổ dân phố (khi đã biết)'))),
});
export const CommuneList = Type.Object({ communes: Type.Array(Commune) });

export const DataElement = Type.Object({
  code: Type.String(d('Mã dữ liệu thành phần')),
  name: Type.String(d('Tên tiếng Việt')),
  unit: Unit,
  group: Type.String(d('Mã nhóm')),
  groupName: Type.String(d('Tên nhóm, như trong báo cáo của xã')),
  description: Type.String(d('Mô tả')),
  computed: Type.Boolean(d('true: hệ thống tự tính (báo cáo đúng hạn), xã không nhập')),
  max: Nullable(Type.Number(d('Giới hạn hợp lý: số lớn nhất của một kỳ, bất kể quy mô xã; vượt là lỗi chặn nộp. null: không đặt'))),
  maxPerHead: Nullable(
    Type.Number(d('Giới hạn hợp lý trên mỗi người dân, áp dụng khi biết dân số của xã (giới hạn là số nhỏ hơn trong hai). null: không đặt')),
  ),
});

export const Indicator = Type.Object({
  code: Type.String(d('Mã chỉ tiêu')),
  name: Type.String(d('Tên chỉ tiêu')),
  kind: Type.Union([Type.Literal('element'), Type.Literal('rate')], d('element: một số liệu; rate: tử số ÷ mẫu số × hệ số')),
  unit: Unit,
  numerator: Type.String(d('Mã dữ liệu tử số (hoặc số liệu, với kind = element)')),
  denominator: Nullable(Type.String(d('Mã dữ liệu mẫu số, hoặc @population (dân số theo danh mục)'))),
  factor: Type.Number(d('Hệ số: 100 cho tỷ lệ %, 1000 cho "trên 1.000 dân"')),
  direction: Type.Union([Type.Literal('higher'), Type.Literal('lower')], d('higher: cao hơn là tốt hơn')),
  target: Nullable(Type.Number(d('Mục tiêu'))),
  minDenominator: Type.Number(d('Mẫu số tối thiểu để được xếp hạng')),
  weight: Type.Number(d('Trọng số mặc định trong chỉ số tổng hợp (0 = không tham gia)')),
  description: Type.String(d('Mô tả')),
});
export const Catalogue = Type.Object({ indicators: Type.Array(Indicator), elements: Type.Array(DataElement) });

export const Period = Type.Object({
  code: Type.String(d('Mã kỳ báo cáo, ví dụ q3-2026')),
  name: Type.String(d('Tên kỳ, ví dụ "Quý III/2026"')),
  kind: Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('nine_months'), Type.Literal('year')], d('Loại kỳ')),
  startDate: Type.String({ format: 'date', description: 'Ngày bắt đầu' }),
  endDate: Type.String({ format: 'date', description: 'Ngày kết thúc' }),
  deadline: Nullable(Type.String({ format: 'date', description: 'Hạn nộp báo cáo' })),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')], d('open: đang nhận số liệu')),
  dataAsOf: Nullable(Type.String({ format: 'date', description: 'Số liệu đến ngày' })),
  communesReported: Type.Integer(d('Số xã đã báo cáo (đã nộp hoặc đã duyệt), hiện tại')),
  communesApproved: Type.Integer(d('Số xã đã duyệt (số liệu đã công bố), hiện tại')),
  release: Type.Union([PeriodRelease, Type.Null()], { description: 'Bản công bố mới nhất của kỳ và số xã nó công bố; null = chưa công bố' }),
});
export const PeriodList = Type.Object({
  periods: Type.Array(Period, d('Mới nhất trước')),
  defaultPeriod: Nullable(Type.String(d('Kỳ mà mọi trang hiển thị khi không chọn kỳ (kỳ đã đóng mới nhất có số liệu; kỳ đã công bố đang mở lại để điều chỉnh vẫn là kỳ đó)'))),
  demo: Type.Boolean(d('true khi đây là dữ liệu mẫu')),
});

export const PeriodRefOut = Type.Object({ code: Type.String(), name: Type.String(), dataAsOf: Nullable(Type.String({ format: 'date' })) });
const IndicatorRef = Type.Object({
  code: Type.String(),
  name: Type.String(),
  unit: Unit,
  direction: Type.Union([Type.Literal('higher'), Type.Literal('lower')]),
  target: Nullable(Type.Number()),
  minDenominator: Type.Number(),
  kind: Type.Union([Type.Literal('element'), Type.Literal('rate')]),
  collected: Type.Boolean(d('Kỳ này có thu các số liệu của chỉ tiêu không; false = "không thu kỳ này", không phải "chưa báo cáo"')),
});

export const ProvinceValueOut = Type.Object({
  value: Nullable(Type.Number(d('Giá trị toàn tỉnh: Σ tử số ÷ Σ mẫu số × hệ số (không phải trung bình các tỷ lệ)'))),
  numerator: Nullable(Type.Number(d('Σ tử số'))),
  denominator: Nullable(Type.Number(d('Σ mẫu số'))),
  communes: Type.Integer(d('Số xã tham gia tổng'))
});

/** rankings on approved figures by default; a signed-in user may add those awaiting approval */
const IncludeSubmitted = () =>
  Type.Boolean({
    description:
      'true: tính cả số liệu xã đã nộp đang chờ duyệt (thay cho số liệu đã công bố của xã đó, như thể đã được duyệt). Mặc định false: chỉ số liệu đã duyệt. Cần đăng nhập (401 nếu chưa).',
  });

export const RankingsQuery = Type.Object({
  period: Type.Optional(Code('Mã kỳ; mặc định kỳ đã đóng mới nhất có số liệu')),
  indicator: Code('Mã chỉ tiêu'),
  type: Type.Optional(CommuneType),
  district: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Huyện cũ (lọc)' })),
  includeSubmitted: Type.Optional(IncludeSubmitted()),
  ...ReleaseQuery,
});

export const RankingRow = Type.Object({
  communeCode: Type.String(d('Mã xã')),
  communeName: Type.String(d('Tên xã')),
  communeType: CommuneType,
  formerDistrict: Type.String(d('Huyện cũ: các tên, ngăn bằng dấu phẩy')),
  value: Nullable(Type.Number(d('Giá trị, chưa làm tròn'))),
  numerator: Nullable(Type.Number(d('Tử số (số liệu báo cáo)'))),
  denominator: Nullable(Type.Number(d('Mẫu số'))),
  rank: Nullable(Type.Integer(d('Hạng (đồng hạng: 1, 2, 2, 4)'))),
  previousRank: Nullable(Type.Integer(d('Hạng kỳ so sánh'))),
  rankChange: Nullable(Type.Integer(d('Hạng kỳ trước − hạng kỳ này (dương = tăng hạng)'))),
  status: RankStatus,
  approximate: Type.Boolean(d('Có số liệu ước ("trên 90%")')),
});

export const RankingsResponse = Type.Object({
  period: PeriodRefOut,
  indicator: IndicatorRef,
  province: ProvinceValueOut,
  comparedWith: Nullable(PeriodRefOut),
  rankedCount: Type.Integer(d('Số xã được xếp hạng')),
  rows: Type.Array(RankingRow, d('Tất cả các xã (sau lọc), xếp hạng trước rồi đến chưa xếp hạng')),
  ...ReleaseFields,
});

export const CompositeQuery = Type.Object({
  period: Type.Optional(Code('Mã kỳ')),
  weights: Type.Optional(
    Type.String({ maxLength: 2000, description: 'Trọng số, dạng online_filing_rate:20,on_time_rate:30 (chỉ tiêu không nêu giữ trọng số mặc định)' }),
  ),
  type: Type.Optional(CommuneType),
  district: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  includeSubmitted: Type.Optional(IncludeSubmitted()),
  ...ReleaseQuery,
  inputs: Type.Optional(
    Type.Boolean({
      description:
        'true: kèm `inputs`, giá trị mọi chỉ tiêu có thể đặt trọng số của từng xã, để trình duyệt xếp hạng lại khi đổi trọng số. Mặc định không kèm: câu trả lời nhỏ và nhanh hơn (chỉ đọc các chỉ tiêu có trọng số)',
    }),
  ),
});

export const CompositeComponentOut = Type.Object({
  indicator: Type.String(d('Mã chỉ tiêu')),
  value: Nullable(Type.Number()),
  status: RankStatus,
  weight: Type.Number(d('Trọng số')),
  achievement: Nullable(Type.Number(d('Mức đạt 0..1 so với mục tiêu; null khi chưa có số liệu (tính 0 điểm)'))),
  contribution: Type.Number(d('Điểm đóng góp vào tổng 100')),
  shortfall: Type.Number(d('Điểm bị mất so với tối đa (cái kéo điểm xuống); chỉ tiêu chưa báo cáo mất trọn trọng số')),
});

const Coverage = {
  coverage: Type.Number(d('Tỷ lệ trọng số (của các chỉ tiêu kỳ này thu) mà xã có số liệu, 0..1; dưới 0,5 thì không xếp hạng')),
  indicatorsReported: Type.Integer(d('Số chỉ tiêu có số liệu (k trong "k/n chỉ tiêu")')),
  indicatorsApplicable: Type.Integer(d('Số chỉ tiêu kỳ này thu (n trong "k/n chỉ tiêu")')),
};

export const CompositeRowOut = Type.Object({
  communeCode: Type.String(),
  communeName: Type.String(),
  communeType: CommuneType,
  formerDistrict: Type.String(),
  score: Nullable(Type.Number(d('Điểm 0..100'))),
  rank: Nullable(Type.Integer()),
  previousRank: Nullable(Type.Integer()),
  rankChange: Nullable(Type.Integer()),
  status: RankStatus,
  ...Coverage,
  components: Type.Array(CompositeComponentOut),
});

export const IndicatorValuesOut = Type.Object({
  communeCode: Type.String(),
  values: Type.Record(Type.String(), Type.Object({ value: Nullable(Type.Number()), status: RankStatus })),
});

export const CompositeResponse = Type.Object({
  period: PeriodRefOut,
  comparedWith: Nullable(PeriodRefOut),
  weights: Type.Record(Type.String(), Type.Number(), d('Trọng số đã dùng')),
  indicators: Type.Array(IndicatorRef, d('Các chỉ tiêu tham gia chỉ số tổng hợp')),
  rankedCount: Type.Integer(),
  rows: Type.Array(CompositeRowOut),
  inputs: Type.Optional(
    Type.Object(
      {
        current: Type.Array(IndicatorValuesOut),
        previous: Nullable(Type.Array(IndicatorValuesOut)),
      },
      d('Chỉ khi hỏi inputs=true: giá trị từng chỉ tiêu của từng xã, để trình duyệt xếp hạng lại khi đổi trọng số'),
    ),
  ),
  ...ReleaseFields,
});

export const PeriodQuery = Type.Object({
  period: Type.Optional(Code('Mã kỳ; mặc định kỳ đã đóng mới nhất có số liệu')),
  includeSubmitted: Type.Optional(IncludeSubmitted()),
  ...ReleaseQuery,
});
export const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 16, description: 'Mã xã' }) });

const Neighbour = Type.Object({
  communeCode: Type.String(),
  communeName: Type.String(),
  rank: Type.Integer(),
  value: Type.Number(),
  gap: Type.Number(d('Chênh lệch giá trị so với xã đang xem (giá trị láng giềng − giá trị xã)')),
});

export const StandingIndicator = Type.Object({
  indicator: IndicatorRef,
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  status: RankStatus,
  rank: Nullable(Type.Integer()),
  rankedCount: Type.Integer(d('Số xã được xếp hạng (N trong "hạng k/N")')),
  previousRank: Nullable(Type.Integer()),
  rankChange: Nullable(Type.Integer()),
  province: Nullable(Type.Number(d('Giá trị toàn tỉnh'))),
  target: Nullable(Type.Number()),
  gapToProvince: Nullable(Type.Number(d('Giá trị − toàn tỉnh'))),
  gapToTarget: Nullable(Type.Number(d('Giá trị − mục tiêu'))),
  above: Nullable(Neighbour),
  below: Nullable(Neighbour),
  history: Type.Array(
    Type.Object({
      period: Type.String(),
      periodName: Type.String(),
      value: Nullable(Type.Number()),
      rank: Nullable(Type.Integer()),
      province: Nullable(Type.Number()),
    }),
    d('Theo các kỳ, cũ trước'),
  ),
});

export const StandingResponse = Type.Object({
  commune: Commune,
  period: PeriodRefOut,
  comparedWith: Nullable(PeriodRefOut),
  lastApproved: Nullable(
    Type.Object(
      { code: Type.String(), name: Type.String(), dataAsOf: Nullable(Type.String({ format: 'date' })) },
      d('Kỳ gần nhất (đến kỳ này) mà xã có số liệu đã duyệt; null nếu chưa có'),
    ),
  ),
  composite: Type.Object({
    score: Nullable(Type.Number()),
    rank: Nullable(Type.Integer()),
    rankedCount: Type.Integer(),
    rankChange: Nullable(Type.Integer()),
    status: RankStatus,
    ...Coverage,
    components: Type.Array(CompositeComponentOut, d('Xếp theo điểm bị mất, lớn trước: cái kéo điểm xuống nhiều nhất')),
  }),
  indicators: Type.Array(StandingIndicator),
  ...ReleaseFields,
});

export const OverviewResponse = Type.Object({
  period: PeriodRefOut,
  comparedWith: Nullable(PeriodRefOut),
  demo: Type.Boolean(d('true khi đây là dữ liệu mẫu')),
  communesTotal: Type.Integer(),
  communesReported: Type.Integer(d('Số xã đã báo cáo (đã nộp hoặc đã duyệt), như ở /tien-do')),
  communesApproved: Type.Integer(d('Số xã đã duyệt: số liệu đã công bố, dùng để xếp hạng')),
  reporting: Type.Object({ byState: ByState, late: Type.Integer(d('Số xã nộp muộn hoặc quá hạn chưa nộp')) }),
  notReported: Type.Array(
    Type.Object({ communeCode: Type.String(), communeName: Type.String(), state: ReportState }),
    d('Xã chưa báo cáo: chưa bắt đầu, đang nhập hoặc bị trả lại'),
  ),
  indicators: Type.Array(
    Type.Object({
      indicator: IndicatorRef,
      province: ProvinceValueOut,
      previous: Nullable(ProvinceValueOut),
      /** values of the ranked communes, for the distribution */
      distribution: Type.Object({
        min: Nullable(Type.Number()),
        q1: Nullable(Type.Number()),
        median: Nullable(Type.Number()),
        q3: Nullable(Type.Number()),
        max: Nullable(Type.Number()),
        values: Type.Array(Type.Number(), d('Giá trị của các xã được xếp hạng, tăng dần')),
      }),
      belowTarget: Type.Integer(d('Số xã chưa đạt mục tiêu')),
    }),
  ),
  top: Type.Array(CompositeRowOut, d('5 xã dẫn đầu chỉ số tổng hợp')),
  bottom: Type.Array(CompositeRowOut, d('5 xã cuối bảng chỉ số tổng hợp')),
  ...ReleaseFields,
});

export const ValuesQuery = Type.Object({
  period: Type.Optional(Code('Mã kỳ')),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], d('json (mặc định) hoặc csv'))),
});

export const ValueRow = Type.Object({
  communeCode: Type.String(),
  communeName: Type.String(),
  element: Type.String(),
  value: Type.Number(),
  approximate: Type.Boolean(),
  asOf: Nullable(Type.String({ format: 'date' })),
  source: Type.String(d('Nguồn: demo, report: …, form, import')),
  note: Nullable(Type.String()),
  updatedAt: Type.String(d('Thời điểm cập nhật')),
});
export const ValuesResponse = Type.Object({ period: PeriodRefOut, values: Type.Array(ValueRow) });

export type ErrorResponse = Static<typeof ErrorResponse>;
export type Commune = Static<typeof Commune>;
export type FormerDistrictOut = Static<typeof FormerDistrictOut>;
export type CommuneList = Static<typeof CommuneList>;
export type Indicator = Static<typeof Indicator>;
export type DataElement = Static<typeof DataElement>;
export type Catalogue = Static<typeof Catalogue>;
export type Period = Static<typeof Period>;
export type PeriodList = Static<typeof PeriodList>;
export type RankingsResponse = Static<typeof RankingsResponse>;
export type RankingRow = Static<typeof RankingRow>;
export type CompositeResponse = Static<typeof CompositeResponse>;
export type CompositeRowOut = Static<typeof CompositeRowOut>;
export type StandingResponse = Static<typeof StandingResponse>;
export type StandingIndicator = Static<typeof StandingIndicator>;
export type OverviewResponse = Static<typeof OverviewResponse>;
export type ValuesResponse = Static<typeof ValuesResponse>;
export * from './workflow';
export * from './briefing';
export * from './files';
export * from './reports';
export * from './reminders';
export * from './releases';
export * from './live';
