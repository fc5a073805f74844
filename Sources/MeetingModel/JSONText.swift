/// JSON string literals written straight into bytes, for the JSON the project writes without `JSONEncoder`
/// (snapshots, `ingest extract`): `"` and `\` escaped, control characters as `\b \f \n \r \t` or `\u00XX`, as
/// `JSONEncoder` writes them, everything else as it is. Runs that need no escape (nearly all) are copied whole.
public enum JSONText {
    /// A whole number's digits (and sign) straight into the bytes, not through a `String` per number.
    public static func appendDecimal(_ value: Int, to output: inout ByteOutput) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        appendDecimal(UInt64(value.magnitude), to: &output)
    }

    public static func appendDecimal(_ value: UInt64, to output: inout ByteOutput) {
        // Twenty digits hold any UInt64; written from the end of a stack buffer, then copied once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            var rest = value
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            output.append(UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    public static func appendQuoted(_ text: String, to output: inout ByteOutput) {
        var text = text
        text.withUTF8 { utf8 in
            // Room for the quotes and the text as it is; an escape makes more.
            output.reserve(utf8.count + 2)
            output.appendReserved(UInt8(ascii: "\""))
            var start = 0
            var index = escapeFree(utf8, from: 0)
            while index < utf8.count {
                let byte = utf8[index]
                if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    output.append(UnsafeBufferPointer(rebasing: utf8[start..<index]))
                    appendEscaped(byte, to: &output)
                    start = index + 1
                    index = escapeFree(utf8, from: start)
                } else {
                    index += 1
                }
            }
            output.append(UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The first offset from `start` on whose eight-byte word may hold a byte to escape (a control character, `"` or
    /// `\`), or the count when none does: names and titles are passed over a word at a time, not byte by byte.
    private static func escapeFree(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = utf8.baseAddress else { return utf8.count }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var offset = start
        while utf8.count - offset >= 8 {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            // A byte below 0x20, or one equal to `"` or `\` (a zero byte after the XOR): the usual word tests,
            // exact as to whether the word holds one.
            let control = (word &- ones &* 0x20) & ~word & highs
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let equal = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash) & highs
            if control | equal != 0 { return offset }
            offset += 8
        }
        return offset
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscaped(_ byte: UInt8, to output: inout ByteOutput) {
        let backslash = UInt8(ascii: "\\")
        output.append(backslash)
        switch byte {
        case UInt8(ascii: "\""), backslash: output.append(byte)
        case UInt8(ascii: "\n"): output.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): output.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): output.append(UInt8(ascii: "t"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        default:
            output.append("u00")
            output.append(hexDigits[Int(byte >> 4)])
            output.append(hexDigits[Int(byte & 0x0F)])
        }
    }
}
