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
  /// A measure taken or planned, on the timeline and in the report.
  case incidentMeasure = "incident.measure"
  /// A section of the report to the authority written over, or given back to the draft.
  case reportSectionEdit = "report.section_edit"
  case reportSectionReset = "report.section_reset"
  /// A communication of the stakeholder matrix done (or found not needed).
  case incidentCommunication = "incident.communication"
  /// The customers an incident affects were set.
  case incidentCustomers = "incident.customers"
  /// The shared texts of the letters to the people affected were edited.
  case lettersTexts = "letters.texts"
  /// A batch of letters was approved and put in the outbox.
  case lettersApprove = "letters.approve"
  /// A public communication was made instead of letters (Art. 34(3)(c)).
  case lettersPublic = "letters.public"
  /// A person without e-mail was told another way (post, phone).
  case lettersTold = "letters.told"
  /// A reply or enquiry from a person affected was logged.
  case incidentEnquiry = "incident.enquiry"
  /// A list of affected persons was imported (counts only).
  case incidentSubjectsImport = "incident.subjects_import"
  /// The affected persons of a closed incident were deleted after the retention period (counts only).
  case incidentSubjectsPurge = "incident.subjects_purge"
  /// A runbook was attached to an incident as a checklist.
  case runbookAttach = "runbook.attach"
  /// A step of an incident's runbook was ticked off, or the tick taken back.
  case runbookTick = "runbook.tick"
  case runbookUntick = "runbook.untick"
  /// A post-mortem was written or changed (changed texts as SHA-256).
  case postMortemSave = "post_mortem.save"
  /// A post-mortem was marked complete.
  case postMortemComplete = "post_mortem.complete"
  /// An action item was added, or marked done.
  case actionItemAdd = "action_item.add"
  case actionItemDone = "action_item.done"
  /// A restore test, failover test or table-top exercise was recorded.
  case exerciseRecord = "exercise.record"
  /// A run of a backup job was reported (or Beredskap made its own backup).
  case backupRun = "backup.run"
  /// Beredskap's database was restored from one of its own backups.
  case backupRestore = "backup.restore"
  /// An update about an incident was published to the public status page.
  case statusUpdatePublish = "status.update_publish"
  /// Planned maintenance was announced on the public status page.
  case maintenanceCreate = "status.maintenance_create"
  /// A response stage of an incident was marked done (or the service restored).
  case incidentStage = "incident.stage"
  /// Data of an incident was restored from a backup job (for the data-loss figure).
  case incidentBackupRestore = "incident.backup_restore"
}
