/// Text that came from a document, a file name or a peer, made safe to print on a terminal or in a log line:
/// control characters (C0, DEL, C1), line and paragraph separators and the bidirectional controls are written
/// as `\u{1B}`, as Swift writes them, so an escape sequence cannot recolour, retitle or clear a terminal, a newline
/// cannot start a forged log line, and a right-to-left override cannot turn the rest of a line around. A backslash
/// is left alone: the output is for reading, not for parsing back.
public enum PrintableText {
    /// `text` with every scalar ``isUnsafe(_:)`` says cannot be printed as it is written as `\u{…}`; `keeping`
    /// names scalars to let through (a newline in a document's text printed whole).
    public static func escaping(_ text: String, keeping kept: Set<Unicode.Scalar> = []) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && !kept.contains($0) }) else { return text }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) && !kept.contains(scalar) {
                escaped.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    /// C0 controls (tab and newline too), DEL, C1 controls (NEL among them), U+2028 and U+2029, and the
    /// bidirectional marks, embeddings, overrides and isolates (U+200E–U+200F, U+202A–U+202E, U+2066–U+2069).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x200E...0x200F, 0x2028...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Terminal columns `text` takes once printable: combining marks and format characters none, East Asian wide
    /// and full-width characters and most emoji two, everything else one (NFC Vietnamese letters are one scalar).
    public static func columns(_ text: String) -> Int {
        escaping(text).unicodeScalars.reduce(0) { $0 + columns(of: $1) }
    }

    /// `text` made printable and fitted to exactly `width` columns: padded with spaces, or cut and ended with `…`.
    public static func fitted(_ text: String, columns width: Int) -> String {
        var fitted = String.UnicodeScalarView()
        var used = 0
        let printable = escaping(text)
        let total = printable.unicodeScalars.reduce(0) { $0 + columns(of: $1) }
        let budget = total <= width ? width : max(0, width - 1)
        for scalar in printable.unicodeScalars {
            let wide = columns(of: scalar)
            guard used + wide <= budget else { break }
            fitted.append(scalar)
            used += wide
        }
        if total > width, width > 0 { fitted.append("…"); used += 1 }
        return String(fitted) + String(repeating: " ", count: max(0, width - used))
    }

    static func columns(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 || (0x1E00...0x1EFF).contains(value) { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
