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

    /// An id read back from where only valid ids were written (``PackedDocumentIDs``).
    init(checked rawValue: String) { self.rawValue = rawValue }

    /// Validates an id read as bytes (from a frame or a file); nil when it is not one. An array, not any collection:
    /// a generic one, not specialized across the module, went through a witness table for every byte.
    public init?(bytes: [UInt8]) {
        guard Self.isValid(bytes) else { return nil }
        rawValue = String(decoding: bytes, as: UTF8.self)
    }

    /// The id spelled as the lowercase hex digits of a digest (at most its first 64 bytes, so at most 128 digits):
    /// valid by construction, so not checked again.
    ///
    /// Raw bytes (`digest.withUnsafeBytes`), not a sequence: a generic one, not specialized across the module, cost
    /// a witness call per byte, a twentieth of the broker's time.
    public init(hexDigest digest: UnsafeRawBufferPointer) {
        let count = min(digest.count, Self.maxLength / 2)
        rawValue = count == 0 ? "0" : String(unsafeUninitializedCapacity: count * 2) { text in
            for index in 0..<count {
                let byte = digest[index]
                text[2 * index] = Self.hexDigit(byte >> 4)
                text[2 * index + 1] = Self.hexDigit(byte & 0x0F)
            }
            return count * 2
        }
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") - 10 + value
    }

    private static func isValid(_ bytes: String.UTF8View) -> Bool {
        // A contiguous buffer is checked in a tight loop; generic iteration cost more than the rest of a RESULT.
        bytes.count <= maxLength && (bytes.withContiguousStorageIfAvailable(isValid) ?? isValid(Array(bytes)))
    }

    private static func isValid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(isValid) }

    private static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.count <= maxLength && bytes.allSatisfy(isIDByte)
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
