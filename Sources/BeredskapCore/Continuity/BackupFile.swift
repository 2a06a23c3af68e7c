import Crypto
import Foundation

/// The encrypted file `beredskap backup create` writes, read in chunks so
/// memory stays flat however large the database is.
///
/// Layout (integers big-endian):
///
///     header: "BRDSKBAK" · version (1 byte, 1) · store kind (1 byte) · chunk size (4 bytes) · file id (16 random bytes)
///     chunk*: length of sealed data (4 bytes) · nonce (12) · ciphertext · tag (16)
///
/// Each file has its own key: HKDF-SHA256 of the data key's `backups` sub-key
/// with the file id as salt. Every chunk is AES-256-GCM with a fresh random
/// nonce and authenticates the whole header, its index and whether it is the
/// last one, so a truncated, reordered, swapped or spliced file fails to open.
/// The last chunk may be empty; a file always has one.
public enum BackupFile {
  public enum StoreKind: UInt8, Sendable {
    case sqlite = 1
    case postgres = 2
  }

  public struct Header: Equatable, Sendable {
    public var version: UInt8
    public var kind: StoreKind
    public var chunkSize: UInt32
    public var fileID: [UInt8]

    var bytes: [UInt8] {
      Array(BackupFile.magic) + [version, kind.rawValue] + BackupFile.be32(chunkSize) + fileID
    }
  }

  public struct Invalid: Error, CustomStringConvertible, Equatable {
    public var description: String
  }

  static let magic = Array("BRDSKBAK".utf8)
  static let headerSize = 8 + 1 + 1 + 4 + 16
  public static let defaultChunkSize = 1 << 20
  /// Chunks larger than this are refused when reading: a bad length never allocates gigabytes.
  static let maxChunkSize = 16 << 20

  static func be32(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)]
  }

  static func read32(_ b: ArraySlice<UInt8>) -> UInt32 {
    b.reduce(0) { $0 << 8 | UInt32($1) }
  }

  static func fileKey(_ key: DataKey, fileID: [UInt8]) -> SymmetricKey {
    HKDF<SHA256>.deriveKey(
      inputKeyMaterial: key.subkey(.backups), salt: fileID, info: Data("beredskap backup file".utf8),
      outputByteCount: 32)
  }

  static func aad(_ header: Header, index: UInt64, final: Bool) -> [UInt8] {
    var out = header.bytes
    for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(index >> UInt64(shift) & 0xff)) }
    out.append(final ? 1 : 0)
    return out
  }

  /// Reads `next()` until it returns an empty array, writing sealed chunks with
  /// `write`. Returns the SHA-256 (hex) and size of everything written.
  public static func encrypt(
    kind: StoreKind, key: DataKey, chunkSize: Int = defaultChunkSize, next: () throws -> [UInt8],
    write: ([UInt8]) throws -> Void
  ) throws -> (sha256: String, size: Int64) {
    var hash = SHA256()
    var size: Int64 = 0
    func emit(_ bytes: [UInt8]) throws {
      hash.update(data: bytes)
      size += Int64(bytes.count)
      try write(bytes)
    }
    let size32 = UInt32(clamping: min(max(chunkSize, 1), maxChunkSize))
    var fileID = [UInt8](repeating: 0, count: 16)
    var rng = SystemRandomNumberGenerator()
    for i in fileID.indices { fileID[i] = UInt8.random(in: 0...255, using: &rng) }
    let header = Header(version: 1, kind: kind, chunkSize: size32, fileID: fileID)
    let fileKey = fileKey(key, fileID: fileID)
    try emit(header.bytes)
    // One chunk of look-ahead tells whether the current one is the last.
    // Re-cuts whatever sizes `next` returns into chunks of exactly the chunk size (the last shorter).
    var buffer: [UInt8] = []
    var done = false
    func readChunk() throws -> [UInt8] {
      while buffer.count < Int(size32), !done {
        let more = try next()
        if more.isEmpty { done = true } else { buffer += more }
      }
      let n = min(Int(size32), buffer.count)
      let out = Array(buffer[0..<n])
      buffer.removeFirst(n)
      return out
    }
    var current = try readChunk()
    var index: UInt64 = 0
    while true {
      let following = current.count < Int(size32) ? [] : try readChunk()
      let final = following.isEmpty
      let box = try AES.GCM.seal(current, using: fileKey, authenticating: aad(header, index: index, final: final))
      let sealed = Array(box.nonce) + Array(box.ciphertext) + Array(box.tag)
      try emit(be32(UInt32(sealed.count)) + sealed)
      if final { break }
      current = following
      index += 1
    }
    return (Hex.encode(hash.finalize()), size)
  }

  /// The SHA-256 (hex) of everything `next` returns until it returns nothing.
  public static func sha256(next: () throws -> [UInt8]) rethrows -> String {
    var hash = SHA256()
    while true {
      let bytes = try next()
      if bytes.isEmpty { break }
      hash.update(data: bytes)
    }
    return Hex.encode(hash.finalize())
  }

  /// Reads a file through `read(count)` (fewer bytes only at the end), checking
  /// every chunk and handing the plain bytes to `write` (pass nil to only
  /// verify). Throws on the first chunk that fails; call once without `write`
  /// before writing anything anywhere.
  @discardableResult
  public static func decrypt(
    key: DataKey, read: (Int) throws -> [UInt8], write: (([UInt8]) throws -> Void)?
  ) throws -> Header {
    let head = try read(headerSize)
    guard head.count == headerSize, Array(head[0..<8]) == magic else {
      throw Invalid(description: "is not a Beredskap backup file")
    }
    guard head[8] == 1 else {
      throw Invalid(description: "is a backup of a newer format (\(head[8])); use a newer Beredskap")
    }
    guard let kind = StoreKind(rawValue: head[9]) else { throw Invalid(description: "names an unknown database kind") }
    let chunkSize = read32(head[10..<14])
    guard chunkSize > 0, chunkSize <= maxChunkSize else { throw Invalid(description: "has a damaged header") }
    let header = Header(version: 1, kind: kind, chunkSize: chunkSize, fileID: Array(head[14..<30]))
    let fileKey = fileKey(key, fileID: header.fileID)
    var index: UInt64 = 0
    while true {
      let lengthBytes = try read(4)
      guard lengthBytes.count == 4 else {
        throw Invalid(description: "is cut short after chunk \(index) (the end is missing)")
      }
      let length = Int(read32(lengthBytes[0...]))
      guard length >= 28, length <= Int(chunkSize) + 28 else {
        throw Invalid(description: "chunk \(index) has a damaged length")
      }
      let sealed = try read(length)
      guard sealed.count == length else { throw Invalid(description: "is cut short in chunk \(index)") }
      let clear: Data
      var final = false
      do {
        let box = try AES.GCM.SealedBox(
          nonce: AES.GCM.Nonce(data: sealed[0..<12]), ciphertext: sealed[12..<(length - 16)],
          tag: sealed[(length - 16)...])
        if let c = try? AES.GCM.open(box, using: fileKey, authenticating: aad(header, index: index, final: false)) {
          clear = c
        } else {
          clear = try AES.GCM.open(box, using: fileKey, authenticating: aad(header, index: index, final: true))
          final = true
        }
      } catch {
        throw Invalid(
          description:
            "chunk \(index) cannot be opened: the file was altered, or it was made with another data key (BEREDSKAP_DATA_KEY / beredskap.key)"
        )
      }
      if let write { try write(Array(clear)) }
      if final {
        guard try read(1).isEmpty else { throw Invalid(description: "has data after its last chunk") }
        return header
      }
      index += 1
    }
  }
}
