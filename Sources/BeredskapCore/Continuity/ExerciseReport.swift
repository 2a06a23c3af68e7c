import Foundation

/// The test report a customer's auditor asks for: every restore test,
/// failover test and table-top exercise in a period, with what was measured,
/// what was found and what it led to, and whether the schedule was kept.
public struct ExerciseReport: Sendable {
  public var organisation: String
  public var from: Date
  public var to: Date
  public var exercises: [Exercise]
  /// Action items per exercise id.
  public var actions: [UUID: [ActionItem]]
  public var schedule: [ExerciseSchedule.Status]
  public var objectives: (rtoMinutes: Int, rpoMinutes: Int)?
  public var generatedAt: Date

  public init(
    organisation: String, from: Date, to: Date, exercises: [Exercise], actions: [UUID: [ActionItem]],
    schedule: [ExerciseSchedule.Status], objectives: (rtoMinutes: Int, rpoMinutes: Int)? = nil, generatedAt: Date
  ) {
    self.organisation = organisation
    self.from = from
    self.to = to
    self.exercises = exercises.sorted { $0.heldAt < $1.heldAt }
    self.actions = actions
    self.schedule = schedule
    self.objectives = objectives
    self.generatedAt = generatedAt
  }

  public static func kindName(_ kind: Exercise.Kind, _ language: Language) -> String {
    switch (kind, language) {
    case (.restoreTest, .nb): "Gjenopprettingstest"
    case (.restoreTest, .en): "Restore test"
    case (.failoverTest, .nb): "Test av reserveløsning"
    case (.failoverTest, .en): "Failover test"
    case (.tabletop, .nb): "Skrivebordsøvelse"
    case (.tabletop, .en): "Table-top exercise"
    }
  }

  public static func outcomeName(_ outcome: Exercise.Outcome, _ language: Language) -> String {
    switch (outcome, language) {
    case (.passed, .nb): "Bestått"
    case (.passed, .en): "Passed"
    case (.partly, .nb): "Delvis bestått"
    case (.partly, .en): "Partly passed"
    case (.failed, .nb): "Ikke bestått"
    case (.failed, .en): "Failed"
    }
  }

  static func date(_ d: Date, _ language: Language) -> String { Timestamp.osloDate(d, language: language) }

  static func minutes(_ m: Int?, _ language: Language) -> String {
    m.map { PostMortemDocument.duration(minutes: $0, language) } ?? "–"
  }

  static func cell(_ text: String) -> String {
    PostMortemDocument.inline(text).replacingOccurrences(of: "|", with: "\\|")
  }

