/// What the facts mean for each lost security property, before any decision:
/// whether its consequences for the people are neutralised, and its weight in
/// ENISA's "circumstances of the breach".
struct BreachContext {
  var confidentialityLost: Bool
  var confidentialityNeutralised: Bool
  var confidentialityUnintelligible: Bool
  var confidentialityCB = 0.0
  var integrityLost: Bool
  var integrityNeutralised: Bool
  var integrityCB = 0.0
  var availabilityLost: Bool
  var availabilityNeutralised: Bool
  var availabilityCB = 0.0
  /// Reason codes (with values) that explain the above, in order.
  var notes: [(String, [String: String])] = []

  /// Data in unknown or public hands: what makes fraud, identity theft and
  /// discrimination likely rather than merely possible.
  var inUnknownHands = false

  /// Categories the people need not fear: ordinary identity and contact data.
  static let ordinary: Set<DataCategory> = [.technical, .identity, .contact, .behavioural]

  init(_ f: BreachFacts, plan: Plan) {
    confidentialityLost = f.nature.contains(.confidentiality)
    integrityLost = f.nature.contains(.integrity)
    availabilityLost = f.nature.contains(.availability)

    // Confidentiality (EDPB 9/2022 paras. 76-84; ENISA CB).
    let protected = f.protection == .encrypted || f.protection == .hashed
    confidentialityUnintelligible = confidentialityLost && protected && !f.keyCompromised
    let fewOrdinary =
      f.recipients == .known && f.recipientsCount == 1 && f.dataRecovered && f.cause != .malicious
      && f.dataCategories.isSubset(of: Self.ordinary) && !f.vulnerableSubjects
      && (f.dataSubjects ?? Int.max) < 10 && f.categoriesComplete
    if !confidentialityLost {
      confidentialityNeutralised = true
    } else if f.misuseObserved {
      confidentialityNeutralised = false
    } else if confidentialityUnintelligible {
      confidentialityNeutralised = true
      notes.append(("confidentiality_unintelligible", ["protection": f.protection.rawValue]))
    } else if f.recipients == .none || (f.exfiltration == .ruledOut && f.recipients != .public) {
      confidentialityNeutralised = true
      notes.append(("no_exposure_evidence", [:]))
    } else if f.recipients == .trusted {
      confidentialityNeutralised = true
      notes.append(("trusted_recipient", [:]))
    } else if fewOrdinary {
      confidentialityNeutralised = true
      notes.append(("single_known_recipient_recovered", [:]))
    } else {
      confidentialityNeutralised = false
    }
    if confidentialityLost, protected, f.keyCompromised {
      notes.append(("key_compromised", ["protection": f.protection.rawValue]))
    }
    if confidentialityLost, !confidentialityNeutralised {
      switch f.recipients {
      case .known:
        confidentialityCB = 0.25
        notes.append(("known_recipients", ["recipients": f.recipientsCount.map(String.init) ?? "?"]))
      case .public:
        confidentialityCB = 0.5
        inUnknownHands = true
        let exposure = f.exposureHours.map { " (\(Deadline.hoursText($0)) h)" } ?? ""
        notes.append(("public_recipients", ["exposure": exposure]))
      default:
        confidentialityCB = 0.5
        inUnknownHands = true
        notes.append(("unknown_recipients", [:]))
      }
    }

    // Integrity.
    let reverted = f.mitigations.contains(.changeReverted) || f.dataRecovered
    integrityNeutralised = !integrityLost || (reverted && !f.permanentLoss && !f.misuseObserved)
    if integrityLost {
      if integrityNeutralised {
        notes.append(("integrity_restored", [:]))
      } else {
        integrityCB = f.permanentLoss ? 0.5 : 0.25
        notes.append(("integrity_lost", [:]))
      }
    }

    // Availability (EDPB 01/2021 cases 1-3): short, harmless and restorable is no risk.
    let quickRestore = f.restoreHours.map { $0 <= plan.availabilityGraceHours } ?? (f.backupAvailable == true)
    availabilityNeutralised =
      !availabilityLost || (!f.permanentLoss && quickRestore && f.serviceImpact <= .minor)
    if availabilityLost {
      if f.permanentLoss {
        availabilityCB = 0.5
        notes.append(("permanent_loss", [:]))
      } else if availabilityNeutralised {
        notes.append(("availability_restored", [:]))
      } else {
        availabilityCB = 0.25
        let restore = f.restoreHours.map { " (\(Deadline.hoursText($0)) h)" } ?? ""
        notes.append(("availability_lost", ["restore": restore]))
      }
    }
  }

  var allNeutralised: Bool { confidentialityNeutralised && integrityNeutralised && availabilityNeutralised }

}
