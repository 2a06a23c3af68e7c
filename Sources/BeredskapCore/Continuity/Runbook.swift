import Foundation

extension Plan {
  /// A named procedure: ordered steps, the role that does each, and how long
  /// each is expected to take (`runbooks:`). Attached to an incident it
  /// becomes a checklist.
  public struct Runbook: Equatable, Sendable, Codable {
    public struct Step: Equatable, Sendable, Codable {
      public var text: String
      /// A plan role id, or a role named in words.
      public var role: String?
      /// Expected minutes for this step; nil when the plan gives none.
      public var minutes: Int?

      public init(_ text: String, role: String? = nil, minutes: Int? = nil) {
        self.text = text
        self.role = role
        self.minutes = minutes
      }
    }

    public var id: String
    public var title: String
    /// When to use it, in one sentence.
    public var when: String
    public var steps: [Step]

    public init(id: String, title: String, when: String = "", steps: [Step]) {
      self.id = id
      self.title = title
      self.when = when
      self.steps = steps
    }

    /// The sum of the steps' estimates, in minutes.
    public var estimateMinutes: Int { steps.reduce(0) { $0 + ($1.minutes ?? 0) } }
  }

  public func runbook(_ id: String) -> Runbook? { runbooks.first { $0.id == id } }

  /// Plan A's five recovery procedures and Plan B's breach phases as a checklist.
  public static let defaultRunbooks: [Runbook] = [
    Runbook(
      id: "database", title: "Databasen er ødelagt eller tapt",
      when: "Tjenesten kan ikke lese eller skrive data, eller data er borte.",
      steps: [
        .init("Stopp all skriving til databasen (vedlikeholdsmodus).", role: "Driftsansvarlig", minutes: 5),
        .init(
          "Finn nyeste gode sikkerhetskopi (høyst 24 timer gammel) og sjekk sjekksummen.", role: "Driftsansvarlig",
          minutes: 10),
        .init("Sett opp en ny databaseinstans.", role: "Driftsansvarlig", minutes: 20),
        .init("Gjenopprett sikkerhetskopien i den nye instansen.", role: "Driftsansvarlig", minutes: 30),
        .init("Pek tjenesten mot den nye databasen og start den på nytt.", role: "Driftsansvarlig", minutes: 10),
        .init("Kontroller at /health svarer «db»: true.", role: "Driftsansvarlig", minutes: 5),
        .init("Tell opp poster for 3–5 kunder og sammenlign med det du venter.", role: "Driftsansvarlig", minutes: 15),
        .init(
          "Anslå hvor mye data som gikk tapt (tiden siden kopien ble tatt) og noter det.", role: "Hendelsesleder",
          minutes: 5),
      ]),
    Runbook(
      id: "hosting", title: "Driftsleverandøren er nede",
      when: "Serverne våre svarer ikke fordi leverandøren har driftsstans.",
      steps: [
        .init(
          "Sjekk leverandørens statusside og hvor lenge de venter at stansen varer.", role: "Driftsansvarlig",
          minutes: 10),
        .init("Venter de under 1 time: vent og følg med. Ellers: gå videre.", role: "Hendelsesleder", minutes: 5),
        .init("Sett opp servere hos en annen leverandør.", role: "Driftsansvarlig", minutes: 60),
        .init("Installer tjenesten der.", role: "Driftsansvarlig", minutes: 45),
        .init("Gjenopprett nyeste sikkerhetskopi.", role: "Driftsansvarlig", minutes: 45),
        .init("Oppdater DNS til de nye serverne.", role: "Driftsansvarlig", minutes: 15),
        .init("Kontroller /health og data for en kunde.", role: "Driftsansvarlig", minutes: 15),
      ]),
    Runbook(
      id: "dns", title: "DNS virker ikke",
      when: "Domenet vårt slår ikke opp, eller slår opp feil.",
      steps: [
        .init(
          "Bekreft at feilen er DNS: slå opp domenet mot flere navnetjenere.", role: "Driftsansvarlig", minutes: 10),
        .init("Sjekk DNS-leverandørens statusside.", role: "Driftsansvarlig", minutes: 5),
        .init("Legg inn sonen hos reserveleverandøren for DNS.", role: "Driftsansvarlig", minutes: 30),
        .init("Bytt navnetjenere hos domeneregistraren.", role: "Driftsansvarlig", minutes: 15),
        .init("Følg med til endringen er synlig hos de store navnetjenerne.", role: "Driftsansvarlig", minutes: 60),
      ]),
    Runbook(
      id: "sms", title: "SMS-leverandøren er nede",
      when: "SMS (for eksempel engangskoder) kommer ikke fram.",
      steps: [
        .init(
          "Bekreft at feilen er hos SMS-leverandøren: statusside og feilkoder i loggen.", role: "Driftsansvarlig",
          minutes: 10),
        .init("Slå på reserveløsningen: koder og varsler på e-post der det går.", role: "Driftsansvarlig", minutes: 20),
        .init(
          "Fortell berørte kunder at SMS er forsinket, og hva de kan gjøre imens.", role: "Hendelsesleder", minutes: 15),
        .init(
          "Følg leverandørens status, og slå av reserveløsningen når SMS virker igjen.", role: "Driftsansvarlig",
          minutes: 30),
      ]),
    Runbook(
      id: "push", title: "Leverandøren av push-varsler er nede",
      when: "Push-varsler til appen kommer ikke fram.",
      steps: [
        .init(
          "Bekreft at feilen er hos push-leverandøren: statusside og feilkoder i loggen.", role: "Driftsansvarlig",
          minutes: 10),
        .init("Vis varslene i appen og send viktige varsler på e-post imens.", role: "Driftsansvarlig", minutes: 20),
        .init("Fortell berørte kunder at varsler er forsinket.", role: "Hendelsesleder", minutes: 15),
        .init(
          "Send ventende varsler på nytt når tjenesten er tilbake (push-innhold lagres ikke).", role: "Driftsansvarlig",
          minutes: 20),
      ]),
    Runbook(
      id: "personal_data_breach", title: "Brudd på personopplysningssikkerheten",
      when: "Personopplysninger er kommet på avveie, endret, slettet eller utilgjengelige.",
      steps: [
        .init("Fase 1: Ta ruter eller hele appen ned hvis et angrep pågår.", role: "Hendelsesleder", minutes: 15),
        .init(
          "Fase 1: Stopp dataflyten (begrens trafikken til null, blokker IP-adresser).", role: "Driftsansvarlig",
          minutes: 15),
        .init("Fase 1: Trekk tilbake og bytt API-nøkler som kan være lekket.", role: "Driftsansvarlig", minutes: 20),
        .init("Fase 1: Bytt administratorpassord.", role: "Driftsansvarlig", minutes: 10),
        .init("Varsle internt.", role: "Hendelsesleder", minutes: 60),
        .init("Logg og dokumenter hendelsen i Beredskap.", role: "Hendelsesleder", minutes: 60),
        .init(
          "Fase 2: Vurder risikoen for de registrerte (vurderingen i Beredskap).", role: "Personvernombud", minutes: 120
        ),
        .init(
          "Fase 3: Meld til Datatilsynet hvis vurderingen sier det (innen 72 timer).", role: "Personvernombud",
          minutes: 120),
        .init("Fase 4: Send brev til de berørte hvis risikoen er høy.", role: "Personvernombud", minutes: 240),
        .init(
          "Fase 5: Finn rotårsaken: teknisk årsak, menneskelig feil, svakhet i systemet.", role: "Hendelsesleder",
          minutes: 240),
        .init(
          "Fase 6: Bestem tiltak som hindrer gjentakelse, med eier og frist.", role: "Hendelsesleder", minutes: 120),
      ]),
  ]
}

