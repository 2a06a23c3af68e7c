/// What a message in the outbox is, so a dispatcher can send one kind
/// (e.g. `letters send` sends letters and controller notices) and the
/// incident page can count them apart.
public enum OutboxKind: String, Sendable, CaseIterable, Codable {
  /// A letter to an affected person (GDPR Art. 34).
  case letter
  /// A processor's notice to its controller (GDPR Art. 33(2)).
  case controllerNotice = "controller_notice"
  /// A deadline reminder to a clock's owner.
  case reminder
  /// A communication of the stakeholder matrix, e.g. customers told of an outage.
  case stakeholder
  /// A JSON body posted to a webhook of the stakeholder matrix (Slack-compatible or signed).
  case webhook
  /// An alert to a backup job's owner that the job is overdue (not tied to an incident).
  case backupAlert = "backup_alert"
}

/// Where a message in the outbox is on its way out.
public enum OutboxStatus: String, Sendable, CaseIterable, Codable {
  /// Waiting for a dispatcher.
  case queued
  /// Claimed by a dispatcher (a lease); not yet handed to the mail server.
  case sending
  /// Being handed to the mail server: if the sender dies now, the message
  /// may have been delivered, so a re-send is recorded as a possible duplicate.
  case handingOver = "handing_over"
  /// The mail server accepted it (250 after the message's end).
  case sent
  /// The server said "try later" (4xx) or could not be reached; retried at `next_attempt_at`.
  case failedTemporarily = "failed_temporarily"
  /// The server refused it (5xx), or it kept failing until the retries ran out.
  case failedPermanently = "failed_permanently"
}
