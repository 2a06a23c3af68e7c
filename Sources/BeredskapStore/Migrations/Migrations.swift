import FluentKit
import SQLKit

/// The ordered migration list. Migrations only add; a shipped one is never edited.
public enum Migrations {
  public static let all: [any Migration] = [
    CreateUsers(),  // people who sign in, with roles and second factor
    CreateAPITokens(),  // hashed tokens for the CLI and integrations
    CreateSessions(),  // signed-in browsers, stored so any instance can serve them
    CreateIncidents(),  // the incidents, numbered INC-YYYY-NNN
    CreateIncidentCounters(),  // one row per year: the gap-free sequence under concurrency
    CreateTimelineEvents(),  // what happened on each incident, in order
    CreateAuditTrail(),  // the hash-chained audit entries and the chain head
    CreateLoginAttempts(),  // failed sign-ins, for throttling across instances
    CreateSettings(),  // organisation-wide settings such as "require two-factor"
    CreateAssessments(),  // every assessment of an incident, facts and decision
    CreateDuties(),  // the clocks: legal and plan deadlines, and when each was met
    CreateReminders(),  // reminders raised before and at each deadline, once across instances
    CreateNotificationPhases(),  // notifications to the authority sent in phases (Art. 33(4))
    AddAuditSeal(),  // audit entries get a format version and a MAC made with the data key
    CreateAuditVerifications(),  // the last audit checks, shown on the audit page
    CreateFailedLoginWindows(),  // failed sign-ins summarised per 15 minutes in the audit trail
    AddTOTPLastStep(),  // a second-factor code is accepted once: the last time step used per user
    AddTokenExpiry(),  // API tokens end after a configurable number of days
    AddPurgeIndexes(),  // the scheduler deletes expired sessions and old login attempts by time
    CreateReportSections(),  // sections of the report to the authority written over by a person
    CreateCommunications(),  // the stakeholder matrix: what was told to whom, and the customers an incident affects
    CreateLetterBatches(),  // letters to the people affected: shared texts, approval, public communication
    CreateLetterRecipients(),  // who each approved batch included, by e-mail or another way
    CreateAffectedPeople(),  // the persons affected by a breach, personal data sealed with the data key
    CreateAffectedPersonKeys(),  // keyed hashes of their e-mail, phone and national id, for de-duplication
    CreateOutboxMessages(),  // every e-mail to send, with a sealed copy and its proof of sending
    AddUnsealedAuditIndex(),  // the start-up check for unsealed audit entries no longer reads the whole trail
    CreateBackupRuns(),  // runs of the organisation's backup jobs and of Beredskap's own backups
    CreateIncidentRunbooks(),  // runbooks attached to incidents as checklists, and their ticked steps
    CreatePostMortems(),  // post-mortems, action items, and restore tests, failover tests and drills on record
    CreateBackupAlerts(),  // one e-mail per overdue spell of a backup job, across instances
    CreateStatusUpdates(),  // what was published about an incident on the public status page
    CreateMaintenanceWindows(),  // planned maintenance announced on the public status page
    CreateStageMarks(),  // response stages done, their reminders, and restores from backup (continuity figures)
    AddOutboxClaimIndex(),  // the dispatcher finds the oldest due messages without reading the whole outbox
  ]
}

struct CreateUsers: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(UserRecord.schema)
      .id()
      .field("email", .string, .required).unique(on: "email")
      .field("name", .string, .required)
      .field("role", .string, .required)
      .field("password_hash", .string)
      .field("totp_secret", .string)
      .field("totp_enabled", .bool, .required)
      .field("recovery_codes", .string, .required)
      .field("disabled", .bool, .required)
      .field("language", .string, .required)
      .field("created_at", .datetime, .required)
      .create()
  }
  func revert(on db: Database) async throws { try await db.schema(UserRecord.schema).delete() }
}

struct CreateAPITokens: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(APITokenRecord.schema)
      .id()
      .field("user_id", .uuid, .required, .references(UserRecord.schema, "id", onDelete: .cascade))
      .field("name", .string, .required)
      .field("token_hash", .string, .required).unique(on: "token_hash")
      .field("created_at", .datetime, .required)
      .field("last_used_at", .datetime)
      .field("revoked_at", .datetime)
      .create()
  }
  func revert(on db: Database) async throws { try await db.schema(APITokenRecord.schema).delete() }
}

struct CreateSessions: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(BrowserSessionRecord.schema)
      .id()
      .field("token_hash", .string, .required).unique(on: "token_hash")
      .field("user_id", .uuid, .references(UserRecord.schema, "id", onDelete: .cascade))
      .field("pending_second_factor", .bool, .required)
      .field("csrf_token", .string, .required)
      .field("created_at", .datetime, .required)
      .field("expires_at", .datetime, .required)
      .create()
  }
  func revert(on db: Database) async throws { try await db.schema(BrowserSessionRecord.schema).delete() }
}

struct CreateIncidents: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(IncidentRecord.schema)
      .id()
      .field("year", .int, .required)
      .field("seq", .int, .required)
      .unique(on: "year", "seq")
      .field("title", .string, .required)
      .field("summary", .string, .required)
      .field("severity", .int, .required)
      .field("status", .string, .required)
      .field("discovered_at", .datetime, .required)
      .field("discovered_by", .string, .required)
      .field("occurred_at", .datetime)
      .field("systems_affected", .string, .required)
      .field("attack_vector", .string)
      .field("owner_id", .uuid, .references(UserRecord.schema, "id", onDelete: .setNull))
      .field("created_at", .datetime, .required)
      .field("updated_at", .datetime, .required)
      .create()
    // Newest first with a cursor: the list reads this index backwards.
    try await (db as! any SQLDatabase).create(index: "incidents_newest").on(IncidentRecord.schema)
      .column("year").column("seq").run()
    try await (db as! any SQLDatabase).create(index: "incidents_status").on(IncidentRecord.schema)
      .column("status").run()
  }
  func revert(on db: Database) async throws { try await db.schema(IncidentRecord.schema).delete() }
}

