import Foundation

/// Reads the subset of TOML that `Config/cluster.toml` uses: `[table]` headers, `key = value` with
/// strings, integers, floats and booleans, and `#` comments. Anything else is an error with its line number.
enum TOMLSubset {
    enum Value: Equatable {
        case string(String)
        case integer(Int)
        case float(Double)
        case boolean(Bool)
    }

    /// A value and the line it was written on, so that a bad value's error can point at it.
    struct Entry: Equatable {
        let value: Value
        let line: Int
    }

    /// Keys are `table.key`.
    static func parse(_ text: String) throws(ConfigError) -> [String: Entry] {
        var values: [String: Entry] = [:]
        var table = ""
        // Lines end in LF, CRLF or CR: CRLF is one Character to Swift, so splitting on "\n" kept a CRLF file one line,
        // and with a comment first the whole file was read as that comment.
        for (number, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = stripComment(rawLine).trimmingCharacters(in: CharacterSet(charactersIn: " \t\r"))
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else { throw .malformed(line: number + 1, reason: "bad table header") }
                table = String(line.dropFirst().dropLast()).trimmingCharacters(in: CharacterSet(charactersIn: " "))
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { throw .malformed(line: number + 1, reason: "expected key = value") }
            let key = line[..<equals].trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            let rawValue = line[line.index(after: equals)...].trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw .malformed(line: number + 1, reason: "bad key \(key.debugDescription)")
            }
            let fullKey = table.isEmpty ? key : "\(table).\(key)"
            if let first = values[fullKey] {
                throw .malformed(line: number + 1, reason: "duplicate key \(fullKey) (first on line \(first.line))")
            }
            values[fullKey] = Entry(value: try value(rawValue, line: number + 1), line: number + 1)
        }
        return values
    }

    private static func stripComment(_ line: Substring) -> Substring {
        var inString = false
        for index in line.indices {
            if line[index] == "\"" { inString.toggle() }
            if line[index] == "#" && !inString { return line[..<index] }
        }
        return line
    }

    private static func value(_ text: String, line: Int) throws(ConfigError) -> Value {
        if text.hasPrefix("\"") {
            guard text.count >= 2, text.hasSuffix("\"") else { throw .malformed(line: line, reason: "unterminated string") }
            return .string(String(text.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\""))
        }
        if text == "true" { return .boolean(true) }
        if text == "false" { return .boolean(false) }
        // Numbers as TOML writes them: an underscore only between two digits, no leading zero, digits on both sides
        // of a point, a sign allowed; too large (or small) said so.
        let digits = text.replacingOccurrences(of: "_", with: "")
        let readsAsNumber = Int(digits) != nil || Double(digits) != nil
        if readsAsNumber {
            let characters = Array(text)
            func isDigit(_ index: Int) -> Bool { characters.indices.contains(index) && characters[index].isASCII && characters[index].isNumber }
            if characters.indices.contains(where: { characters[$0] == "_" && !(isDigit($0 - 1) && isDigit($0 + 1)) }) {
                throw .malformed(line: line, reason: "cannot read value \(text.debugDescription): an underscore goes between two digits")
            }
        }
        let shape = NumberShape(digits)
        if shape == .integer {
            guard let integer = Int(digits) else {
                throw .malformed(line: line, reason: "\(text) is out of range for a whole number (\(Int.min) to \(Int.max))")
            }
            return .integer(integer)
        }
        if shape == .float {
            guard let float = Double(digits), float.isFinite else { throw .malformed(line: line, reason: "\(text) is out of range for a number") }
            return .float(float)
        }
        if readsAsNumber {
            throw .malformed(line: line, reason: "cannot read value \(text.debugDescription): not a number as TOML writes one (no leading zero, digits on both sides of a point)")
        }
        throw .malformed(line: line, reason: "cannot read value \(text.debugDescription)")
    }
}

/// Whether text is a number as TOML writes one, underscores taken out: `[+-]?(0|[1-9][0-9]*)` for a whole number, and
/// with `(\.[0-9]+)?([eE][+-]?[0-9]+)?` after it for a float. Told by hand: a regular expression made every command
/// that reads the configuration start ICU's regex engine (about 2 ms).
enum NumberShape: Equatable {
    case integer, float, neither

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return index - start
        }
        func skip(_ allowed: UInt8...) { if index < bytes.count, allowed.contains(bytes[index]) { index += 1 } }
        skip(0x2B, 0x2D)
        let leadsWithZero = index < bytes.count && bytes[index] == 0x30
        let whole = digits()
        guard whole > 0, !(leadsWithZero && whole > 1) else { self = .neither; return }
        var isFloat = false
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            guard digits() > 0 else { self = .neither; return }
            isFloat = true
        }
        if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            skip(0x2B, 0x2D)
            guard digits() > 0 else { self = .neither; return }
            isFloat = true
        }
        guard index == bytes.count else { self = .neither; return }
        self = isFloat ? .float : .integer
    }
}
