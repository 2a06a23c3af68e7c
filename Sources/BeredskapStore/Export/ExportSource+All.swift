import BeredskapCore
import FluentKit
import Foundation

extension ExportSource {
  /// Every table of the full export, in this order. Add a line for a new table.
  public static let all: [ExportSource] = [
    .table(
      "incidents",
      [
        .init("id", .uuid), .init("year", .int), .init("seq", .int), .init("title", .text), .init("summary", .text),
        .init("severity", .int), .init("status", .text), .init("discovered_at", .date), .init("discovered_by", .text),
        .init("occurred_at", .date), .init("systems_affected", .text), .init("attack_vector", .text),
        .init("owner_id", .uuid), .init("created_at", .date), .init("updated_at", .date),
      ], orderBy: ["year", "seq"]),
    .table(
      "timeline_events",
      [
        .init("id", .uuid), .init("incident_id", .uuid), .init("at", .date), .init("actor", .text),
        .init("kind", .text), .init("text", .text), .init("data", .text),
      ], orderBy: ["at", "id"]),
    .table(
      "assessments",
      [
        .init("id", .uuid), .init("incident_id", .uuid), .init("at", .date), .init("actor", .text),
        .init("facts", .text), .init("result", .text), .init("risk", .text), .init("notify_authority", .bool),
        .init("notify_subjects", .bool), .init("notify_controller", .bool),
      ], orderBy: ["at", "id"]),
    .table(
      "duties",
      [
        .init("id", .uuid), .init("incident_id", .uuid), .init("kind", .text), .init("title", .text),
        .init("article", .text), .init("due_at", .date), .init("required", .bool), .init("done_at", .date),
        .init("done_by", .text), .init("reference", .text), .init("delay_reason", .text),
      ], orderBy: ["due_at", "id"]),
    .table(
      "reminders",
      [
        .init("id", .uuid), .init("duty_id", .uuid), .init("incident_id", .uuid), .init("offset_hours", .double),
        .init("raised_at", .date), .init("raised_by", .text), .init("caught_up", .bool),
      ], orderBy: ["raised_at", "id"]),
    .table(
      "notification_phases",
      [
        .init("id", .uuid), .init("incident_id", .uuid), .init("phase", .int), .init("sent_at", .date),
        .init("sent_by", .text), .init("reference", .text), .init("content", .text), .init("complete", .bool),
      ], orderBy: ["sent_at", "id"]),
    .table(
      "report_sections",
      [
        .init("id", .uuid), .init("incident_id", .uuid), .init("phase", .int), .init("section", .text),
        .init("text", .text), .init("edited_by", .text), .init("edited_at", .date),
      ], orderBy: ["edited_at", "id"]),
    .table(
      "communications",
      [
        .init("id", .uuid), .init("incident_id", .uuid), .init("key", .text), .init("outcome", .text),
        .init("done_at", .date), .init("done_by", .text), .init("note", .text), .init("recorded_at", .date),
      ], orderBy: ["done_at", "id"]),
    .table(
      "incident_customers", [.init("id", .uuid), .init("incident_id", .uuid), .init("customer_id", .text)],
      orderBy: ["incident_id", "customer_id"]),
    .table(
      "letter_batches",
      [
        .init("id", .uuid), .init("incident_id", .uuid), .init("texts", .text), .init("approved_at", .date),
        .init("approved_by", .text), .init("letters", .int), .init("other_channel", .int),
        .init("public_channel", .text), .init("public_justification", .text), .init("public_at", .date),
        .init("created_at", .date), .init("updated_at", .date),
      ], orderBy: ["created_at", "id"]),
    .table(
      "letter_recipients",
      [
        .init("id", .uuid), .init("batch_id", .uuid), .init("incident_id", .uuid), .init("person_id", .uuid),
        .init("channel", .text), .init("told_at", .date), .init("told_by", .text),
      ], orderBy: ["batch_id", "id"]),
    affectedPeople,
    lettersProof,
    .table(
      "users",
      [
        .init("id", .uuid), .init("email", .text), .init("name", .text), .init("role", .text),
        .init("totp_enabled", .bool), .init("disabled", .bool), .init("language", .text), .init("created_at", .date),
      ], orderBy: ["created_at", "email"]),
    .table(
      "audit_entries",
      [
        .init("seq", .int), .init("at", .date), .init("actor", .text), .init("action", .text),
        .init("subject", .text), .init("fields", .text), .init("previous_hash", .text), .init("hash", .text),
        .init("version", .int), .init("mac", .text),
      ], orderBy: ["seq"]),
    .table(
      "status_updates",
      [
        .init("id", .uuid), .init("incident_id", .uuid), .init("title", .text), .init("message", .text),
        .init("status", .text), .init("components", .text), .init("published_at", .date),
        .init("published_by", .text),
      ], orderBy: ["published_at", "id"]),
    .table(
      "maintenance_windows",
      [
        .init("id", .uuid), .init("title", .text), .init("message", .text), .init("components", .text),
        .init("starts_at", .date), .init("ends_at", .date), .init("created_at", .date), .init("created_by", .text),
      ], orderBy: ["starts_at", "id"]),
    .table(
      "backup_runs",
      [
        .init("id", .uuid), .init("job_id", .text), .init("status", .text), .init("finished_at", .date),
        .init("size_bytes", .int), .init("sha256", .text), .init("reported_by", .text), .init("created_at", .date),
      ], orderBy: ["finished_at", "id"]),
    .table(
      "incident_runbooks",
      [
        .init("id", .uuid), .init("incident_id", .uuid), .init("runbook_id", .text), .init("runbook", .text),
        .init("started_at", .date), .init("started_by", .text),
      ], orderBy: ["started_at", "id"]),
    .table(
      "runbook_ticks",
      [
        .init("id", .uuid), .init("run_id", .uuid), .init("step", .int), .init("done_at", .date),
        .init("done_by", .text),
      ],
      orderBy: ["done_at", "id"]),
    .table(
      "post_mortems",
      [
        .init("id", .uuid), .init("incident_id", .uuid), .init("texts", .text), .init("completed_at", .date),
        .init("completed_by", .text), .init("updated_at", .date), .init("updated_by", .text),
      ], orderBy: ["updated_at", "id"]),
    .table(
      "action_items",
      [
        .init("id", .uuid), .init("source", .text), .init("source_ref", .text), .init("text", .text),
        .init("owner", .text), .init("due_at", .date), .init("done_at", .date), .init("done_by", .text),
        .init("created_at", .date), .init("created_by", .text),
      ], orderBy: ["created_at", "id"]),
    .table(
      "exercises",
      [
        .init("id", .uuid), .init("kind", .text), .init("held_at", .date), .init("scenario", .text),
        .init("participants", .text), .init("restore_minutes", .int), .init("data_loss_minutes", .int),
        .init("outcome", .text), .init("findings", .text), .init("recorded_by", .text), .init("created_at", .date),
      ], orderBy: ["held_at", "id"]),
  ]

