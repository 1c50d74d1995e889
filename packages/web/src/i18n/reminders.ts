/**
 * The reminders page's words (issue 18). Only HR officers and admins open that page, so its
 * strings travel with it instead of in the dictionary every learner's first page downloads
 * (the learner pages' JavaScript budget, test/e2e/js-budget.test.ts). Read with `tr`.
 */
import { fill, locale } from './index.ts';

const vi = {
  title: 'Nhắc nhở',
  intro:
    'Học viên được nhắc khi một yêu cầu bắt đầu, 30 ngày và 7 ngày trước hạn, một ngày sau khi quá hạn, và khi kết quả sắp hết hiệu lực. Mỗi người nhận nhiều nhất một thư một ngày (gộp mọi việc đến hạn), không có thư nào từ 21:00 đến 07:00, và không ai được miễn, đã hoàn thành hoặc đã nghỉ nhận thư. Thư chỉ nêu việc của chính người nhận, kèm một đường dẫn đăng nhập dùng một lần; ai không có e-mail trong danh sách thì nhận thông báo trong ứng dụng.',
  planTitle: 'Sẽ nhắc hôm nay: {unit}',
  planCount: '{n} người sẽ được nhắc.',
  planEmpty: 'Hôm nay không có ai cần nhắc trong đơn vị này và các đơn vị trực thuộc.',
  send: 'Gửi ngay cho {unit}',
  confirm: 'Gửi thư nhắc việc hôm nay cho {n} người của {unit} và các đơn vị trực thuộc? Người đã nhận thư hôm nay sẽ không nhận thêm.',
  confirmYes: 'Đồng ý gửi',
  done: 'Đã gửi {sent} thư; {notice} người chỉ nhận thông báo trong ứng dụng (không có e-mail); {already} người đã được nhắc trước đó hôm nay.',
  quiet: 'Đang trong giờ không gửi thư (21:00–07:00, giờ Việt Nam): thư đến hạn sẽ được gửi từ 07:00.',
  callList: 'Danh sách gọi điện',
  callListIntro:
    'Cho nơi cán bộ không dùng e-mail: ai còn chưa hoàn thành chỉ tiêu, ở đơn vị nào, còn khoá học nào và hạn nào, kèm cột ghi chú khi đã liên hệ.',
  'callList.pdf': 'Tải danh sách để in (PDF)',
  'callList.xlsx': 'Tải danh sách (Excel)',
  pause: 'Tạm dừng nhắc việc',
  resume: 'Tiếp tục nhắc việc',
  pauseName: 'Tạm dừng nhắc việc của {unit}',
  resumeName: 'Tiếp tục nhắc việc của {unit}',
  pauseQuestion: 'Tạm dừng mọi thư nhắc việc cho người của {unit} và các đơn vị trực thuộc cho đến khi bạn bấm tiếp tục?',
  resumeQuestion: 'Tiếp tục gửi thư nhắc việc cho người của {unit} và các đơn vị trực thuộc?',
  pausedHere: 'Nhắc việc của đơn vị này đang tạm dừng (từ {date}, do {by}): không ai trong đơn vị và các đơn vị trực thuộc nhận thư.',
  pausedAbove: 'Nhắc việc đang tạm dừng ở một đơn vị cấp trên: người của đơn vị này cũng không nhận thư.',
  historyTitle: 'Đã gửi',
  historyEmpty: 'Chưa có thư nhắc việc nào được gửi cho đơn vị này.',
  'col.person': 'Người nhận',
  'col.items': 'Việc đến hạn',
  'col.channel': 'Gửi qua',
  'col.day': 'Ngày',
  'col.reasons': 'Lý do',
  'col.state': 'Trạng thái',
  'channel.email': 'E-mail và thông báo trong ứng dụng',
  'channel.notice': 'Chỉ thông báo trong ứng dụng (không có e-mail)',
  item: '{reason} · hạn {date}',
  'reason.start': 'Bắt đầu yêu cầu',
  'reason.due-30': '30 ngày trước hạn',
  'reason.due-7': '7 ngày trước hạn',
  'reason.overdue-1': 'Đã quá hạn',
  'reason.lapse': 'Kết quả sắp hết hiệu lực',
  'state.pending': 'Chờ gửi',
  'state.sending': 'Đang gửi',
  'state.sent': 'Đã gửi',
  'state.no-address': 'Chỉ thông báo trong ứng dụng',
};

const en: Record<keyof typeof vi, string> = {
  title: 'Reminders',
  intro:
    'Learners are reminded when a requirement starts, 30 and 7 days before it is due, the day after it is missed, and when a completion is about to lapse. Each person gets at most one message a day (every item due in it), none between 21:00 and 07:00, and nobody exempt, done or gone gets one. A message names only what its reader owes, with a one-time sign-in link; people without an e-mail on the roster get an in-app notice.',
  planTitle: 'To be reminded today: {unit}',
  planCount: '{n} people will be reminded.',
  planEmpty: 'Nobody in this unit or its units needs a reminder today.',
  send: 'Send now for {unit}',
  confirm: 'Send today’s reminders to {n} people of {unit} and its units? Anyone already reminded today gets nothing more.',
  confirmYes: 'Yes, send',
  done: 'Sent {sent} messages; {notice} people get the in-app notice only (no e-mail); {already} were already reminded today.',
  quiet: 'Quiet hours (21:00–07:00, Vietnam time): messages due go out from 07:00.',
  callList: 'Call list',
  callListIntro:
    'For places where staff do not use e-mail: who has not finished the target yet, in which unit, which courses are left and by when, with a column to note each call.',
  'callList.pdf': 'Download the list to print (PDF)',
  'callList.xlsx': 'Download the list (Excel)',
  pause: 'Pause reminders',
  resume: 'Resume reminders',
  pauseName: 'Pause reminders for {unit}',
  resumeName: 'Resume reminders for {unit}',
  pauseQuestion: 'Pause every reminder to the people of {unit} and its units until you resume?',
  resumeQuestion: 'Resume reminders to the people of {unit} and its units?',
  pausedHere: 'Reminders of this unit are paused (since {date}, by {by}): nobody in it or its units gets one.',
  pausedAbove: 'Reminders are paused at a unit above: the people of this unit get none either.',
  historyTitle: 'Sent',
  historyEmpty: 'No reminder has been sent for this unit yet.',
  'col.person': 'Recipient',
  'col.items': 'Due',
  'col.channel': 'Sent by',
  'col.day': 'Day',
  'col.reasons': 'Reason',
  'col.state': 'State',
  'channel.email': 'E-mail and in-app notice',
  'channel.notice': 'In-app notice only (no e-mail)',
  item: '{reason} · due {date}',
  'reason.start': 'Requirement starts',
  'reason.due-30': '30 days before due',
  'reason.due-7': '7 days before due',
  'reason.overdue-1': 'Overdue',
  'reason.lapse': 'Completion about to lapse',
  'state.pending': 'Waiting',
  'state.sending': 'Sending',
  'state.sent': 'Sent',
  'state.no-address': 'In-app notice only',
};

export type ReminderKey = keyof typeof vi;

export const tr = (key: ReminderKey, params: Record<string, string | number> = {}): string => fill((locale() === 'en' ? en : vi)[key], params);
