import { DIRECTIONS, MEASURES, MILESTONE_KINDS, MONTHS_IN_CYCLE, type MilestoneKind } from '@jiebang/domain';

/**
 * The target workbook (目标任务分解表) as a view of a `jiebang-scenario/1` document: which sheet
 * and column holds which field. The writer and the reader both work from these tables only, so a
 * new scenario field is one more row here (and a policy field needs nothing: see POLICY_ROWS).
 */

/** How a column's text becomes a field's value. */
export type ColumnKind =
  /** An id or name, as text. */
  | 'text'
  /** A finite number; "1,200" and " 1200 " accepted. */
  | 'number'
  /** A plan share in (0, 1]; "50%" accepted. */
  | 'share'
  /** One of a few codes, written as its Chinese label (the code itself is accepted too). */
  | 'choice'
  /** Ids separated by commas (、，, or spaces). */
  | 'idList'
  /** Rater groups and their weights: `peers=0.3, panel:巡察组=0.7`. */
  | 'raters'
  /** Months 1..12 separated by commas. */
  | 'monthList'
  /** A date, `YYYY-MM-DD` (or a date cell). */
  | 'date';

export interface WorkbookColumn {
  /** The header in row 1: the reader refuses a sheet whose headers differ. */
  header: string;
  /** The note on the header cell: what to write. */
  note: string;
  /** The field of the scenario item; `plan` columns also carry their month. */
  field: string;
  kind: ColumnKind;
  required: boolean;
  /** `choice`: each code and its label. */
  choices?: Readonly<Record<string, string>>;
  /** A drop-down of the ids listed in another column (a sheet range). */
  listOf?: 'units' | 'categories' | 'leaders';
  /** `plan`: the month, 1..12. */
  month?: number;
  /** `milestones`: the milestone kind whose due date the column holds. */
  milestone?: MilestoneKind;
}

export const SHEETS = {
  units: '单位',
  indicators: '指标',
  policy: '政策',
  leaders: '挂帅领导',
  projects: '重点项目',
} as const;

/** The key-project sheets: optional in an upload (a workbook without both reads as a year without key projects). */
export const KEY_PROJECT_SHEETS = [SHEETS.leaders, SHEETS.projects] as const;

/** The 单位 sheet holds two tables side by side: units from column A, categories from CATEGORY_FIRST_COLUMN. */
export const UNIT_COLUMNS: readonly WorkbookColumn[] = [
  {
    header: '单位编码',
    note: '责任单位的编码：字母、数字、“-”或“_”，不超过64位，年度内唯一。',
    field: 'id',
    kind: 'text',
    required: true,
  },
  { header: '责任单位', note: '责任单位名称，如“区发改局”。', field: 'name', kind: 'text', required: true },
  {
    header: '单位类别',
    note: '所属单位类别的编码（右侧“类别编码”列中的一个）；同类别单位之间排名。',
    field: 'category',
    kind: 'text',
    required: true,
    listOf: 'categories',
  },
  {
    header: '主要负责人',
    note: '可选：单位主要负责人（一把手）的账号。',
    field: 'head',
    kind: 'text',
    required: false,
  },
  { header: '分管负责同志', note: '可选：分管负责同志的账号。', field: 'deputy', kind: 'text', required: false },
];

export const CATEGORY_FIRST_COLUMN = UNIT_COLUMNS.length + 2;

export const CATEGORY_COLUMNS: readonly WorkbookColumn[] = [
  { header: '类别编码', note: '单位类别的编码，年度内唯一。', field: 'id', kind: 'text', required: true },
  { header: '单位类别名称', note: '单位类别名称，如“经济部门”。', field: 'name', kind: 'text', required: true },
];

const DIRECTION_LABELS: Record<(typeof DIRECTIONS)[number], string> = { increase: '正向指标', decrease: '逆向指标' };
const MEASURE_LABELS: Record<(typeof MEASURES)[number], string> = { cumulative: '累计值', rate: '水平值' };
const BASIS_LABELS = { zero: '零基考核', continuous: '连续考核' } as const;

