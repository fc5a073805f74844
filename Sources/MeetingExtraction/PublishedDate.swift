/// The publication date a producer gives with a document (`YYYY-MM-DD`), read with bounds: it comes from outside,
/// so `2024-9223372036854775807-01` or `-1-01-01` is no date rather than a number that overflows later.
struct PublishedDate: Equatable {
    /// 1...9999.
    let year: Int
    /// 1...12.
    let month: Int
    /// 1...31.
    let day: Int

    /// Reads `YYYY-MM-DD` (months and days of one digit allowed); nil for anything else or out of bounds.
    init?(_ text: String) {
        let parts = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count == 3, let year = Self.number(parts[0], digits: 4, in: 1...9999),
              let month = Self.number(parts[1], digits: 2, in: 1...12), let day = Self.number(parts[2], digits: 2, in: 1...31)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date as ISO `YYYY-MM-DD`, zero-padded.
    var iso: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// One to `digits` ASCII digits whose value lies in `bounds`.
    private static func number(_ bytes: Substring.UTF8View.SubSequence, digits: Int, in bounds: ClosedRange<Int>) -> Int? {
        guard (1...digits).contains(bytes.count) else { return nil }
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return bounds.contains(value) ? value : nil
    }
}
