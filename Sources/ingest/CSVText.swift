/// One CSV cell as `records` and `snapshot` write it (RFC 4180): quoted when it holds a comma, a quote or any line
/// break (CR alone too), quotes doubled. A text cell a spreadsheet would run as a formula (starting with `=`, `+`,
/// `-`, `@`, a tab or a CR: a file named `=HYPERLINK(...).txt`) gets a leading `'`, which spreadsheets show as text
/// and hide; `records --format jsonl` is the export that keeps every value as it was stored.
enum CSVText {
    static func cell(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number, written as it is.
    static func cell(_ number: some BinaryInteger) -> String { "\(number)" }
}