export const INDICATOR_COLUMNS: readonly WorkbookColumn[] = [
  { header: '指标编码', note: '考核指标的编码，年度内唯一。', field: 'id', kind: 'text', required: true },
  {
    header: '牵头单位',
    note: '牵头（责任）单位的编码，须在“单位”表中列出。',
    field: 'unit',
    kind: 'text',
    required: true,
    listOf: 'units',
  },
  { header: '考核指标', note: '指标名称，如“固定资产投资”。', field: 'name', kind: 'text', required: true },
  { header: '考核维度', note: '如“项目建设”“招商引资”“政风评议”。', field: 'dimension', kind: 'text', required: true },
  {
    header: '指标方向',
    note: '正向指标：越高越好；逆向指标：越低越好。',
    field: 'direction',
    kind: 'choice',
    required: true,
    choices: DIRECTION_LABELS,
  },
  {
    header: '计算方式',
    note: '累计值：全年逐月累计；水平值：按当月水平考核。',
    field: 'measure',
    kind: 'choice',
    required: true,
    choices: MEASURE_LABELS,
  },
  {
    header: '权重',
    note: '指标权重；同一单位各指标权重之和须等于满分（“政策”表）。',
    field: 'weight',
    kind: 'number',
    required: true,
  },
  {
    header: '满意值（年度目标）',
    note: '年度目标值；可写 1200 或 1,200。',
    field: 'satisfactory',
    kind: 'number',
    required: true,
  },
  {
    header: '不允许值',
    note: '明显不可接受的水平；正向指标须低于满意值，逆向指标须高于满意值。',
    field: 'disallowed',
    kind: 'number',
    required: true,
  },
  ...Array.from(
    { length: MONTHS_IN_CYCLE },
    (_, index): WorkbookColumn => ({
      header: `${index + 1}月时序计划`,
      note: `时序计划（倒排计划）：到${index + 1}月末应完成年度目标的比例，0 到 1 之间或百分数（如 50%），逐月不减，12月为 100%。十二个月都不填则按月均进度。`,
      field: 'plan',
      kind: 'share',
      required: false,
      month: index + 1,
    }),
  ),
  {
    header: '配合单位',
    note: '可选：配合单位的编码，多个用逗号或顿号分隔；不能包括牵头单位。',
    field: 'cooperating',
    kind: 'idList',
    required: false,
  },
  {
    header: '考核基础',
    note: '可选：零基考核或连续考核（仅作说明，计分相同）。',
    field: 'basis',
    kind: 'choice',
    required: false,
    choices: BASIS_LABELS,
  },
  {
    header: '评议分组及权重',
    note: '可选，仅评议类指标（政风评议、依法行政、领导评议、群众满意度）：评议分组=权重，逗号分隔，权重合计为 1，如 peers=0.3, panel:巡察组=0.7（peers 为同类别单位互评，assessors 为督查考评组，panel:名称 为“政策”表中的评议组）。',
    field: 'raters',
    kind: 'raters',
    required: false,
  },
  {
    header: '不及格线',
    note: '可选，仅评议类指标：评议得分的不及格线。',
    field: 'failBelow',
    kind: 'number',
    required: false,
  },
  {
    header: '评议月份',
    note: '可选，仅评议类指标：开展评议的月份，逗号分隔，如 6, 12。',
    field: 'ratedMonths',
    kind: 'monthList',
    required: false,
  },
];

/** The 挂帅领导 sheet: `leaders[]`. */
export const LEADER_COLUMNS: readonly WorkbookColumn[] = [
  {
    header: '领导编码',
    note: '挂帅领导的编码，年度内唯一；“重点项目”表以此引用。',
    field: 'id',
    kind: 'text',
    required: true,
  },
  { header: '姓名', note: '挂帅领导的姓名。', field: 'name', kind: 'text', required: true },
  { header: '职务', note: '挂帅领导的职务，如“副区长”。', field: 'title', kind: 'text', required: true },
];

/** The glossary's words for the milestones (节点). */
export const MILESTONE_LABELS: Readonly<Record<MilestoneKind, string>> = {
  signed: '签约',
  land: '供地',
  started: '开工',
  in_statistics: '入统',
  completed: '竣工',
};

/** The 重点项目 sheet: `projects[]`, one due-date column per milestone kind (blank: no such milestone). */
export const PROJECT_COLUMNS: readonly WorkbookColumn[] = [
  { header: '项目编码', note: '重点项目的编码，年度内唯一。', field: 'id', kind: 'text', required: true },
  { header: '项目名称', note: '重点项目名称。', field: 'name', kind: 'text', required: true },
  {
    header: '责任单位',
    note: '项目责任单位的编码，须在“单位”表中列出。',
    field: 'unit',
    kind: 'text',
    required: true,
    listOf: 'units',
  },
  {
    header: '挂帅领导',
    note: '挂帅领导的编码，须在“挂帅领导”表中列出。',
    field: 'leader',
    kind: 'text',
    required: true,
    listOf: 'leaders',
  },
  {
    header: '关联指标',
    note: '项目计入的考核指标编码，须是责任单位的指标（“指标”表）。',
    field: 'indicator',
    kind: 'text',
    required: true,
  },
  {
    header: '计划总投资',
    note: '项目计划总投资；可写 1200 或 1,200。',
    field: 'plannedInvestment',
    kind: 'number',
    required: true,
  },
  {
    header: '年度计划投资',
    note: '本年度计划投资，不超过计划总投资。',
    field: 'yearInvestment',
    kind: 'number',
    required: true,
  },
  ...MILESTONE_KINDS.map(
    (kind): WorkbookColumn => ({
      header: `${MILESTONE_LABELS[kind]}时限`,
      note: `可选：${MILESTONE_LABELS[kind]}节点的完成时限，如 2026-06-30；不填则无此节点。各节点时限依 签约、供地、开工、入统、竣工 顺序不减，均在考核年度内（竣工可晚于年度）。`,
      field: 'milestones',
      kind: 'date',
      required: false,
      milestone: kind,
    }),
  ),
];

