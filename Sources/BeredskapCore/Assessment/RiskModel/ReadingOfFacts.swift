/// The facts as the risk model reads them: contradictions resolved to the
/// worse reading, and protection applied per category.
struct ReadingOfFacts {
  var recipients: BreachFacts.Recipients
  /// Categories an unauthorised person can read: not covered by working
  /// protection (encryption or salted slow hashing with a safe key).
  var readable: Set<DataCategory>
  /// Covered by pseudonymisation with a safe key: readable, but harder to tie
  /// to a person.
  var pseudonymised: Set<DataCategory>
  var findings: [Finding] = []

  init(_ f: BreachFacts) {
    recipients = Self.recipients(f, findings: &findings)
    (readable, pseudonymised) = Self.protection(f, findings: &findings)
  }

  /// Contradictory facts take the worse reading and say so (a lost device
  /// with `recipients: none`). Confidentiality was lost and nobody got the
  /// data, yet no logs rule a copy out, or a copy is confirmed or suspected,
  /// or the data were misused: someone unknown may have them. A person who acts maliciously or misuses data is not a trusted
  /// recipient (EDPB Guidelines 01/2021 case 8).
  static func recipients(_ f: BreachFacts, findings: inout [Finding]) -> BreachFacts.Recipients {
    guard f.nature.contains(.confidentiality) else { return f.recipients }
    switch f.recipients {
    case .none where f.exfiltration != .ruledOut || f.misuseObserved:
      findings.append(Finding(.contradictionNoRecipients, ["exfiltration": f.exfiltration.rawValue]))
      return .unknown
    case .trusted where f.cause == .malicious || f.misuseObserved:
      findings.append(Finding(.contradictionTrustedMalicious))
      return .known
    default:
      return f.recipients
    }
  }

  /// Protection counts per category (`protected_categories`; omitted = all).
  /// Encryption or salted slow hashing with a safe key makes the covered
  /// data unintelligible (GDPR Art. 34(3)(a); EDPB Guidelines 01/2021 cases
  /// 6 and 10); a weak, unsalted or exposed key protects nothing (EDPB
  /// Guidelines 9/2022; an unsalted hash of an 11-digit national ID number
  /// is reversed by trying every value). Hashing one column leaves the rest
  /// readable.
  static func protection(_ f: BreachFacts, findings: inout [Finding]) -> (Set<DataCategory>, Set<DataCategory>) {
    let covered = f.protectedCategories.map { $0.intersection(f.dataCategories) } ?? f.dataCategories
    let rest = f.dataCategories.subtracting(covered)
    switch f.protection {
    case .none:
      return (f.dataCategories, [])
    case _ where f.keyCompromised:
      if f.nature.contains(.confidentiality) {
        findings.append(Finding(.keyCompromised, ["protection": f.protection.rawValue]))
      }
      return (f.dataCategories, [])
    case .pseudonymised:
      return (f.dataCategories, covered)
    case .encrypted, .hashed:
      if f.nature.contains(.confidentiality), !covered.isEmpty {
        if rest.isEmpty {
          findings.append(Finding(.confidentialityUnintelligible, ["protection": f.protection.rawValue]))
        } else {
          findings.append(
            Finding(
              .partiallyProtected,
              ["protection": f.protection.rawValue, "covered": codes(covered), "readable": codes(rest)]))
        }
      }
      return (rest, [])
    }
  }

  /// Category codes in a finding; the engine puts them in words.
  static func codes(_ categories: Set<DataCategory>) -> String {
    categories.sorted().map(\.rawValue).joined(separator: ",")
  }
}