  public func markdown(language: Language) -> String {
    let nb = language == .nb
    var out: [String] = []
    out.append("# \(nb ? "Testrapport for beredskapsplanen" : "Continuity plan test report")")
    out.append("")
    out.append("\(organisation) · \(Self.date(from, language)) – \(Self.date(to, language))")
    out.append("")
    out.append(
      "\(nb ? "Laget" : "Generated") \(Timestamp.oslo(generatedAt, language: language)) \(nb ? "av Beredskap" : "by Beredskap")"
    )
    if let o = objectives {
      out += [
        "",
        nb
          ? "Mål: gjenopprettingstid (RTO) \(Self.minutes(o.rtoMinutes, language)), største datatap (RPO) \(Self.minutes(o.rpoMinutes, language))."
          : "Objectives: recovery time (RTO) \(Self.minutes(o.rtoMinutes, language)), maximum data loss (RPO) \(Self.minutes(o.rpoMinutes, language)).",
      ]
    }
    out += ["", "## \(nb ? "Plan for testene" : "Test schedule")", ""]
    out.append(nb ? "| Test | Hyppighet | Sist | Neste frist | Status |" : "| Test | Every | Last | Next due | State |")
    out.append("|---|---|---|---|---|")
    for s in schedule {
      let every = nb ? "\(s.months) mnd." : "\(s.months) months"
      let last = s.last.map { Self.date($0, language) } ?? (nb ? "aldri" : "never")
      let due = s.due.map { Self.date($0, language) } ?? (nb ? "nå" : "now")
      let state = s.overdue ? (nb ? "**Forfalt**" : "**Overdue**") : (nb ? "I rute" : "On schedule")
      out.append("| \(Self.kindName(s.kind, language)) | \(every) | \(last) | \(due) | \(state) |")
    }
    out += ["", "## \(nb ? "Gjennomførte tester" : "Tests held")", ""]
    if exercises.isEmpty {
      out.append(nb ? "*Ingen tester i perioden.*" : "*No tests in the period.*")
    } else {
      out.append(
        nb
          ? "| Dato | Test | Utfall | Gjenopprettingstid | Datatap | Tiltak |"
          : "| Date | Test | Outcome | Restore time | Data loss | Action items |")
      out.append("|---|---|---|---|---|---|")
      for e in exercises {
        let items = actions[e.id] ?? []
        let done = items.filter { $0.doneAt != nil }.count
        out.append(
          "| \(Self.date(e.heldAt, language)) | \(Self.kindName(e.kind, language)) | \(Self.outcomeName(e.outcome, language)) | \(Self.minutes(e.restoreMinutes, language)) | \(Self.minutes(e.dataLossMinutes, language)) | \(done)/\(items.count) |"
        )
      }
    }
    for e in exercises {
      out += ["", "### \(Self.date(e.heldAt, language)): \(Self.kindName(e.kind, language))", ""]
      out.append("- \(nb ? "Scenario" : "Scenario"): \(PostMortemDocument.inline(e.scenario))")
      out.append("- \(nb ? "Deltakere" : "Participants"): \(PostMortemDocument.inline(e.participants))")
      out.append("- \(nb ? "Utfall" : "Outcome"): \(Self.outcomeName(e.outcome, language))")
      if e.restoreMinutes != nil || e.dataLossMinutes != nil {
        out.append(
          "- \(nb ? "Målt" : "Measured"): \(nb ? "gjenopprettingstid" : "restore time") \(Self.minutes(e.restoreMinutes, language)), \(nb ? "datatap" : "data loss") \(Self.minutes(e.dataLossMinutes, language))"
        )
      }
      out.append("- \(nb ? "Registrert av" : "Recorded by"): \(PostMortemDocument.inline(e.recordedBy))")
      out += ["", "\(nb ? "Funn" : "Findings"):", ""]
      out.append(e.findings.isEmpty ? (nb ? "*Ingen funn.*" : "*No findings.*") : PostMortemDocument.block(e.findings))
      let items = actions[e.id] ?? []
      if !items.isEmpty {
        out += ["", "\(nb ? "Tiltak" : "Action items"):", ""]
        for a in items {
          let state =
            a.doneAt.map { (nb ? "utført " : "done ") + Self.date($0, language) }
            ?? (a.overdue(now: generatedAt) ? (nb ? "forfalt " : "overdue ") : (nb ? "frist " : "due "))
            + Self.date(a.due, language)
          out.append("- \(PostMortemDocument.inline(a.text)) — \(PostMortemDocument.inline(a.owner)), \(state)")
        }
      }
    }
    return out.joined(separator: "\n") + "\n"
  }

  /// One row per test, for a spreadsheet. RFC 4180 quoting; a cell that a
  /// spreadsheet would read as a formula is prefixed with `'`.
  public func csv() -> String {
    var rows = [
      [
        "held_at_utc", "kind", "outcome", "scenario", "participants", "restore_minutes", "data_loss_minutes",
        "findings", "action_items", "action_items_done", "recorded_by",
      ]
    ]
    for e in exercises {
      let items = actions[e.id] ?? []
      rows.append([
        Timestamp.utc(e.heldAt), e.kind.rawValue, e.outcome.rawValue, e.scenario, e.participants,
        e.restoreMinutes.map(String.init) ?? "", e.dataLossMinutes.map(String.init) ?? "", e.findings,
        String(items.count), String(items.filter { $0.doneAt != nil }.count), e.recordedBy,
      ])
    }
    return rows.map { $0.map(DataExport.cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
  }

}