/** How a policy setting is written in its cell. */
export type PolicyValueKind = 'text' | 'number' | 'integer' | 'boolean' | 'list' | 'json';

export interface PolicyRow {
  /** `name` and `year` are the document's own fields; every other key is a field of `policy`. */
  key: string;
  label: string;
  note: string;
  kind: PolicyValueKind;
}

/** The 政策 sheet's header. */
export const POLICY_HEADERS = ['设置项', '值', '说明', '代码'] as const;

/**
 * The 政策 sheet, one setting a row, read by its label (or, failing that, its code in column D).
 * A policy field not listed here (one added to the scenario later) is exported as a row of its own
 * with its code as label and its value as JSON, and read back the same way.
 */
export const POLICY_ROWS: readonly PolicyRow[] = [
  { key: 'name', label: '考核年度名称', note: '考核年度的名称；年度与名称相同的考核年度只能导入一次。', kind: 'text' },
  { key: 'year', label: '年度', note: '四位年份，如 2026。', kind: 'integer' },
  { key: 'fullScore', label: '满分', note: '默认 100；每个单位的指标权重之和须等于满分。', kind: 'number' },
  { key: 'scoreFloor', label: '最低分', note: '单位得分的下限，默认 0。', kind: 'number' },
  { key: 'scoreCap', label: '最高分', note: '单位得分的上限，默认 100。', kind: 'number' },
  { key: 'yellowFrom', label: '黄灯起点', note: '指标得分率达到此值为黄灯，默认 80。', kind: 'number' },
  { key: 'bottomN', label: '末位名次数', note: '每个类别排名最后几名记为落后，默认 1。', kind: 'integer' },
  {
    key: 'ladders',
    label: '问责阶梯',
    note: 'rank（揭榜挂帅排名阶梯）、plan（时序计划阶梯），逗号分隔。',
    kind: 'list',
  },
  {
    key: 'planLadderDimensions',
    label: '时序计划阶梯考核维度',
    note: '适用时序计划阶梯的考核维度，逗号分隔。',
    kind: 'list',
  },
  { key: 'pledgeDeadline', label: '军令状签订时限', note: '如 7d（7天）、12h（12小时）。', kind: 'text' },
  { key: 'reminderOffsets', label: '催办提醒提前量', note: '到期前多久催办，逗号分隔，如 3d, 1d。', kind: 'list' },
  { key: 'reportDueDay', label: '月度报告截止日', note: '次月几日前报送，1 到 28，默认 5。', kind: 'integer' },
  {
    key: 'reportWindow',
    label: '月度报告报送时限',
    note: '可选：月末后多长时间内报送（填写后代替截止日）。',
    kind: 'text',
  },
  { key: 'resubmitDeadline', label: '退回重报时限', note: '如 2d。', kind: 'text' },
  { key: 'reviewDeadline', label: '审核时限', note: '如 3d。', kind: 'text' },
  {
    key: 'headConfirmation',
    label: '主要负责人审签',
    note: '是：月度报告须经主要负责人审签后报送；否：不需要。',
    kind: 'boolean',
  },
  { key: 'appealWindow', label: '申诉时限', note: '如 2d。', kind: 'text' },
  { key: 'approvalDeadline', label: '审批时限', note: '如 3d。', kind: 'text' },
  { key: 'calendar', label: '考核日历', note: '可选，JSON：时区、十二个考核期、节假日与调休工作日。', kind: 'json' },
  { key: 'rules', label: '问责规则', note: '可选，JSON：不填则按“问责阶梯”的预设规则。', kind: 'json' },
  {
    key: 'panels',
    label: '评议组',
    note: '可选，JSON：评议组名称及成员账号，如 {"巡察组": ["xc1", "xc2"]}；指标以 panel:名称 引用。',
    kind: 'json',
  },
  {
    key: 'stallMonths',
    label: '重点项目停滞月数',
    note: '重点项目连续几个月无进展记为停滞，默认 2。',
    kind: 'integer',
  },
  {
    key: 'milestoneGrace',
    label: '节点滞后督办时限',
    note: '重点项目节点滞后时督办事项的办理时限，如 7d。',
    kind: 'text',
  },
];

/** An empty list in a policy cell (a blank cell means the default list). */
export const NONE = '无';

/** The labels of a yes/no cell. */
export const YES_NO = { true: '是', false: '否' } as const;
