import Foundation

/// The facts of a personal-data breach, `beredskap.breach-facts/1`.
/// Field meanings are the contract in `shared/assessment/README.md`.
public struct BreachFacts: Equatable, Sendable {
  public static let schema = "beredskap.breach-facts/1"

  public enum Role: String, CaseIterable, Sendable { case controller, processor }
  public enum Nature: String, CaseIterable, Sendable { case confidentiality, integrity, availability }
  public enum Cause: String, CaseIterable, Sendable { case malicious, accidental, unknown }
  public enum Protection: String, CaseIterable, Sendable { case none, encrypted, hashed, pseudonymised }
  public enum Exfiltration: String, CaseIterable, Sendable {
    case confirmed, suspected
    case ruledOut = "ruled_out"
    case unknown
  }
  public enum Recipients: String, CaseIterable, Sendable { case none, trusted, known, unknown, `public` }
  public enum Mitigation: String, CaseIterable, Sendable {
    case credentialsReset = "credentials_reset"
    case remoteWipe = "remote_wipe"
    case accessRevoked = "access_revoked"
    case dataRecalled = "data_recalled"
    case changeReverted = "change_reverted"
    case fraudMonitoring = "fraud_monitoring"
  }
  public enum ServiceImpact: String, CaseIterable, Sendable, Comparable {
    case none, minor, significant, critical
    public static func < (a: Self, b: Self) -> Bool {
      (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
  }
  public enum Identifiability: String, CaseIterable, Sendable {
    case negligible, limited, significant, maximum
    /// ENISA 2013 ease-of-identification factor.
    public var factor: Double {
      switch self {
      case .negligible: 0.25
      case .limited: 0.5
      case .significant: 0.75
      case .maximum: 1
      }
    }
    var lower: Identifiability {
      switch self {
      case .negligible, .limited: .negligible
      case .significant: .limited
      case .maximum: .significant
      }
    }
  }
  public enum RiskQuestion: String, CaseIterable, Sendable {
    case financial, discrimination, reputation
    case physicalSafety = "physical_safety"
    case identityTheft = "identity_theft"
    case lossOfConfidentialityOfSecrecy = "loss_of_confidentiality_of_secrecy"
  }

  public var role: Role = .controller
  public var becameAwareAt: Date
  public var occurredAt: Date?
  public var nature: Set<Nature>
  public var cause: Cause = .unknown
  public var dataCategories: Set<DataCategory>
  public var dataSubjects: Int?
  public var records: Int?
  public var vulnerableSubjects = false
  public var protection: Protection = .none
  /// The categories `protection` covers; nil = all listed categories.
  public var protectedCategories: Set<DataCategory>?
  public var keyCompromised = false
  public var exfiltration: Exfiltration = .unknown
  public var recipients: Recipients = .unknown
  public var dataRecovered = false
  public var recipientsCount: Int?
  public var categorySubjects: [DataCategory: Int] = [:]
  public var categoriesComplete = true
  public var misuseObserved = false
  public var mitigations: Set<Mitigation> = []
  public var backupAvailable: Bool?
  public var restoreHours: Double?
  public var permanentLoss = false
  public var serviceImpact: ServiceImpact = .none
  public var exposureHours: Double?
  public var identifiability: Identifiability?
  public var riskAnswers: Set<RiskQuestion> = []
  /// Beredskap's addition: the plan's own risk questions answered "yes", by id.
  public var planRiskAnswers: Set<String> = []
  /// Beredskap's addition: telling each person would take disproportionate
  /// effort (Art. 34(3)(c)); the responder's judgement, never inferred.
  public var individualNoticeDisproportionate = false

  public init(
    becameAwareAt: Date, nature: Set<Nature>, dataCategories: Set<DataCategory>
  ) {
    self.becameAwareAt = becameAwareAt
    self.nature = nature
    self.dataCategories = dataCategories
  }
}

/// The data categories of the facts contract.
public enum DataCategory: String, CaseIterable, Sendable, Comparable {
  case technical, identity, contact
  case nationalID = "national_id"
  case credentials, financial, documents, communications, location, behavioural, special, criminal

  public static func < (a: Self, b: Self) -> Bool {
    (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
  }

  /// Art. 9 and Art. 10 data.
  public var isSpecial: Bool { self == .special || self == .criminal }

  /// The category as people say it.
  public func name(_ language: Language) -> String {
    switch (self, language) {
    case (.technical, .nb): "tekniske opplysninger"
    case (.identity, .nb): "navn og identitet"
    case (.contact, .nb): "kontaktopplysninger"
    case (.nationalID, .nb): "fødselsnummer eller ID-nummer"
    case (.credentials, .nb): "passord og pålogging"
    case (.financial, .nb): "økonomi"
    case (.documents, .nb): "CV-er og dokumenter"
    case (.communications, .nb): "innhold i e-post og meldinger"
    case (.location, .nb): "lokasjon"
    case (.behavioural, .nb): "kjøp, vaner og preferanser"
    case (.special, .nb): "helse og andre særlige kategorier"
    case (.criminal, .nb): "straffbare forhold"
    case (.technical, .en): "technical data"
    case (.identity, .en): "name and identity"
    case (.contact, .en): "contact details"
    case (.nationalID, .en): "national ID numbers"
    case (.credentials, .en): "passwords and log-in data"
    case (.financial, .en): "financial data"
    case (.documents, .en): "CVs and documents"
    case (.communications, .en): "content of e-mail and messages"
    case (.location, .en): "location"
    case (.behavioural, .en): "purchases, habits and preferences"
    case (.special, .en): "health and other special categories"
    case (.criminal, .en): "criminal offences"
    }
  }

  /// Categories as a list for people, in the contract's order.
  public static func names(_ categories: Set<DataCategory>, _ language: Language) -> String {
    categories.sorted().map { $0.name(language) }.joined(separator: ", ")
  }
}
