/// What a line on an incident's timeline records. The raw value is stored;
/// the pages name each kind in the reader's language.
public enum TimelineKind: String, CaseIterable, Sendable {
  case created, status, edit, note, assessment
  /// A notification to the authority (or a phase of it) was sent.
  case notification
  /// A deadline was met.
  case dutyDone = "duty_done"
  /// A measure taken (or, with `planned`, decided on); the report lists them.
  case measure
  /// A stakeholder was told (or the step was found not needed).
  case communication
  /// The customers the incident affects changed.
  case customers
  /// Letters to the people affected were approved, or a public communication made.
  case letters
  /// A reply or enquiry from a person affected, logged by a responder.
  case enquiry
  /// A list of affected persons was imported (counts only).
  case subjects
  /// A runbook attached, or one of its steps ticked off (or the tick taken back).
  case runbook
  /// The post-mortem was changed or completed, or an action item added or done.
  case postMortem = "post_mortem"
  /// An update was published to the public status page.
  case statusUpdate = "status_update"
  /// A response stage was marked done, or the service recorded as restored.
  case stage
  /// The responder recorded that data was restored from a backup job.
  case backupRestore = "backup_restore"
}
