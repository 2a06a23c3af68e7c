import Foundation
import Testing

@testable import BeredskapCore

@Suite struct StatusPageCoreTests {
  let now = Timestamp.parse("2026-11-23T10:00:00Z")!
  let a = IncidentNumber(year: 2026, sequence: 1)
  let b = IncidentNumber(year: 2026, sequence: 2)

  func update(_ n: IncidentNumber, _ status: PublicStatus, hoursAgo: Double, title: String = "Feil") -> StatusUpdate {
    StatusUpdate(
      id: UUID(), incident: n, title: title, message: "m", status: status, components: ["API"],
      at: now.addingTimeInterval(-hoursAgo * 3600))
  }

  @Test func ongoingFirstAndResolvedOnlyForTwoWeeks() {
    let updates = [
      update(a, .investigating, hoursAgo: 400), update(a, .resolved, hoursAgo: 15 * 24),
      update(b, .investigating, hoursAgo: 2, title: "Gammel"), update(b, .identified, hoursAgo: 1, title: "Ny"),
    ]
    let page = StatusPage(updates: updates, maintenance: [], now: now)
    #expect(page.incidents.count == 1)
    #expect(page.incidents.first?.title == "Ny")
    #expect(page.incidents.first?.status == .identified)
    #expect(page.incidents.first?.updates.map(\.title) == ["Ny", "Gammel"])
    #expect(!page.allWell(now: now))
    let later = StatusPage(updates: updates + [update(b, .resolved, hoursAgo: 0)], maintenance: [], now: now)
    #expect(later.allWell(now: now))
    #expect(later.incidents.count == 1)
  }

  @Test func aDraftIsCheckedFieldByField() {
    var plan = Plan.builtIn
    plan.components = ["API", "SMS"]
    let bad = StatusUpdateDraft(title: "to\nlinjer", message: " ", components: ["E-post"], status: "broken")
    guard case .failure(let e) = bad.validated(plan: plan, previous: nil) else {
      Issue.record("accepted")
      return
    }
    #expect(e.items.map(\.field) == ["title", "message", "components", "status"])
    let good = StatusUpdateDraft(title: " Treg API ", message: "Vi ser på det.", components: ["API", " API", ""])
    guard case .success(let v) = good.validated(plan: plan, previous: .monitoring) else {
      Issue.record("rejected")
      return
    }
    #expect(v == .init(title: "Treg API", message: "Vi ser på det.", components: ["API"], status: .monitoring))
    let free = StatusUpdateDraft(title: "x", message: "y", components: [String(repeating: "k", count: 81)])
    #expect(free.validated(plan: .builtIn, previous: nil).failureField == "components")
  }

  @Test func theFeedIsEscapedAndItsIdsStable() {
    let u = StatusUpdate(
      id: UUID(uuidString: "6F1C2B8E-0000-4000-8000-000000000001")!, incident: a, title: "<script>&\"'",
      message: "a\u{0}b ]]> c", status: .investigating, components: [], at: now)
    let page = StatusPage(updates: [u], maintenance: [], now: now)
    let labels = StatusFeed.Labels(
      feedTitle: "Status", status: [.investigating: "Undersøker"], components: "Deler", maintenance: "Vedlikehold",
      from: "Fra", to: "Til")
    let xml = StatusFeed.atom(
      page, organisation: "Eksempel AS & co", pageURL: "https://x.example/status",
      selfURL: "https://x.example/status.atom",
      labels: labels, language: .nb, now: now)
    #expect(xml.contains("<id>urn:uuid:6f1c2b8e-0000-4000-8000-000000000001</id>"))
    #expect(xml.contains("Undersøker: &lt;script&gt;&amp;&quot;&apos;"))
    #expect(xml.contains("ab ]]&gt; c"))
    #expect(xml.contains("<name>Eksempel AS &amp; co</name>"))
    #expect(StatusFeed.feedID("Eksempel AS & co") == StatusFeed.feedID("Eksempel AS & co"))
    #expect(StatusFeed.feedID("Eksempel AS & co") != StatusFeed.feedID("Annet AS"))
  }

  @Test func aPlanListsItsComponents() {
    let yaml = """
      version: 1
      organisation:
        name: Eksempel AS
      components:
        - Nettappen
        - API
        - API
      """
    let result = PlanFile.load(yaml: yaml)
    #expect(result.errors.map(\.line) == [7])
    let ok = PlanFile.load(
      yaml: "version: 1\norganisation:\n  name: Eksempel AS\ncomponents: [Nettappen, API, SMS, Push]\n")
    #expect(ok.plan?.components == ["Nettappen", "API", "SMS", "Push"])
  }
}

extension Result where Failure == FieldErrors {
  var failureField: String? {
    if case .failure(let e) = self { return e.items.first?.field }
    return nil
  }
}
