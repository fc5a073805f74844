/// A document's identity across the cluster: 1 to 128 characters of `A-Z a-z 0-9 . _ : -`.
/// By default the hex SHA-256 of the text's canonical form (no BOM, LF line ends, no trailing blanks, NFC), so the
/// same article submitted twice, however it was saved, is one document.
public struct DocumentID: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let rawValue: String

    public static let maxLength = 128

    /// Validates `rawValue`; returns nil for an empty, over-long or oddly-charactered id.
    public init?(_ rawValue: String) {
        guard Self.isValid(rawValue.utf8) else { return nil }
        self.rawValue = rawValue
    }

    /// Validates an id read as bytes (from a frame or a file); nil when it is not one.
    public init?<Bytes: Collection<UInt8>>(bytes: Bytes) {
        guard Self.isValid(bytes) else { return nil }
        rawValue = String(decoding: bytes, as: UTF8.self)
    }

    /// The id spelled as the lowercase hex digits of a digest (at most its first 64 bytes, so at most 128 digits):
    /// valid by construction, so not checked again.
    public init(hexDigest digest: some Sequence<UInt8>) {
        let bytes = Array(digest.prefix(Self.maxLength / 2))
        rawValue = bytes.isEmpty ? "0" : String(unsafeUninitializedCapacity: bytes.count * 2) { text in
            for (index, byte) in bytes.enumerated() {
                text[2 * index] = Self.hexDigits[Int(byte >> 4)]
                text[2 * index + 1] = Self.hexDigits[Int(byte & 0x0F)]
            }
            return bytes.count * 2
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func isValid<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        guard !bytes.isEmpty, bytes.count <= maxLength else { return false }
        // A contiguous buffer is checked in a tight loop; generic iteration cost more than the rest of a RESULT.
        if let valid = bytes.withContiguousStorageIfAvailable({ buffer in buffer.allSatisfy(isIDByte) }) { return valid }
        return bytes.allSatisfy(isIDByte)
    }

    @inline(__always)
    private static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: ":"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = DocumentID(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid document id"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
