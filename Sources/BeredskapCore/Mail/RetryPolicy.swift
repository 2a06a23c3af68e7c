import Foundation

/// Exponential backoff for temporary failures, bounded in delay and in tries.
public struct RetryPolicy: Sendable, Equatable {
  /// The delay after the first failure; doubled after each further one.
  public var firstDelay: TimeInterval
  /// No wait is longer than this.
  public var maxDelay: TimeInterval
  /// After this many attempts a temporary failure becomes permanent.
  public var maxAttempts: Int

  public init(firstDelay: TimeInterval = 30, maxDelay: TimeInterval = 3600, maxAttempts: Int = 8) {
    self.firstDelay = max(0, firstDelay)
    self.maxDelay = max(self.firstDelay, maxDelay)
    self.maxAttempts = max(1, maxAttempts)
  }

  /// When to try again after `attempts` tries, or nil when they are used up.
  public func nextAttempt(after attempts: Int, now: Date) -> Date? {
    guard attempts < maxAttempts else { return nil }
    let exponent = Double(min(max(attempts - 1, 0), 30))
    return now.addingTimeInterval(min(maxDelay, firstDelay * pow(2, exponent)))
  }
}
