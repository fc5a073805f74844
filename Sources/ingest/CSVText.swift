/// One CSV cell as `records` and `snapshot` write it (RFC 4180): quoted when it holds a comma, a quote or any line
/// break (CR alone too), quotes doubled. A text cell a spreadsheet would run as a formula (starting with `=`, `+`,
/// `-`, `@`, a tab or a CR: a file named `=HYPERLINK(...).txt`) gets a leading `'`, which spreadsheets show as text
/// and hide; `records --format jsonl` is the export that keeps every value as it was stored.
/// Two values the project writes itself start with `-` and are left as they are: standard input's source `-`, and a
/// date without its year, `--MM-DD`.
enum CSVText {
    static func cell(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first), !isOwnValue(text) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func isOwnValue(_ text: String) -> Bool {
        if text == "-" { return true }
        let bytes = Array(text.utf8)
        func digit(_ index: Int) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) }
        return bytes.count == 7 && bytes[0] == UInt8(ascii: "-") && bytes[1] == UInt8(ascii: "-") && digit(2) && digit(3)
            && bytes[4] == UInt8(ascii: "-") && digit(5) && digit(6)
    }

    /// A number, written as it is.
    static func cell(_ number: some BinaryInteger) -> String { "\(number)" }
}
