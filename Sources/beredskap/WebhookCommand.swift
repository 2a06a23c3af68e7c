import ArgumentParser
import BeredskapCore
import BeredskapStore
import Foundation

struct WebhookCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "webhook", abstract: "Webhooks of the stakeholder matrix.", subcommands: [Secret.self])

  struct Secret: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Print the key that signs webhook bodies (X-Beredskap-Signature: sha256=<hex HMAC-SHA256 of the body>), for the receiver."
    )
    @OptionGroup var db: DatabaseOption

    func run() async throws {
      let location: DatabaseLocation
      do {
        location = try DatabaseLocation.resolve(
          flag: db.database, environment: ProcessInfo.processInfo.environment)
      } catch {
        throw Failure(message: "\(error)")
      }
      let key: DataKey
      do {
        key = try DataKeySource.load(for: location, environment: ProcessInfo.processInfo.environment)
      } catch {
        throw Failure(message: "\(error)")
      }
      print(key.subkey(.webhooks).withUnsafeBytes { Hex.encode($0) })
    }
  }
}
