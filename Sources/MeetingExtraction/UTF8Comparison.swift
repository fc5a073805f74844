extension String {
    /// Equality, prefix and suffix tests on UTF-8 bytes: the extractor's strings are all NFC, so bytes compare as
    /// text does, without the normalising comparison `==` and `hasPrefix` make.
    func isSameText(as other: String) -> Bool {
        utf8.count == other.utf8.count && Self.compare(self, 0, other, 0, other.utf8.count)
    }

    func startsWith(_ prefix: String) -> Bool {
        utf8.count >= prefix.utf8.count && Self.compare(self, 0, prefix, 0, prefix.utf8.count)
    }

    /// Starts with `prefix` followed by a space.
    func startsWith(word prefix: String) -> Bool {
        let count = prefix.utf8.count
        return utf8.count > count && Self.compare(self, 0, prefix, 0, count) && Self.byte(self, at: count) == UInt8(ascii: " ")
    }

    /// Ends with a space followed by `suffix`.
    func endsWith(word suffix: String) -> Bool {
        let count = suffix.utf8.count, start = utf8.count - count
        return start > 0 && Self.byte(self, at: start - 1) == UInt8(ascii: " ") && Self.compare(self, start, suffix, 0, count)
    }

    private static func compare(_ first: String, _ firstOffset: Int, _ second: String, _ secondOffset: Int, _ count: Int) -> Bool {
        var first = first, second = second
        return first.withUTF8 { a in
            second.withUTF8 { b in
                for offset in 0..<count where a[firstOffset + offset] != b[secondOffset + offset] { return false }
                return true
            }
        }
    }

    private static func byte(_ text: String, at offset: Int) -> UInt8 {
        var text = text
        return text.withUTF8 { $0[offset] }
    }
}
