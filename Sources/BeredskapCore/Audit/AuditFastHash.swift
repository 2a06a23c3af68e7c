// BoringSSL, the library under swift-crypto, called directly for the audit
// verifier's million small hashes: swift-crypto allocates and wipes a heap
// context for every hash and every copy of a keyed HMAC; these keep their
// state on the stack. Same algorithm, same bytes (AuditRawCheckTests compares
// the two paths). `CCryptoBoringSSL` is not a declared product of
// swift-crypto (checked: 3.12.3 and 4.5.2 have it, under this name and with
// `CCryptoBoringSSL_` symbols); Package.swift keeps swift-crypto below 5.0.
// If a release renames it the build fails here, never silently.
import CCryptoBoringSSL

/// SHA-256 of one buffer.
enum FastSHA256 {
  /// Writes the 32-byte digest of `data` to `out`.
  static func hash(_ data: UnsafeRawBufferPointer, into out: UnsafeMutablePointer<UInt8>) {
    _ = CCryptoBoringSSL_SHA256(data.baseAddress?.assumingMemoryBound(to: UInt8.self), data.count, out)
  }
}

/// HMAC-SHA256 with the key's inner and outer block absorbed once: each MAC
/// then costs two compressions and no allocation.
struct FastHMAC: @unchecked Sendable {
  private var inner = SHA256_CTX()
  private var outer = SHA256_CTX()

  /// `key` at most 64 bytes (the audit sub-key is 32).
  init(key: UnsafeRawBufferPointer) {
    var block = [UInt8](repeating: 0, count: 64)
    for i in 0..<min(key.count, 64) { block[i] = key[i] }
    _ = CCryptoBoringSSL_SHA256_Init(&inner)
    _ = CCryptoBoringSSL_SHA256_Init(&outer)
    let ipad = block.map { $0 ^ 0x36 }
    let opad = block.map { $0 ^ 0x5c }
    _ = CCryptoBoringSSL_SHA256_Update(&inner, ipad, 64)
    _ = CCryptoBoringSSL_SHA256_Update(&outer, opad, 64)
  }

  /// HMAC of `message` equals `mac` (32 bytes), compared in constant time.
  func matches(mac: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer) -> Bool {
    guard mac.count == 32 else { return false }
    var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var i = inner
    var o = outer
    return withUnsafeMutableBytes(of: &digest) { d -> Bool in
      let out = d.baseAddress!.assumingMemoryBound(to: UInt8.self)
      _ = CCryptoBoringSSL_SHA256_Update(&i, message.baseAddress, message.count)
      _ = CCryptoBoringSSL_SHA256_Final(out, &i)
      _ = CCryptoBoringSSL_SHA256_Update(&o, out, 32)
      _ = CCryptoBoringSSL_SHA256_Final(out, &o)
      var diff: UInt8 = 0
      for j in 0..<32 { diff |= d[j] ^ mac[j] }
      return diff == 0
    }
  }
}
