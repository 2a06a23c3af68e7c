import BeredskapCore
import FluentKit
import Foundation

extension LetterRepository {
  public struct Approval: Sendable, Equatable {
    public var batchID: UUID
    /// Letters put in the outbox.
    public var letters: Int
    /// People with no e-mail address: listed to be told another way.
    public var otherChannel: Int
    /// People already in an earlier approved batch, left out of this one.
    public var alreadyIncluded: Int
  }

  /// Approves the draft batch: a letter for each person imported for the
  /// incident who is not yet in an approved batch, composed from the shared
  /// texts in the person's language with only that person's categories, and
  /// put in the outbox in the same transaction; people without an e-mail
  /// address are listed for another channel. Nothing is sent here.
  public func approve(
    _ number: IncidentNumber, plan: Plan, from: MailAddress, actor: Actor, now: Date
  ) async throws -> Approval {
    let draft = try await draft(number)
    guard let incident = try await IncidentRepository(db: db).find(number) else {
      throw StoreError.notFound("\(number)")
    }
    return try await db.writeTransaction { tx in
      guard let record = try await IncidentRepository(db: tx).record(number, on: tx), let incidentID = record.id else {
        throw StoreError.notFound("\(number)")
      }
      let latest = try await AssessmentRecord.query(on: tx).filter(\.$incident.$id == incidentID)
        .sort(\.$at, .descending).first()
      let facts = latest.flatMap { try? BreachFacts.parse(json: Data($0.facts.utf8)) }
      let people = try await AffectedPeopleRepository.people(incidentID: incidentID, on: tx)
      let included = Set(
        try await LetterRecipientRecord.query(on: tx).filter(\.$incidentID == incidentID).all().map(\.personID))
      let fresh = people.filter { !included.contains($0.id) }
      guard !fresh.isEmpty else { throw LetterError.nothingToApprove }

      let batch =
        try await LetterBatchRecord.query(on: tx).filter(\.$incident.$id == incidentID)
        .filter(\.$approvedAt == nil).first() ?? Self.newRecord(incidentID, now: now)
      batch.texts = Self.encode(draft.texts)
      batch.approvedAt = now
      batch.approvedBy = actor.name
      batch.updatedAt = now
      try await batch.save(on: tx)
      guard let batchID = batch.id else { throw StoreError.notFound("batch") }

      var drafts: [OutboxDraft] = []
      var recipients: [LetterRecipientRecord] = []
      var other = 0
      for person in fresh {
        let r = LetterRecipientRecord()
        r.$batch.id = batchID
        r.incidentID = incidentID
        r.personID = person.id
        if let email = person.email, let to = try? MailAddress(email, name: person.name, field: "email") {
          let letter = LetterComposer.compose(
            to: LetterRecipient(
              name: person.name ?? "", categories: Set(person.categories), language: person.language),
            texts: draft.texts(person.language), incident: incident, facts: facts, plan: plan)
          let message = try MailMessage(from: from, to: to, subject: letter.subject, body: letter.body, date: now)
          drafts.append(
            OutboxDraft(kind: .letter, incidentID: incidentID, personID: person.id, batchID: batchID, message: message))
          r.channel = "email"
        } else {
          r.channel = "other"
          other += 1
        }
        recipients.append(r)
      }
      try await recipients.create(on: tx)
      try await Outbox(db: tx).enqueue(drafts, now: now)
      batch.letters = drafts.count
      batch.otherChannel = other
      try await batch.save(on: tx)
      try await IncidentRepository.timeline(
        on: tx, incidentID, actor: actor, kind: .letters, text: "",
        data: ["letters": [String(drafts.count)], "other_channel": [String(other)]], now: now)
      try await AuditLog.append(
        on: tx, actor: actor, action: .lettersApprove, subject: "incident:\(number)",
        fields: [
          "batch": batchID.uuidString, "letters": String(drafts.count), "other_channel": String(other),
          "texts": AuditLog.digest(batch.texts),
        ], now: now)
      return Approval(
        batchID: batchID, letters: drafts.count, otherChannel: other, alreadyIncluded: people.count - fresh.count)
    }
  }
}
