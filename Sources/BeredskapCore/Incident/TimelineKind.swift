/// What a line on an incident's timeline records. The raw value is stored;
/// the pages name each kind in the reader's language.
public enum TimelineKind: String, CaseIterable, Sendable {
  case created, status, edit, note, assessment
  /// A notification to the authority (or a phase of it) was sent.
  case notification
  /// A deadline was met.
  case dutyDone = "duty_done"
  /// A list of affected persons was imported (counts only).
  case subjects
}
