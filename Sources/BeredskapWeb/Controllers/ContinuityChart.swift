import Foundation

/// A bar chart per month as plain numbers for an inline SVG in a template:
/// no JavaScript, no raw HTML. The data table beside it is the accessible form.
struct ContinuityChart: Encodable {
  struct Bar: Encodable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double
    var labelX: Double
    var valueY: Double
    var value: String
    var label: String
    var showLabel: Bool
  }
  struct Tick: Encodable {
    var y: Double
    var labelY: Double
    var text: String
  }

  static let width = 640.0
  static let height = 240.0
  static let left = 48.0
  static let right = 12.0
  static let top = 16.0
  static let bottom = 36.0

  var width = Self.width
  var height = Self.height
  var axisX = Self.left
  var axisRight = Self.width - Self.right
  var axisY = Self.height - Self.bottom
  var tickX = Self.left - 4
  var labelY = Self.height - Self.bottom + 16
  var bars: [Bar]
  var ticks: [Tick]
  /// The target line (the RTO), when the chart has one.
  var targetY: Double?
  var targetLabelY: Double?
  var targetText: String?

  /// - Parameters:
  ///   - values: one per month, nil for a month with nothing to show.
  ///   - target: drawn as a dashed line, and kept inside the scale.
  init(
    labels: [String], values: [Double?], format: (Double) -> String, target: Double? = nil, targetText: String? = nil
  ) {
    let finite = values.compactMap { $0 }.filter { $0.isFinite && $0 >= 0 }
    let scaleTop = Self.niceCeiling(max(finite.max() ?? 0, target ?? 0, 1))
    let plotHeight = Self.height - Self.top - Self.bottom
    let plotWidth = Self.width - Self.left - Self.right
    let n = max(labels.count, 1)
    let slot = plotWidth / Double(n)
    let every = max(1, (n + 11) / 12)
    func y(_ v: Double) -> Double { Self.top + plotHeight * (1 - min(max(v, 0), scaleTop) / scaleTop) }
    bars = zip(labels, values).enumerated().map { i, pair in
      let v = pair.1.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
      let barY = y(v ?? 0)
      let x = Self.left + slot * Double(i) + slot * 0.2
      return Bar(
        x: Self.round(x), y: Self.round(barY), width: Self.round(slot * 0.6),
        height: Self.round(Self.top + plotHeight - barY), labelX: Self.round(x + slot * 0.3),
        valueY: Self.round(barY - 3), value: v.map(format) ?? "", label: pair.0, showLabel: i % every == 0)
    }
    ticks = [0, scaleTop / 2, scaleTop].map {
      Tick(y: Self.round(y($0)), labelY: Self.round(y($0) + 4), text: format($0))
    }
    targetY = target.map { Self.round(y($0)) }
    targetLabelY = target.map { Self.round(y($0) - 4) }
    self.targetText = targetText
  }

  static func round(_ v: Double) -> Double { (v * 10).rounded() / 10 }

  /// 1, 2, 5 × 10ⁿ at or above `v`.
  static func niceCeiling(_ v: Double) -> Double {
    guard v.isFinite, v > 0 else { return 1 }
    let exponent = floor(log10(v))
    let base = pow(10, exponent)
    for step in [1.0, 2, 5, 10] where step * base >= v { return step * base }
    return 10 * base
  }
}
