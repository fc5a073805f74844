import IngestProtocol
import MeetingModel

/// What the broker accepts as a document's metadata, checked at the door so that nothing a producer
/// chose can make a worker trap or a JOB outgrow its limit later.
public enum MetadataRules {
    /// The longest `source` accepted, in UTF-8 bytes: any Linux path fits (PATH_MAX).
    public static let maxSourceBytes = 4096

    /// Why `metadata` is refused, or nil when it is acceptable.
    public static func problem(with metadata: DocumentMetadata) -> String? {
        if let published = metadata.published, !isCalendarDate(published) {
            return "published \(published.clipped(to: 40).debugDescription) is not a date YYYY-MM-DD"
        }
        if let source = metadata.source {
            if source.utf8.count > maxSourceBytes { return "source is \(source.utf8.count) bytes, over the limit of \(maxSourceBytes)" }
            if source.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "source contains control characters" }
        }
        return nil
    }

    /// Whether a document's text holds nothing to read: only white space, invisible format characters (a byte order
    /// mark, zero-width spaces and joiners, soft hyphens) and control characters. A file holding only a BOM was
    /// accepted as a document with the empty text's id, and an empty file sent after it answered DUPLICATE.
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(isBlank)
    }

    /// ``isBlank(_:)`` of UTF-8 bytes, decoded only as far as the first scalar that is not blank (the first few bytes
    /// of any real document); bytes that are not UTF-8 are not blank.
    public static func isBlank(utf8 bytes: some Sequence<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): if !isBlank(scalar) { return false }
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isWhitespace || properties.generalCategory == .format || properties.generalCategory == .control
    }

    /// `YYYY-MM-DD` with a year 1000...9999, a month 1...12 and a day that month can have.
    public static func isCalendarDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              year >= 1000, (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }
}
