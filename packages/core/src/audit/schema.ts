/**
 * What each recorded action is called, in Vietnamese: the one source for the log page
 * (vi.ts takes these) and the CSV export, so both say the same thing. Pure data, safe for
 * the browser. A test in the web app finds every action the sources record and fails when
 * one is missing here or in English.
 */
export const actionNames = {
  'auth.sign_in': 'Đăng nhập',
  'auth.sign_in_failed': 'Đăng nhập không thành công',
  'account.signed_in_by_link': 'Đăng nhập bằng liên kết',
  'account.created': 'Tạo tài khoản',
  'account.grants_changed': 'Đổi vai trò',
  'account.password_changed': 'Đổi mật khẩu',
  'account.password_change_failed': 'Đổi mật khẩu không thành công',
  'account.password_link_issued': 'Cấp liên kết đặt mật khẩu',
  'account.password_set_by_link': 'Đặt mật khẩu qua liên kết',
  'org.create': 'Thành lập đơn vị',
  'org.update': 'Sửa tên, mã hoặc loại đơn vị',
  'org.move': 'Chuyển đơn vị cấp trên',
  'org.merge': 'Hợp nhất đơn vị',
  'org.dissolve': 'Giải thể đơn vị',
  'org.merge_undo': 'Hoàn tác hợp nhất đơn vị',
  'org.schedule': 'Hẹn ngày thay đổi tổ chức',
  'org.schedule_cancel': 'Huỷ thay đổi tổ chức đã hẹn',
  'org.schedule_apply': 'Áp dụng thay đổi tổ chức đã hẹn',
  'org.schedule_failed': 'Không áp dụng được thay đổi tổ chức đã hẹn',
  'org.import': 'Nhập cây đơn vị từ tệp',
  'roster.import': 'Nhập danh sách cán bộ từ tệp',
  'target.create': 'Tạo chỉ tiêu',
  'target.update': 'Sửa chỉ tiêu',
  'report.download': 'Tải báo cáo',
  'report.schedule': 'Đặt lịch gửi báo cáo',
  'report.unschedule': 'Bỏ lịch gửi báo cáo',
  'certificate.download': 'Tải giấy chứng nhận',
  'credit.submit': 'Gửi chứng chỉ để công nhận tương đương',
  'credit.approve': 'Duyệt công nhận tương đương',
  'credit.scan': 'Xem bản chụp chứng chỉ',
  'exemption.create': 'Miễn trừ bồi dưỡng',
  'exemption.end': 'Kết thúc miễn trừ',
  'exemption.evidence': 'Xem minh chứng miễn trừ',
  'content.publish': 'Xuất bản khoá học',
  'reminder.sent': 'Gửi thư nhắc việc',
  'reminder.noticed': 'Ghi nhận nhắc việc (người không có e-mail)',
  'reminder.run': 'Chạy đợt nhắc việc',
  'reminder.pause': 'Tạm dừng nhắc việc của đơn vị',
  'reminder.resume': 'Tiếp tục nhắc việc của đơn vị',
  'reminder.digest.sent': 'Gửi báo cáo tuần cho cán bộ tổ chức, thủ trưởng đơn vị',
  'reminder.digest.noticed': 'Ghi nhận báo cáo tuần (người nhận không có e-mail)',
  'reminder.digest.run': 'Chạy đợt gửi báo cáo tuần',
  'reminder.late.sent': 'Báo đơn vị không kịp hạn chỉ tiêu',
  'reminder.late.noticed': 'Ghi nhận báo không kịp hạn (người nhận không có e-mail)',
  'reminder.digest.optout': 'Tắt nhận báo cáo tuần',
  'reminder.digest.optin': 'Bật lại nhận báo cáo tuần',
  'reminder.head.set': 'Chỉ định thủ trưởng đơn vị nhận báo cáo tuần',
  'reminder.head.cleared': 'Bỏ chỉ định thủ trưởng đơn vị',
  'tenant.set': 'Đặt tên hiển thị của đơn vị (tỉnh, bộ)',
  'tenant.logo': 'Đổi biểu trưng của đơn vị',
  'tenant.logo_removed': 'Bỏ biểu trưng của đơn vị',
  'tenant.removed': 'Bỏ tên hiển thị riêng của đơn vị',
  'mail.bounced': 'Thư không đến được người nhận (địa chỉ hỏng)',
  'mail.complained': 'Người nhận báo thư là thư rác',
  'mail.rejected': 'Amazon SES từ chối gửi thư',
} as const;

export type Action = keyof typeof actionNames;

/** The Vietnamese name of an action; an action this release does not know reads as its code. */
export const actionName = (action: string): string => (actionNames as Record<string, string>)[action] ?? action;

/**
 * The detail fields that hold unit ids, as the domains write them (`sources` of a merge or `sourceIds` of one scheduled,
 * `mergedInto`, the parents of a move or a new unit, and the `unitId` of each grant).
 */
const UNIT_FIELDS = new Set(['unitId', 'parentId', 'fromParentId', 'toParentId', 'mergedInto', 'sources', 'sourceIds']);

/** Every unit id an entry names: its own unit and those inside its detail, at any depth. */
export function unitIdsOf(entry: { unitId?: string | null; detail?: Record<string, unknown> }): string[] {
  const out = entry.unitId ? [entry.unitId] : [];
  const visit = (value: unknown, unitField: boolean): void => {
    if (typeof value === 'string') {
      if (unitField) out.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, unitField);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) visit(inner, UNIT_FIELDS.has(key) || (unitField && key === 'id'));
    }
  };
  visit(entry.detail, false);
  return out;
}
