/// Vietnamese text folded to lower-case ASCII (`Đắk Lắk` -> `dak lak`), for matching
/// text written with, without, or with odd diacritics.
enum Folding {
    static func fold(_ text: some StringProtocol) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { appendFolded(scalar, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the folded form of one scalar (nothing for a combining mark).
    @inline(__always)
    static func appendFolded(_ scalar: Unicode.Scalar, to bytes: inout some ByteSink) {
        let value = Int(scalar.value)
        let folded = value < table.count ? table[value] : keep
        if folded == keep {
            for byte in scalar.properties.lowercaseMapping.utf8 { bytes.append(byte) }
        } else if folded != drop {
            bytes.append(folded)
        }
    }

    /// Appends the UTF-8 bytes of one scalar lower-cased, from a table (`Đ` -> `đ`).
    @inline(__always)
    static func appendLowercased(_ scalar: Unicode.Scalar, to bytes: inout some ByteSink) {
        let value = Int(scalar.value)
        if value < lowerTable.count {
            appendUTF8(lowerTable[value], to: &bytes)
        } else {
            for byte in scalar.properties.lowercaseMapping.utf8 { bytes.append(byte) }
        }
    }

    /// Appends the UTF-8 bytes of one scalar.
    @inline(__always)
    static func appendUTF8(_ scalar: Unicode.Scalar, to bytes: inout some ByteSink) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            bytes.append(UInt8(value))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }

    private static let lowerTable: [Unicode.Scalar] = (0..<0x2000).map { value in
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return Unicode.Scalar(0) }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first! : scalar
    }

    private static let drop: UInt8 = 0
    private static let keep: UInt8 = 0xFF

    /// For every scalar below U+2000: its folded ASCII byte, `drop` for a combining mark, or `keep`.
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: keep, count: 0x2000)
        for value in 0..<0x80 {
            table[value] = (0x41...0x5A).contains(value) ? UInt8(value + 32) : UInt8(value)
        }
        table[0] = keep
        for value in 0x300...0x36F { table[value] = drop }
        let groups: [(UInt8, String)] = [
            (UInt8(ascii: "a"), "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"),
            (UInt8(ascii: "e"), "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ"),
            (UInt8(ascii: "i"), "ìíỉĩịÌÍỈĨỊ"),
            (UInt8(ascii: "o"), "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"),
            (UInt8(ascii: "u"), "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ"),
            (UInt8(ascii: "y"), "ỳýỷỹỵỲÝỶỸỴ"),
            (UInt8(ascii: "d"), "đĐÐ"),
        ]
        for (base, letters) in groups {
            for letter in letters.unicodeScalars { table[Int(letter.value)] = base }
        }
        return table
    }()
}

/// Where folded and spelled bytes are written: an array, or the tokenizer's fixed buffer.
protocol ByteSink {
    mutating func append(_ byte: UInt8)
}

extension Array: ByteSink where Element == UInt8 {}
