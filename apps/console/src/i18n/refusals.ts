import type { ProblemCode } from '@jiebang/contracts/problem';
import type { ApiErrorCode } from '../api/types';

/**
 * Every refusal the API can answer with (its API_ERRORS table), in the person's language. Keyed
 * by the API's own code type, so a new code that lacks a message here does not compile.
 */
export const REFUSALS: Record<ApiErrorCode | 'NETWORK', { zh: string; en: string }> = {
  INVALID_SCENARIO: { zh: '考核方案文件有误', en: 'The scenario document is invalid' },
  VALIDATION_FAILED: { zh: '填写的内容不符合要求', en: 'Some fields are not valid' },
  MALFORMED_JSON: { zh: '请求格式有误', en: 'The request is not valid JSON' },
  UNAUTHENTICATED: { zh: '登录已失效，请重新登录', en: 'Your session has ended: sign in again' },
  INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong user name or password' },
  TOO_MANY_REQUESTS: { zh: '尝试次数过多，请稍后再试', en: 'Too many attempts: try again in a minute' },
  WORKFLOW_NOT_FOUND: { zh: '找不到该流程', en: 'No such workflow' },
  FORBIDDEN: { zh: '您的角色无权办理此事项', en: 'Your role may not take this step' },
  CYCLE_NOT_FOUND: { zh: '找不到该考核年度', en: 'No such assessment year' },
  UNIT_NOT_FOUND: { zh: '找不到该责任单位', en: 'No such unit' },
  NOT_FOUND: { zh: '找不到该内容', en: 'Not found' },
  CYCLE_CONFLICT: { zh: '已存在同名的不同考核年度', en: 'A different year with this name exists' },
  UNIT_ID_REUSED: {
    zh: '单位编号已用于另一个责任单位',
    en: 'A unit id already names another unit',
  },
  PLEDGE_ALREADY_SIGNED: { zh: '军令状已签订', en: 'The pledge is already signed' },
  NOT_IN_PLEDGE_PHASE: { zh: '当前不在军令状签订阶段', en: 'The pledge phase is over' },
  NOT_UNIT_HEAD: { zh: '只有单位主要负责人可以签订军令状', en: 'Only the unit head may sign the pledge' },
  PLEDGE_NOT_SIGNED: { zh: '尚未签订军令状', en: 'The pledge is not signed yet' },
  ROLE_NOT_ALLOWED: { zh: '您的角色无权办理此事项', en: 'Your role may not take this step' },
  SEPARATION_OF_DUTIES: {
    zh: '不能对本人所在单位的事项作出决定',
    en: 'You may not decide about a unit you belong to',
  },
  INVALID_REPORT: { zh: '月度报告内容有误', en: 'The report is not valid' },
  REPORT_WINDOW_NOT_OPEN: { zh: '本月填报尚未开始', en: "This month's report window is not open yet" },
  REPORT_DEADLINE_PASSED: { zh: '已过报送截止时间', en: 'The report deadline has passed' },
  REPORT_NOT_EDITABLE: { zh: '报告已报送，当前不能修改', en: 'The report cannot be changed now' },
  REPORT_NOT_SUBMITTED: { zh: '报告尚未报送', en: 'The report has not been submitted' },
  MONTH_CLOSED: { zh: '本月已排名，报告不能再修改', en: 'The month is ranked: reports no longer change' },
  EXTENSION_NOT_ALLOWED: { zh: '当前不能申请延期', en: 'An extension cannot be requested now' },
  NO_EXTENSION_REQUESTED: { zh: '没有待审批的延期申请', en: 'No extension is awaiting a decision' },
  RATINGS_MISSING: { zh: '尚有评议打分未录入', en: 'Ratings are still missing' },
  APPEAL_WINDOW_CLOSED: { zh: '申诉期已结束', en: 'The appeal window has closed' },
  APPEAL_ALREADY_FILED: { zh: '本月已提出申诉', en: 'An appeal was already filed this month' },
  NO_OPEN_APPEAL: { zh: '没有待处理的申诉', en: 'No open appeal' },
  RANKING_NOT_FINAL: { zh: '排名尚未最终确定', en: 'The ranking is not final yet' },
  BULLETIN_ALREADY_PUBLISHED: { zh: '通报已公布', en: 'The bulletin is already published' },
  PUBLIC_LINKS_OFF: {
    zh: '本区已关闭公开链接，需由领导或管理员重新开启',
    en: 'Public links are switched off for the district: leadership or an administrator may switch them on',
  },
  VETO_ALREADY_RECORDED: { zh: '一票否决已记录', en: 'The veto is already recorded' },
  PROGRESS_ALREADY_REPORTED: { zh: '本月项目进展已填报', en: "This month's project progress is already reported" },
  MILESTONE_ALREADY_REACHED: { zh: '该节点已填报完成', en: 'The milestone is already reported reached' },
  NOT_DISPATCHED_WEEKLY: { zh: '该项目不在每周调度范围内', en: 'This project is not dispatched weekly' },
  WEEK_NOT_OPEN: { zh: '本周调度尚未开始', en: 'This week has not begun' },
  WEEK_CLOSED: { zh: '本周调度已截止', en: 'This week has closed' },
  WEEKLY_NOTE_ALREADY_SENT: { zh: '本周调度情况已报送', en: "This week's note is already sent" },
  WEEKLY_NOTE_NOT_FOUND: { zh: '找不到该周调度情况', en: 'No such weekly note' },
  NO_PROBLEM_TO_SUPERVISE: { zh: '该周调度情况未反映需协调的问题', en: 'The note names no problem' },
  PROBLEM_ALREADY_SUPERVISED: { zh: '该问题已转为督办事项', en: 'The problem is already a supervision item' },
  CASE_NOT_FOUND: { zh: '找不到该事项', en: 'No such case' },
  CASE_CLOSED: { zh: '该事项已办结', en: 'The case is closed' },
  CASE_NOT_AWAITING_APPROVAL: { zh: '该事项不在审批阶段', en: 'The case is not awaiting approval' },
  APPROVER_ALREADY_DECIDED: { zh: '您已审批过该事项', en: 'You have already decided' },
  APPROVAL_ALREADY_GIVEN: { zh: '已有审批意见', en: 'The approval is already given' },
  CASE_OUT_OF_ORDER: { zh: '请按程序顺序办理', en: 'Not the next step of the procedure' },
  UNKNOWN_CASE_STEP: { zh: '该程序步骤不存在', en: 'No such step in this procedure' },
  CASE_REASON_REQUIRED: { zh: '否决须填写理由', en: 'A rejection needs a reason' },
  CASE_NOTE_REQUIRED: { zh: '此步骤须填写记录（如会议纪要）', en: 'This step needs a note (e.g. the minutes)' },
  SUPERVISION_ITEM_NOT_FOUND: { zh: '找不到该督办事项', en: 'No such supervision item' },
  SUPERVISION_ITEM_CONFLICT: {
    zh: '已有同名但内容不同的督办事项',
    en: 'An item with this title and other content exists',
  },
  SUPERVISION_CLOSED: { zh: '督办事项已销号', en: 'The supervision item is closed' },
  SUPERVISION_NOT_AWAITING_RESPONSE: { zh: '该督办事项当前无需反馈', en: 'The item is not awaiting a response' },
  SUPERVISION_NOT_RESPONDED: { zh: '单位尚未反馈', en: 'The unit has not responded yet' },
  SUPERVISION_TEXT_REQUIRED: { zh: '请填写反馈内容', en: 'Write the response' },
  PAYLOAD_TOO_LARGE: { zh: '提交的内容过大', en: 'The request is too large' },
  WORKFLOW_UNAVAILABLE: { zh: '系统暂时不可用，请稍后再试', en: 'The system is unavailable: try again shortly' },
  INTERNAL: { zh: '系统出错，请联系管理员', en: 'Something went wrong: tell the administrator' },
  UNKNOWN_MONTH: { zh: '该考核年度没有这个月份', en: 'The year has no such month' },
  EXTENSION_REASON_REQUIRED: { zh: '申请延期须说明理由', en: 'An extension needs a reason' },
  EXTENSION_ALREADY_PENDING: { zh: '已有延期申请待审批', en: 'An extension request is already waiting for a decision' },
  EXTENSION_NOT_LATER: {
    zh: '延期后的截止时间须晚于当前截止时间',
    en: 'An extension must end after the current deadline',
  },
  RETURN_COMMENT_REQUIRED: { zh: '退回须写明修改意见', en: 'Sending a report back needs a comment' },
  INVALID_RATING: { zh: '评分不符合要求', en: 'The rating is not valid' },
  RATING_SUBMITTED: { zh: '评分已提交，不能再修改', en: 'The ratings are submitted: they no longer change' },
  RATING_LINK_UNKNOWN: { zh: '评议链接无效', en: 'No such rating link' },
  RATING_LINK_REVOKED: { zh: '评议链接已作废', en: 'The rating link was revoked' },
  RATING_LINK_OTHER_ROUND: { zh: '此链接不属于本轮评议', en: 'The link is for another rating round' },
  CORRECTION_VALUES_REQUIRED: { zh: '更正须填写更正后的数据', en: 'A correction needs the corrected values' },
  EXTENSION_TOO_LONG: { zh: '延期时间过长', en: 'The extension asks for too long' },
  RATING_OUT_OF_SCALE: { zh: '打分超出评分范围', en: 'The rating is outside its scale' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '请求格式不受支持', en: 'The request format is not supported' },
  APPEAL_REASON_REQUIRED: { zh: '申诉须说明理由', en: 'An appeal needs a reason' },
  DATABASE_UNAVAILABLE: { zh: '数据库暂时不可用，请稍后再试', en: 'The database is unavailable: try again shortly' },
  REQUEST_TIMEOUT: { zh: '系统繁忙，请求超时，请稍后再试', en: 'The request timed out: try again shortly' },
  REPORT_NOT_AWAITING_CONFIRMATION: { zh: '该报告当前不在待审签状态', en: 'The report is not awaiting confirmation' },
  REVIEWS_PENDING: {
    zh: '仍有报告待审核，暂不能结束本月',
    en: 'Reports still await review: the month cannot close yet',
  },
  SCENARIO_HISTORY_NOT_IMPORTED: {
    zh: '考核方案不能附带历史报告或否决事项，请通过正常流程办理',
    en: 'A scenario cannot bring past reports or vetoes: record them through the steps',
  },
  EVIDENCE_TOO_LARGE: { zh: '佐证材料超过大小限制（10 MB）', en: 'The evidence file is too large (10 MB at most)' },
  EVIDENCE_TYPE_REFUSED: {
    zh: '佐证材料仅支持 PDF、JPEG、PNG、XLSX、DOCX、XLS',
    en: 'Evidence must be PDF, JPEG, PNG, XLSX, DOCX or XLS',
  },
  EVIDENCE_LIMIT_REACHED: { zh: '佐证材料数量已达上限（20 个）', en: 'This report already has 20 evidence files' },
  EVIDENCE_MISSING: { zh: '未收到佐证材料文件', en: 'No evidence file was sent' },
  MESSAGE_NOT_FOUND: { zh: '找不到该消息', en: 'No such message' },
  ESCALATION_NOT_FOUND: { zh: '找不到该督办事项', en: 'No such escalation' },
  NOT_ADDRESSEE: { zh: '该督办事项不是交给您的角色', en: 'This escalation is addressed to another role' },
  ESCALATION_ALREADY_ACKNOWLEDGED: { zh: '该督办事项已签收', en: 'This escalation is already acknowledged' },
  CHANNEL_NOT_FOUND: { zh: '找不到该推送渠道', en: 'No such channel' },
  CHANNEL_NAME_TAKEN: { zh: '已有同名的推送渠道', en: 'A channel with this name exists' },
  SMTP_UNREACHABLE: {
    zh: '无法连接邮件服务器，请检查地址和端口',
    en: 'The mail server cannot be reached: check host and port',
  },
  DELIVERY_NOT_FOUND: { zh: '找不到该推送记录', en: 'No such delivery' },
  DELIVERY_NOT_DEAD: { zh: '只有发送失败的消息可以重发', en: 'Only a failed delivery can be resent' },
  ACCOUNT_NOT_FOUND: { zh: '找不到该账号', en: 'No such account' },
  ACCOUNT_EXISTS: { zh: '该账号已存在', en: 'The account already exists' },
  UNKNOWN_UNIT: { zh: '责任单位不存在', en: 'No such unit' },
  UNIT_POST_TAKEN: { zh: '该单位的此岗位已有人担任', en: "The unit's post is already taken" },
  WEAK_PASSWORD: { zh: '密码强度不足', en: 'The password is too weak' },
  WRONG_CURRENT_PASSWORD: { zh: '当前密码错误', en: 'The current password is wrong' },
  NO_TEMPORARY_PASSWORD: { zh: '该账号没有待修改的临时密码', en: 'This account has no temporary password to replace' },
  CHANNEL_DESTINATION_REFUSED: {
    zh: '推送地址不在允许的范围内',
    en: 'The channel’s destination is not an address deliveries may go to',
  },
  OWN_ROLES_UNCHANGEABLE: { zh: '不能修改自己的角色', en: 'You cannot change your own roles' },
  OWN_ACCOUNT_NOT_DISABLEABLE: { zh: '不能停用自己的账号', en: 'You cannot disable your own account' },
  LAST_ADMINISTRATOR: { zh: '至少须保留一名系统管理员', en: 'The last administrator must stay' },
  PASSWORD_CHANGE_REQUIRED: { zh: '请先修改临时密码', en: 'Change your temporary password first' },
  PASSWORD_SIGN_IN_DISABLED: { zh: '本系统不使用密码登录', en: 'Password sign-in is disabled' },
  OIDC_NOT_CONFIGURED: { zh: '未配置统一身份认证', en: 'Single sign-on is not configured' },
  OIDC_SIGN_IN_FAILED: { zh: '统一身份认证登录失败', en: 'Single sign-on failed' },
  OIDC_PROVIDER_UNAVAILABLE: { zh: '统一身份认证服务暂不可用', en: 'The sign-on provider is unavailable' },
  OIDC_ACCOUNT_UNKNOWN: { zh: '统一身份认证账号未在本系统开通', en: 'This sign-on account has no access here' },
  IMPORT_INVALID: { zh: '导入文件有误', en: 'The import file is invalid' },
  WORKBOOK_INVALID: {
    zh: '目标任务分解表有误，未导入任何内容',
    en: 'The target workbook has problems; nothing was imported',
  },
  WORKBOOK_TOO_LARGE: { zh: '工作簿过大', en: 'The workbook is too large' },
  NETWORK: { zh: '无法连接服务器', en: 'The server cannot be reached' },
};