struct CreateIncidentCounters: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema("incident_counters")
      .field("year", .int, .identifier(auto: false))
      .field("last", .int, .required)
      .create()
  }
  func revert(on db: Database) async throws { try await db.schema("incident_counters").delete() }
}

struct CreateTimelineEvents: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(TimelineEventRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id", onDelete: .cascade))
      .field("at", .datetime, .required)
      .field("actor", .string, .required)
      .field("kind", .string, .required)
      .field("text", .string, .required)
      .field("data", .string, .required)
      .create()
    try await (db as! any SQLDatabase).create(index: "timeline_incident").on(TimelineEventRecord.schema)
      .column("incident_id").column("at").run()
  }
  func revert(on db: Database) async throws { try await db.schema(TimelineEventRecord.schema).delete() }
}

struct CreateAuditTrail: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(AuditEntryRecord.schema)
      .field("seq", .int64, .identifier(auto: false))
      .field("at", .datetime, .required)
      .field("actor", .string, .required)
      .field("action", .string, .required)
      .field("subject", .string, .required)
      .field("fields", .string, .required)
      .field("previous_hash", .string, .required)
      .field("hash", .string, .required)
      .create()
    // A second writer on a stale head fails here instead of forking the chain.
    try await (db as! any SQLDatabase).create(index: "audit_previous_unique").unique().on(AuditEntryRecord.schema)
      .column("previous_hash").run()
    try await db.schema("audit_head")
      .field("id", .int, .identifier(auto: false))
      .field("seq", .int64, .required)
      .field("hash", .string, .required)
      .create()
    try await (db as! any SQLDatabase).insert(into: "audit_head").columns("id", "seq", "hash")
      .values(SQLBind(1), SQLBind(Int64(0)), SQLBind(String(repeating: "0", count: 64))).run()
  }
  func revert(on db: Database) async throws {
    try await db.schema("audit_head").delete()
    try await db.schema(AuditEntryRecord.schema).delete()
  }
}

struct CreateLoginAttempts: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(LoginAttemptRecord.schema)
      .id()
      .field("account_key", .string, .required)
      .field("client_key", .string, .required)
      .field("at", .datetime, .required)
      .create()
    try await (db as! any SQLDatabase).create(index: "login_attempts_account").on(LoginAttemptRecord.schema)
      .column("account_key").column("at").run()
    try await (db as! any SQLDatabase).create(index: "login_attempts_client").on(LoginAttemptRecord.schema)
      .column("client_key").column("at").run()
  }
  func revert(on db: Database) async throws { try await db.schema(LoginAttemptRecord.schema).delete() }
}

struct CreateSettings: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(SettingRecord.schema)
      .field("key", .string, .identifier(auto: false))
      .field("value", .string, .required)
      .create()
  }
  func revert(on db: Database) async throws { try await db.schema(SettingRecord.schema).delete() }
}

struct CreateAssessments: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(AssessmentRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id", onDelete: .cascade))
      .field("at", .datetime, .required)
      .field("actor", .string, .required)
      .field("facts", .string, .required)
      .field("result", .string, .required)
      .field("risk", .string, .required)
      .field("notify_authority", .bool, .required)
      .field("notify_subjects", .bool, .required)
      .field("notify_controller", .bool, .required)
      .create()
    try await (db as! any SQLDatabase).create(index: "assessments_incident").on(AssessmentRecord.schema)
      .column("incident_id").column("at").run()
  }
  func revert(on db: Database) async throws { try await db.schema(AssessmentRecord.schema).delete() }
}

struct CreateDuties: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(DutyRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id", onDelete: .cascade))
      .field("kind", .string, .required)
      .unique(on: "incident_id", "kind")
      .field("title", .string, .required)
      .field("article", .string, .required)
      .field("due_at", .datetime, .required)
      .field("required", .bool, .required)
      .field("done_at", .datetime)
      .field("done_by", .string)
      .field("reference", .string)
      .field("delay_reason", .string)
      .create()
    try await (db as! any SQLDatabase).create(index: "duties_due").on(DutyRecord.schema)
      .column("required").column("done_at").column("due_at").run()
  }
  func revert(on db: Database) async throws { try await db.schema(DutyRecord.schema).delete() }
}

struct CreateReminders: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(ReminderRecord.schema)
      .id()
      .field("duty_id", .uuid, .required, .references(DutyRecord.schema, "id", onDelete: .cascade))
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id", onDelete: .cascade))
      .field("offset_hours", .double, .required)
      .unique(on: "duty_id", "offset_hours")
      .field("raised_at", .datetime, .required)
      .field("raised_by", .string, .required)
      .field("caught_up", .bool, .required)
      .create()
  }
  func revert(on db: Database) async throws { try await db.schema(ReminderRecord.schema).delete() }
}

struct CreateNotificationPhases: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(NotificationPhaseRecord.schema)
      .id()
      .field("incident_id", .uuid, .required, .references(IncidentRecord.schema, "id", onDelete: .cascade))
      .field("phase", .int, .required)
      .unique(on: "incident_id", "phase")
      .field("sent_at", .datetime, .required)
      .field("sent_by", .string, .required)
      .field("reference", .string)
      .field("content", .string, .required)
      .field("complete", .bool, .required)
      .create()
  }
  func revert(on db: Database) async throws { try await db.schema(NotificationPhaseRecord.schema).delete() }
}
