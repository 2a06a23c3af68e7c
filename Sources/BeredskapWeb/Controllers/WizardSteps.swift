import BeredskapCore

/// The assessment wizard's questions, one per page, each mapping to fields of
/// `beredskap.breach-facts/1`. Texts live in the string catalogue.
struct WizardStep: Sendable {
  enum Kind: Sendable { case radio, checkbox, number, datetime }

  struct Field: Sendable {
    var name: String
    var kind: Kind
    var options: [String] = []
    /// Offer «Jeg vet ikke» and what it means in the facts.
    var unknownAllowed = false
    var optional = false
  }

  var id: String
  var fields: [Field]
  /// Shown only when this returns true for the answers so far.
  var applies: @Sendable ([String: [String]]) -> Bool = { _ in true }

  static let all: [WizardStep] = [
    WizardStep(id: "aware", fields: [Field(name: "became_aware_at", kind: .datetime)]),
    WizardStep(id: "role", fields: [Field(name: "role", kind: .radio, options: ["controller", "processor"])]),
    WizardStep(
      id: "nature",
      fields: [Field(name: "nature", kind: .checkbox, options: ["confidentiality", "integrity", "availability"])]),
    WizardStep(
      id: "categories",
      fields: [
        Field(name: "data_categories", kind: .checkbox, options: DataCategory.allCases.map(\.rawValue), optional: true),
        Field(name: "categories_complete", kind: .radio, options: ["true", "false"]),
      ]),
    WizardStep(
      id: "people",
      fields: [
        Field(name: "data_subjects", kind: .number, unknownAllowed: true),
        Field(name: "vulnerable_subjects", kind: .radio, options: ["false", "true"], unknownAllowed: true),
      ], applies: hasData),
    WizardStep(
      id: "protection",
      fields: [
        Field(name: "protection", kind: .radio, options: ["none", "encrypted", "hashed", "pseudonymised"]),
        Field(name: "key_compromised", kind: .radio, options: ["false", "true"], unknownAllowed: true),
        // Offered only for the categories already chosen (`WizardController.render`).
        Field(
          name: "protected_categories", kind: .checkbox, options: DataCategory.allCases.map(\.rawValue),
          optional: true),
      ], applies: { hasData($0) && lost($0, "confidentiality") }),
    WizardStep(
      id: "recipients",
      fields: [
        Field(name: "recipients", kind: .radio, options: ["none", "trusted", "known", "unknown", "public"]),
        Field(name: "recipients_count", kind: .number, unknownAllowed: true, optional: true),
        Field(
          name: "exfiltration", kind: .radio, options: ["confirmed", "suspected", "ruled_out"], unknownAllowed: true),
      ], applies: { hasData($0) && lost($0, "confidentiality") }),
    WizardStep(
      id: "availability",
      fields: [
        Field(name: "backup_available", kind: .radio, options: ["true", "false"], unknownAllowed: true),
        Field(name: "restore_hours", kind: .number, unknownAllowed: true, optional: true),
        Field(name: "permanent_loss", kind: .radio, options: ["false", "true"]),
        Field(name: "service_impact", kind: .radio, options: ["none", "minor", "significant", "critical"]),
      ], applies: { hasData($0) && (lost($0, "availability") || lost($0, "integrity")) }),
    WizardStep(
      id: "cause",
      fields: [
        Field(name: "cause", kind: .radio, options: ["accidental", "malicious"], unknownAllowed: true),
        Field(name: "misuse_observed", kind: .radio, options: ["false", "true"]),
      ], applies: hasData),
    WizardStep(
      id: "measures",
      fields: [
        Field(name: "data_recovered", kind: .radio, options: ["false", "true"]),
        Field(
          name: "mitigations", kind: .checkbox, options: BreachFacts.Mitigation.allCases.map(\.rawValue), optional: true
        ),
      ], applies: hasData),
    WizardStep(
      id: "consequences",
      fields: [
        Field(
          name: "risk_answers", kind: .checkbox, options: BreachFacts.RiskQuestion.allCases.map(\.rawValue),
          optional: true),
        // The plan's own questions; their options come from the plan at run time.
        Field(name: "plan_risk_answers", kind: .checkbox, optional: true),
        Field(name: "individual_notice_disproportionate", kind: .radio, options: ["false", "true"]),
      ], applies: hasData),
  ]

  static func hasData(_ a: [String: [String]]) -> Bool {
    !(a["data_categories"] ?? []).filter { !$0.isEmpty }.isEmpty
  }

  static func lost(_ a: [String: [String]], _ property: String) -> Bool { (a["nature"] ?? []).contains(property) }

  static func steps(for answers: [String: [String]]) -> [WizardStep] { all.filter { $0.applies(answers) } }

  static func step(of field: String) -> String? {
    all.first { $0.fields.contains { $0.name == field } }?.id
  }
}