// messages-ui
/**
 * A field's problem in words, by the problem's code (libs/contracts' PROBLEM_CODES, which the API
 * and the console's check before sending give): keyed by the code type, so a new code that lacks
 * words here does not compile. `limit` and `format` are the problem's own; `origin` says whether
 * the bound is on text, a number or a list.
 */
export const PROBLEM_WORDS: Record<
  ProblemCode,
  (problem: { limit?: number; format?: string; origin?: string }) => { zh: string; en: string }
> = {
  required: () => ({ zh: '必填', en: 'Required' }),
  invalid_type: () => ({ zh: '填写的内容类型不对', en: 'Not the expected kind of value' }),
  too_small: ({ limit, origin }) =>
    origin === 'number'
      ? { zh: `不能小于 ${limit}`, en: `At least ${limit}` }
      : origin === 'array'
        ? { zh: `至少选择 ${limit} 项`, en: `Choose at least ${limit}` }
        : limit === 1
          ? { zh: '必填', en: 'Required' }
          : { zh: `至少 ${limit} 个字符`, en: `At least ${limit} characters` },
  too_big: ({ limit, origin }) =>
    origin === 'number'
      ? { zh: `不能大于 ${limit}`, en: `At most ${limit}` }
      : origin === 'array'
        ? { zh: `最多 ${limit} 项`, en: `At most ${limit} items` }
        : { zh: `最多 ${limit} 个字符`, en: `At most ${limit} characters` },
  invalid_format: ({ format }) =>
    format === 'url'
      ? { zh: '须为以 http:// 或 https:// 开头的网址', en: 'Must be an http:// or https:// URL' }
      : format === 'email'
        ? { zh: '须为有效的电子邮箱地址', en: 'Must be an e-mail address' }
        : format === 'datetime'
          ? { zh: '须为有效的日期和时间', en: 'Must be a date and time' }
          : { zh: '格式不正确', en: 'Not in the expected format' },
  invalid_value: () => ({ zh: '不是可选的值', en: 'Not one of the allowed values' }),
  unknown_field: () => ({ zh: '此处不填写此项', en: 'Not used here' }),
  unsafe_text: () => ({ zh: '含有控制字符或不可见字符', en: 'Holds control or invisible characters' }),
  robot_key_missing: () => ({
    zh: '企业微信机器人地址须带 key：…/send?key=<key>',
    en: 'Must carry the robot key: …/send?key=<key>',
  }),
  custom: () => ({ zh: '填写的内容不符合要求', en: 'Not valid' }),
};
