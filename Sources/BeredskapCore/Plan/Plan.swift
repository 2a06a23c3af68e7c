import Foundation

/// An organisation's incident-response and breach plan. The built-in default
/// follows the law and the three source plans; an organisation's file may be
/// stricter, never laxer (`beredskap plan check` warns).
public struct Plan: Equatable, Sendable {
  public struct Person: Equatable, Sendable {
    public var name: String
    public var email: String?
    public var phone: String?
    public init(name: String, email: String? = nil, phone: String? = nil) {
      self.name = name
      self.email = email
      self.phone = phone
    }
  }

  public struct Organisation: Equatable, Sendable {
    public var name: String
    public var orgNumber: String?
    public var contact: Person?
    public var dpo: Person?
    public init(name: String, orgNumber: String? = nil, contact: Person? = nil, dpo: Person? = nil) {
      self.name = name
      self.orgNumber = orgNumber
      self.contact = contact
      self.dpo = dpo
    }
  }

  public struct Authority: Equatable, Sendable {
    public var name = "Datatilsynet"
    public var url = "https://www.datatilsynet.no/"
    public var notifyHours: Double = 72
  }

  public struct Role: Equatable, Sendable {
    public var id: String
    public var title: String
    public var people: [Person]
  }

  public struct SeverityLevel: Equatable, Sendable {
    public var level: Int
    public var name: String
    public var description: String
  }

  /// An internal deadline, e.g. "internal notification within 1 h".
  public struct Clock: Equatable, Sendable {
    public var id: String
    public var title: String
    public var hours: Double
    public var owner: String?
    /// Plans that start a clock at discovery are warned about; the engine
    /// always starts it at awareness (EDPB Guidelines 9/2022).
    public var startsAt: String = "became_aware"
  }

  /// A stricter risk level of the plan's own: a floor over the law's answer.
  public struct RiskRule: Equatable, Sendable {
    public struct Condition: Equatable, Sendable {
      public var categories: Set<DataCategory> = []
      public var unprotected: Bool?
      public var dataSubjectsOver: Int?
      public var recipients: Set<BreachFacts.Recipients> = []
    }
    public var level: RiskLevel
    public var any: [Condition]
    public var line: Int?
  }

  /// A plan question "could this lead to …?"; a yes raises the risk to `level`.
  public struct RiskQuestion: Equatable, Sendable {
    public var id: String
    public var text: String
    public var level: RiskLevel
  }

  public var organisation: Organisation
  public var authority = Authority()
  public var processorNoticeHours: Double = 24
  public var subjectsTargetHours: Double = 72
  public var availabilityGraceHours: Double = 24
  /// «Assess within N hours» of discovery (Plan B: risk classification within 2 h).
  public var assessWithinHours: Double = 2
  /// Art. 33(4): the rest of an incomplete notification "without undue further delay".
  public var authorityFollowUpHours: Double = 168
  public var roles: [Role] = []
  public var severities: [SeverityLevel] = Plan.defaultSeverities
  public var clocks: [Clock] = Plan.defaultClocks
  public var reminderHours: [Double] = [48, 24, 6, 1]
  public var riskRules: [RiskRule] = []
  public var riskQuestions: [RiskQuestion] = []
  /// The fixed parts of the letters to affected persons, per language (`letters:`).
  public var letterTemplates: [Language: LetterTemplate] = [:]
  /// Days after an incident is closed that its list of affected persons and the
  /// letters' personal content are kept (`retention_days`; the event plan's 30).
  public var retentionDays: Int = 30
  /// The organisation's customers, for incidents that affect them (`customers:`).
  public var customers: [Customer] = []
  /// Who is told, when and how (`stakeholders:`); Plan A's matrix by default.
  public var stakeholders: [Stakeholder] = Plan.defaultStakeholders
  /// Recovery procedures and checklists (`runbooks:`); Plan A's five and Plan B's breach phases by default.
  public var runbooks: [Runbook] = Plan.defaultRunbooks
  /// Months between tests of each kind (`exercises:`); quarterly restore tests, a yearly table-top.
  public var exerciseMonths: [Exercise.Kind: Int] = Plan.defaultExerciseMonths
  /// The backup jobs (`backups:`); Beredskap's own (`beredskap`) is always one of them.
  public var backupJobs: [BackupJob] = [.beredskap]
  /// The parts of the service the public status page may name as affected
  /// (`components:`). Empty: free text, bounded in length.
  public var components: [String] = []
  /// The response stages per severity (`stages:`); Plan A's by default.
  public var stages: [Int: [Stage]] = Plan.defaultStages
  /// RTO, RPO, MTTR and MTBF targets (`objectives:`).
  public var objectives = Objectives()

  public init(organisation: Organisation) {
    self.organisation = organisation
  }

  /// Plan A's severity scale.
  public static let defaultSeverities = [
    SeverityLevel(level: 1, name: "Kritisk", description: "Full stans, personvernbrudd eller sikkerhetshendelse."),
    SeverityLevel(level: 2, name: "Alvorlig", description: "En kjernefunksjon er utilgjengelig."),
    SeverityLevel(level: 3, name: "Moderat", description: "Redusert ytelse eller delvis feil."),
    SeverityLevel(level: 4, name: "Lav", description: "Kosmetisk feil uten betydning for bruken."),
  ]

  /// Plan B's timeline. Its «risk classification within 2 h» is the assessment clock
  /// (`assessWithinHours`), which runs from discovery until an assessment is saved.
  public static let defaultClocks = [
    Clock(id: "internal_notification", title: "Varsle internt", hours: 1, owner: "incident_lead"),
    Clock(id: "log", title: "Logg og dokumenter hendelsen", hours: 1, owner: "incident_lead"),
    Clock(id: "post_incident_review", title: "Etterarbeid (gjennomgang)", hours: 168, owner: "incident_lead"),
  ]

  public static let builtIn = Plan(organisation: Organisation(name: "Min organisasjon"))

  public func severity(_ level: Int) -> SeverityLevel? { severities.first { $0.level == level } }
}
