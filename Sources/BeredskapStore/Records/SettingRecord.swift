import FluentKit

/// An organisation-wide setting, e.g. `require_two_factor`.
public final class SettingRecord: Model, @unchecked Sendable {
  public static let schema = "settings"

  @ID(custom: "key", generatedBy: .user) public var id: String?
  @Field(key: "value") public var value: String

  public init() {}

  public init(key: String, value: String) {
    self.id = key
    self.value = value
  }
}