/// A runbook attached to an incident: its steps as they were when attached,
/// and which are done, by whom and when.
public struct RunbookChecklist: Equatable, Sendable {
  public struct Tick: Equatable, Sendable {
    public var by: String
    public var at: Date
    public init(by: String, at: Date) {
      self.by = by
      self.at = at
    }
  }

  public struct Line: Equatable, Sendable {
    public var index: Int
    public var step: Plan.Runbook.Step
    /// When the step should be done if the steps before it took their estimates.
    public var dueBy: Date?
    public var done: Tick?
    public var late: Bool
  }

  public var runbook: Plan.Runbook
  public var startedAt: Date
  public var ticks: [Int: Tick]

  public init(runbook: Plan.Runbook, startedAt: Date, ticks: [Int: Tick]) {
    self.runbook = runbook
    self.startedAt = startedAt
    self.ticks = ticks
  }

  public func lines(now: Date) -> [Line] {
    var minutes = 0
    var out: [Line] = []
    for (i, step) in runbook.steps.enumerated() {
      var dueBy: Date?
      if let m = step.minutes {
        minutes += m
        dueBy = startedAt.addingTimeInterval(TimeInterval(minutes) * 60)
      }
      let done = ticks[i]
      let late = dueBy.map { (done?.at ?? now) > $0 } ?? false
      out.append(Line(index: i, step: step, dueBy: dueBy, done: done, late: late))
    }
    return out
  }

  public var doneCount: Int { runbook.steps.indices.filter { ticks[$0] != nil }.count }
  public var isComplete: Bool { doneCount == runbook.steps.count }
  /// When the last step was ticked, once all are.
  public var finishedAt: Date? { isComplete ? ticks.values.map(\.at).max() : nil }
  /// Minutes from attaching to the last tick (or to `now` while steps remain).
  public func elapsedMinutes(now: Date) -> Int {
    let end = finishedAt ?? now
    let m = end.timeIntervalSince(startedAt) / 60
    guard m.isFinite, m > 0 else { return 0 }
    return m < Double(Int.max / 2) ? Int(m.rounded(.down)) : Int.max / 2
  }
}
