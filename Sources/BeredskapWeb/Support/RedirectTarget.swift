import Foundation

/// Where a redirect taken from a request (`next`, `back`) may go: a path on
/// this site and nowhere else. Browsers read `//host`, `/\host` and paths
/// with tabs or line breaks as other sites or as new headers, so anything
/// that is not plainly a path falls back to the home page. Every redirect
/// whose target comes from outside goes through here.
enum RedirectTarget {
  static func sameSite(_ candidate: String?, fallback: String = "/") -> String {
    guard let candidate, isSameSitePath(candidate) else { return fallback }
    return candidate
  }

  static func isSameSitePath(_ text: String) -> Bool {
    guard !text.isEmpty, text.utf8.count <= 2048 else { return false }
    // Judge the text as sent and as a browser or proxy might decode it.
    var forms = [text]
    var current = text
    for _ in 0..<3 {
      guard current.contains("%") else { break }
      guard let decoded = current.removingPercentEncoding else { return false }
      if decoded == current { break }
      forms.append(decoded)
      current = decoded
    }
    return forms.allSatisfy { form in
      form.hasPrefix("/") && !form.hasPrefix("//") && !form.contains("\\")
        && !form.unicodeScalars.contains(where: isUnsafe)
    }
  }

  /// Control characters (CR, LF, TAB, NUL …) and the Unicode line separators.
  static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
    switch s.properties.generalCategory {
    case .control, .lineSeparator, .paragraphSeparator, .format: true
    default: false
    }
  }
}
