/// Every reason the engine can give. The raw value is the stable code in
/// the `beredskap.assessment/1` JSON; a misspelt code is a compile error.
public enum ReasonCode: String, CaseIterable, Sendable {
  case notPersonalData = "not_personal_data"
  case personalDataBreach = "personal_data_breach"
  case recordInternally = "record_internally"
  // Reading the facts.
  case contradictionNoRecipients = "contradiction_no_recipients"
  case contradictionTrustedMalicious = "contradiction_trusted_malicious"
  case confidentialityUnintelligible = "confidentiality_unintelligible"
  case partiallyProtected = "partially_protected"
  case keyCompromised = "key_compromised"
  // Likelihood.
  case noRecipients = "no_recipients"
  case trustedRecipient = "trusted_recipient"
  case knownRecipients = "known_recipients"
  case unknownRecipients = "unknown_recipients"
  case publicRecipients = "public_recipients"
  case malicious
  case deliberateViewing = "deliberate_viewing"
  case exfiltrationRuledOut = "exfiltration_ruled_out"
  case dataRetrieved = "data_retrieved"
  case dataRetrievedAfterReading = "data_retrieved_after_reading"
  case misuseObserved = "misuse_observed"
  // Severity.
  case specialCategories = "special_categories"
  case nationalID = "national_id"
  case credentials, financial, documents, communications, location
  case ordinaryData = "ordinary_data"
  case incidentalSpecial = "incidental_special"
  case vulnerable
  case largeScale = "large_scale"
  case categoriesIncomplete = "categories_incomplete"
  case availabilityRestored = "availability_restored"
  case availabilityImpact = "availability_impact"
  case availabilityLost = "availability_lost"
  case permanentLoss = "permanent_loss"
  case serviceCritical = "service_critical"
  case integrityRestored = "integrity_restored"
  case integrityLost = "integrity_lost"
  case integrityDependent = "integrity_dependent"
  // Likelihood × severity per harm.
  case harmViewing = "harm_viewing"
  case harmMisuse = "harm_misuse"
  case harmAvailability = "harm_availability"
  case harmIntegrity = "harm_integrity"
  case enisaScore = "enisa_score"
  // The responder's and the plan's answers.
  case riskQuestion = "risk_question"
  case planRule = "plan_rule"
  case planQuestion = "plan_question"
  case whenInDoubt = "when_in_doubt"
  // The decision.
  case unlikelyRisk = "unlikely_risk"
  case notifyAuthority = "notify_authority"
  case notifySubjects = "notify_subjects"
  case subjectsNotRequired = "subjects_not_required"
  case exemption34_3_b = "exemption_34_3_b"
  case exemption34_3_c = "exemption_34_3_c"
  case processor
}
