/// What a Unicode scalar is, for tokenising.
enum ScalarClass: UInt8 {
    case other, space, digit, upper, lower, mark

    var isLetter: Bool { self == .upper || self == .lower }

    @inline(__always)
    static func of(_ scalar: Unicode.Scalar) -> ScalarClass { ScalarTable.shared.classOf(scalar) }

    /// The class from Unicode's properties, for scalars past the table.
    static func compute(_ scalar: Unicode.Scalar) -> ScalarClass {
        let properties = scalar.properties
        if properties.isWhitespace { return .space }
        if properties.numericType == .decimal { return .digit }
        if (0x300...0x36F).contains(scalar.value) { return .mark }
        if properties.isAlphabetic { return properties.isUppercase ? .upper : .lower }
        return .other
    }
}

/// What the tokenizer's word scan asks of a scalar, one bit each, so a word's scalars are summed up by OR-ing them.
enum ScalarBits {
    static let upper: UInt8 = 1
    static let lower: UInt8 = 2
    static let digit: UInt8 = 4
    static let mark: UInt8 = 8
    static let nonASCII: UInt8 = 16
    /// A letter, digit or mark past ASCII: the text is written with diacritics.
    static let diacritic: UInt8 = 32
    static let space: UInt8 = 64
    static let letter: UInt8 = upper | lower
    /// What continues a word begun with a letter: letters and combining marks.
    static let wordContinuation: UInt8 = upper | lower | mark
    static let wordStart: UInt8 = upper | lower | digit

    static func compute(_ scalar: Unicode.Scalar) -> UInt8 { compute(scalar, kind: ScalarClass.compute(scalar)) }

    /// The bits of a scalar whose class is known.
    static func compute(_ scalar: Unicode.Scalar, kind: ScalarClass) -> UInt8 {
        var bits: UInt8
        switch kind {
        case .upper: bits = upper
        case .lower: bits = lower
        case .digit: bits = digit
        case .mark: bits = mark
        case .space: bits = space
        case .other: bits = 0
        }
        if !scalar.isASCII {
            bits |= nonASCII
            if kind != .other { bits |= diacritic }
        }
        return bits
    }
}

/// What the tokenizer asks of a scalar below U+2070, in two tables built once: its `ScalarBits` (one byte, the only
/// load per scalar in the word scan), and, packed into one word, its class, its folded ASCII byte (`ắ` -> `a`) and
/// its lower-case form (`Đ` -> `đ`) for the words that must be looked up. Scalars past the tables fall back to
/// Unicode's properties.
struct ScalarTable: @unchecked Sendable {
    static let shared = ScalarTable()

    /// Up to and including General Punctuation (dashes, curly quotes, the ellipsis), which news text is full of.
    private static let size = 0x2070
    /// The folded byte of a combining mark: nothing is written.
    private static let drop: UInt32 = 0
    /// The folded byte of a scalar folded by Unicode's lower-case mapping instead.
    private static let keep: UInt32 = 0xFF
    /// Bits 0-2 class, 3-10 folded byte, 11-31 lower-case scalar.
    private let entries: UnsafeMutablePointer<UInt32>
    /// `ScalarBits` per scalar, a byte each so the word scan's table stays small.
    private let bitsTable: UnsafeMutablePointer<UInt8>

    private init() {
        entries = .allocate(capacity: Self.size)
        bitsTable = .allocate(capacity: Self.size)
        var folded = [UInt32](repeating: Self.keep, count: Self.size)
        for value in 0..<0x80 { folded[value] = (0x41...0x5A).contains(value) ? UInt32(value + 32) : UInt32(value) }
        folded[0] = Self.keep
        for value in 0x300...0x36F { folded[value] = Self.drop }
        let groups: [(Character, String)] = [
            ("a", "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"),
            ("e", "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ"),
            ("i", "ìíỉĩịÌÍỈĨỊ"),
            ("o", "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"),
            ("u", "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ"),
            ("y", "ỳýỷỹỵỲÝỶỸỴ"),
            ("d", "đĐÐ"),
        ]
        for (base, letters) in groups {
            for letter in letters.unicodeScalars { folded[Int(letter.value)] = UInt32(base.asciiValue!) }
        }
        for value in 0..<Self.size {
            guard let scalar = Unicode.Scalar(UInt32(value)) else {
                entries[value] = UInt32(ScalarClass.other.rawValue) | folded[value] << 3
                bitsTable[value] = 0
                continue
            }
            // Unicode's lower-case mapping is a String: asked for only where it changes the scalar (a few hundred of
            // the table's eight thousand), and each scalar's class is computed once, so the table is built in a
            // fraction of the start-up it took.
            var lowered = scalar
            if scalar.properties.changesWhenLowercased {
                let lower = scalar.properties.lowercaseMapping.unicodeScalars
                if lower.count == 1, let only = lower.first { lowered = only }
            }
            let kind = ScalarClass.compute(scalar)
            entries[value] = UInt32(kind.rawValue) | folded[value] << 3 | lowered.value << 11
            bitsTable[value] = ScalarBits.compute(scalar, kind: kind)
        }
    }

    @inline(__always)
    func classOf(_ scalar: Unicode.Scalar) -> ScalarClass {
        let value = Int(scalar.value)
        guard value < Self.size else { return ScalarClass.compute(scalar) }
        return ScalarClass(rawValue: UInt8(truncatingIfNeeded: entries[value] & 7)).unsafelyUnwrapped
    }

    /// The scalar's `ScalarBits`.
    @inline(__always)
    func bits(_ scalar: Unicode.Scalar) -> UInt8 {
        let value = Int(scalar.value)
        guard value < Self.size else { return ScalarBits.compute(scalar) }
        return bitsTable[value]
    }

    /// Appends the folded form of one scalar (nothing for a combining mark).
    @inline(__always)
    func appendFolded(_ scalar: Unicode.Scalar, to bytes: inout some ByteSink) {
        let value = Int(scalar.value)
        let folded = value < Self.size ? entries[value] >> 3 & 0xFF : Self.keep
        if folded == Self.keep {
            for byte in scalar.properties.lowercaseMapping.utf8 { bytes.append(byte) }
        } else if folded != Self.drop {
            bytes.append(UInt8(truncatingIfNeeded: folded))
        }
    }

    /// Appends the UTF-8 bytes of one scalar lower-cased.
    @inline(__always)
    func appendLowercased(_ scalar: Unicode.Scalar, to bytes: inout some ByteSink) {
        let value = Int(scalar.value)
        if value < Self.size {
            Folding.appendUTF8(Unicode.Scalar(entries[value] >> 11).unsafelyUnwrapped, to: &bytes)
        } else {
            for byte in scalar.properties.lowercaseMapping.utf8 { bytes.append(byte) }
        }
    }
}
