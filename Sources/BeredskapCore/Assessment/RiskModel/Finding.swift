/// One thing a factor found, as a reason code with the values its sentence
/// needs. Values never carry personal data: only counts, hours, category
/// names and levels.
struct Finding: Equatable {
  var code: ReasonCode
  var values: [String: String] = [:]

  init(_ code: ReasonCode, _ values: [String: String] = [:]) {
    self.code = code
    self.values = values
  }
}

/// A factor's answer: a level on the scale and why.
struct Rated {
  var level: RiskScale
  var findings: [Finding] = []
}
