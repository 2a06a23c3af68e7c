/// How likely the consequences are to reach the people. Sources: EDPB
/// Guidelines 9/2022 (who has the data, intent, whether it was copied or
/// recovered); ENISA 2013 circumstances of the breach (known recipients
/// +0.25, unknown +0.5, malicious intent +0.5); EDPB Guidelines 01/2021.
enum LikelihoodFactors {
  /// Who has or may have the data. A trusted recipient (known, bound by
  /// confidentiality, cooperating) makes misuse unlikely but not impossible
  /// (01/2021 case 9); identified people without such a bond may use it
  /// (case 16); an attacker or unknown finder is likely to (cases 5, 11);
  /// published data are in everybody's hands.
  static func recipients(_ r: BreachFacts.Recipients, _ cause: BreachFacts.Cause) -> Rated {
    switch r {
    case .none: Rated(level: .negligible, findings: [Finding(.noRecipients)])
    case .trusted: Rated(level: .limited, findings: [Finding(.trustedRecipient)])
    case .known: Rated(level: cause == .malicious ? .significant : .limited)
    case .unknown: Rated(level: cause == .malicious ? .maximum : .significant, findings: [Finding(.unknownRecipients)])
    case .public: Rated(level: .maximum)
    }
  }

  /// How many received it or could reach it: a mail to a handful is not a
  /// mail to thousands (01/2021 cases 14 and 15). From 100 recipients one
  /// step, from 10,000 two.
  static func audienceSteps(_ f: BreachFacts, _ r: BreachFacts.Recipients) -> Int {
    guard r != .none, r != .public, let n = f.recipientsCount else { return 0 }
    return n >= 10_000 ? 2 : n >= 100 ? 1 : 0
  }

  static func audienceFinding(_ f: BreachFacts, _ r: BreachFacts.Recipients) -> [Finding] {
    switch r {
    case .known, .trusted:
      return [Finding(.knownRecipients, ["recipients": f.recipientsCount.map(String.init) ?? "?"])]
    case .public:
      return [Finding(.publicRecipients, ["exposure": f.exposureHours.map { " (\(Deadline.hoursText($0)) h)" } ?? ""])]
    default:
      return []
    }
  }

  /// Viewing is a breach: confidentiality lost to a person without a need to
  /// know harms the people even without a copy (GDPR Art. 4(12)
  /// "unauthorised access"). Logs that rule out a copy, or getting the data
  /// back, do not undo what was already read. Deliberate looking is the harm
  /// itself.
  static func viewing(_ f: BreachFacts, _ reading: ReadingOfFacts) -> Rated {
    if f.misuseObserved { return Rated(level: .maximum, findings: [Finding(.misuseObserved)]) }
    var level: RiskScale
    var findings: [Finding] = []
    switch reading.recipients {
    case .none: level = .negligible
    case .trusted: level = .limited
    case .known:
      level = f.cause == .malicious ? .maximum : .limited
      if f.cause == .malicious { findings.append(Finding(.deliberateViewing)) }
    case .unknown:
      // An intruder looks at what they took; a finder may not.
      level = f.cause == .malicious ? .maximum : .significant
    case .public: level = .maximum
    }
    level = level.moved(audienceSteps(f, reading.recipients))
    return Rated(level: level, findings: findings)
  }

  /// Misuse: fraud, identity theft, phishing, discrimination. A copy ruled
  /// out by logs lowers it one step, but someone who had access could still
  /// read and note (not below limited). Data retrieved, recalled or wiped
  /// lower it one step (not below limited) only when nobody is known to have
  /// had them: lost, not taken, and no copy confirmed. What an identified
  /// recipient or a thief has had can be used without the paper, and
  /// authorities have held the return of documents not enough (UODO, 2024).
  static func misuse(_ f: BreachFacts, _ reading: ReadingOfFacts) -> Rated {
    if f.misuseObserved { return Rated(level: .maximum, findings: [Finding(.misuseObserved)]) }
    let base = recipients(reading.recipients, f.cause)
    var level = base.level.moved(audienceSteps(f, reading.recipients))
    var findings = base.findings
    if f.cause == .malicious, reading.recipients != .none { findings.append(Finding(.malicious)) }
    if f.exfiltration == .ruledOut, level > .negligible {
      level = max(.limited, level.moved(-1))
      findings.append(Finding(.exfiltrationRuledOut))
    }
    let retrieved = f.dataRecovered || !f.mitigations.isDisjoint(with: [.dataRecalled, .remoteWipe])
    if retrieved, level > .negligible {
      // Lost rather than taken, and no copy confirmed or suspected.
      let nobodyHadThem =
        reading.recipients == .unknown && (f.exfiltration == .unknown || f.exfiltration == .ruledOut)
        && f.cause != .malicious
      if nobodyHadThem {
        level = max(.limited, level.moved(-1))
        findings.append(Finding(.dataRetrieved))
      } else {
        findings.append(Finding(.dataRetrievedAfterReading))
      }
    }
    return Rated(level: level, findings: findings)
  }
}
