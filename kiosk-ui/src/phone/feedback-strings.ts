import type { Locale } from '@guichet/server/protocol';

/**
 * The phone page's words about a given rating, the supplementary comment and the 意见
 * (complaint) form, in both languages. `{x}` placeholders are filled by `ft`.
 */
const zh = {
  'rated.thanks': '感谢您的评价',
  'rated.pad': '本次服务已在窗口评价器上评价，无需再次评价。',
  'rated.keypad': '本次服务已在窗口评价键盘上评价，无需再次评价。',
  'rated.kiosk': '本次服务已在自助机上评价，无需再次评价。',
  'rated.phone': '本次服务已通过手机评价，无需再次评价。',
  'rated.already': '本次服务已经评价过，无需再次评价。',
  'comment.title': '补充评价（可选）',
  'comment.until': '可在 {time} 前补充一次',
  'comment.label': '您想补充的话',
  'comment.send': '提交补充评价',
  'comment.sent': '补充评价已收到，谢谢。',
  'comment.failed': '补充评价未能提交，请稍后再试',
  'complaint.open': '提意见或投诉',
  'complaint.title': '对本次服务的意见',
  'complaint.intro': '您的意见将登记并由专人在 1 个工作日内核实，15 个工作日内答复。',
  'complaint.category': '意见类别',
  'complaint.cat.attitude': '服务态度',
  'complaint.cat.efficiency': '办事效率',
  'complaint.cat.rules': '政策与流程',
  'complaint.cat.environment': '大厅环境',
  'complaint.cat.other': '其他',
  'complaint.text': '具体内容（必填，最多 {max} 字）',
  'complaint.count': '{n} / {max}',
  'complaint.name': '称呼（可选）',
  'complaint.phone': '联系电话（可选，用于回访）',
  'complaint.phoneInvalid': '电话号码只能包含数字、空格、+ 和 -，5–20 位',
  'complaint.send': '提交意见',
  'complaint.cancel': '收起',
  'complaint.sent': '意见已登记，受理编号 {ref}。请保存此编号以便查询。',
  'complaint.limit':
    '本号码（或本手机今天）提交意见的次数已达上限，暂时不能再提交。已提交的意见都已登记。如需继续反映，请到服务台或拨打 12345。',
  'complaint.failed': '意见未能提交，请稍后再试',
  'complaint.needText': '请填写具体内容',
};
const en: Record<keyof typeof zh, string> = {
  'rated.thanks': 'Thank you for your rating',
  'rated.pad': "This visit was already rated on the counter's rating pad; no need to rate again.",
  'rated.keypad': "This visit was already rated on the counter's keypad; no need to rate again.",
  'rated.kiosk': 'This visit was already rated at the kiosk; no need to rate again.',
  'rated.phone': 'This visit was already rated from a phone; no need to rate again.',
  'rated.already': 'This visit has already been rated; no need to rate again.',
  'comment.title': 'Add a comment (optional)',
  'comment.until': 'You can add one comment until {time}',
  'comment.label': 'What you would like to add',
  'comment.send': 'Send comment',
  'comment.sent': 'Your comment was received. Thank you.',
  'comment.failed': 'Could not send the comment; please try again',
  'complaint.open': 'Make a suggestion or complaint',
  'complaint.title': 'Your comments on this visit',
  'complaint.intro':
    'Your complaint is registered; staff check it within 1 working day and answer within 15 working days.',
  'complaint.category': 'What is it about?',
  'complaint.cat.attitude': 'Staff attitude',
  'complaint.cat.efficiency': 'Speed of service',
  'complaint.cat.rules': 'Rules and procedure',
  'complaint.cat.environment': 'The hall',
  'complaint.cat.other': 'Other',
  'complaint.text': 'Details (required, at most {max} characters)',
  'complaint.count': '{n} / {max}',
  'complaint.name': 'Your name (optional)',
  'complaint.phone': 'Phone number (optional, for the callback)',
  'complaint.phoneInvalid': 'A phone number has 5–20 digits, spaces, + or -',
  'complaint.send': 'Send',
  'complaint.cancel': 'Close',
  'complaint.sent': 'Registered under reference {ref}. Please keep it to follow up.',
  'complaint.limit':
    'This ticket (or this phone today) has reached the limit of complaints; no more can be sent for now. Those already sent are registered. To say more, please go to the service desk or call 12345.',
  'complaint.failed': 'Could not send; please try again',
  'complaint.needText': 'Please write what happened',
};

export type FeedbackKey = keyof typeof zh;
export const FEEDBACK_STRINGS: Record<Locale, Record<FeedbackKey, string>> = { 'zh-CN': zh, en };

export function ft(locale: Locale, key: FeedbackKey, params: Record<string, string | number> = {}): string {
  return FEEDBACK_STRINGS[locale][key].replace(/\{(\w+)\}/g, (m, n: string) =>
    params[n] === undefined ? m : String(params[n]),
  );
}
