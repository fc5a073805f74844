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
        ScalarTable.shared.appendFolded(scalar, to: &bytes)
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

}

/// Vietnamese text folded for matching names people type: lower-case ASCII, diacritics dropped (`Nguyễn Văn Đức`
/// -> `nguyen van duc`), through the extractor's own table (no Foundation normalisation).
public enum VietnameseFolding {
    public static func fold(_ text: String) -> String { Folding.fold(text) }
}

/// Where folded and spelled bytes are written: an array, or the tokenizer's fixed buffer.
protocol ByteSink {
    mutating func append(_ byte: UInt8)
}

extension Array: ByteSink where Element == UInt8 {}
