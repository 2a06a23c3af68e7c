/// Everything the audit trail records. The raw value is what the canonical
/// bytes of an entry hold; a misspelt action is a compile error.
public enum AuditAction: String, CaseIterable, Sendable {
  case loginSucceeded = "login.succeeded"
  case loginFailed = "login.failed"
  case logout
  case userCreate = "user.create"
  case userRoleChange = "user.role_change"
  case userDisable = "user.disable"
  case userEnable = "user.enable"
  case userPasswordChange = "user.password_change"
  case userTOTPStart = "user.totp_start"
  case userTOTPEnable = "user.totp_enable"
  case userTOTPDisable = "user.totp_disable"
  case userRecoveryCodeUsed = "user.recovery_code_used"
  case tokenCreate = "token.create"
  case tokenRevoke = "token.revoke"
  case tokenRevokeAll = "token.revoke_all"
  case settingsUpdate = "settings.update"
  case incidentCreate = "incident.create"
  case incidentUpdate = "incident.update"
  case incidentNote = "incident.note"
  case incidentAssess = "incident.assess"
  case incidentDutyDone = "incident.duty_done"
  case incidentNotification = "incident.notification"
  /// A list of affected persons was imported (counts only).
  case incidentSubjectsImport = "incident.subjects_import"
  /// The affected persons of a closed incident were deleted after the retention period (counts only).
  case incidentSubjectsPurge = "incident.subjects_purge"
}