  /// The people affected, decrypted with the data key: the export is the
  /// organisation's own data, taken by an administrator who holds the key.
  static let affectedPeople = ExportSource(name: "affected_people") { db in
    let keys = try AffectedPeopleRepository.keys()
    let incidents = try await IncidentRecord.query(on: db).sort(\.$year).sort(\.$seq).all()
    var rows: [[JSONValue]] = []
    for incident in incidents {
      guard let id = incident.id else { continue }
      for p in try await AffectedPeopleRepository.people(incidentID: id, on: db, keys: keys) {
        func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        rows.append([
          .string(p.id.uuidString.lowercased()), .string(id.uuidString.lowercased()), text(p.name), text(p.email),
          text(p.phone), text(p.nationalID), .string(p.categories.map(\.rawValue).sorted().joined(separator: ",")),
          .string(p.language.rawValue),
        ])
      }
    }
    return ExportTable(
      name: "affected_people",
      columns: ["id", "incident_id", "name", "email", "phone", "national_id", "categories", "language"], rows: rows)
  }

  /// The proof of every e-mail sent (letters, notices): to whom, the message's
  /// SHA-256 and id, when, and the server's reply. The message itself stays sealed.
  static let lettersProof = ExportSource(name: "sent_messages") { db in
    let key = try Outbox.requireKey()
    let records = try await OutboxMessageRecord.query(on: db).sort(\.$createdAt).sort(\.$id).all()
    let rows: [[JSONValue]] = try records.compactMap { r in
      guard let id = r.id else { return nil }
      func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
      func uuid(_ u: UUID?) -> JSONValue { u.map { .string($0.uuidString.lowercased()) } ?? .null }
      func date(_ d: Date?) -> JSONValue { d.map { .string(Timestamp.utc($0)) } ?? .null }
      return [
        uuid(id), .string(r.kind), uuid(r.incidentID), uuid(r.personID), uuid(r.batchID),
        .string(try key.open(r.recipient, context: Outbox.context("recipient", id))), .string(r.messageSHA256),
        .string(r.messageID), .string(r.status), .number(Double(r.attempts)), date(r.sentAt), text(r.reply),
        .bool(r.maybeSentTwice), date(r.createdAt),
      ]
    }
    return ExportTable(
      name: "sent_messages",
      columns: [
        "id", "kind", "incident_id", "person_id", "batch_id", "recipient", "message_sha256", "message_id", "status",
        "attempts", "sent_at", "reply", "maybe_sent_twice", "created_at",
      ], rows: rows)
  }
}
