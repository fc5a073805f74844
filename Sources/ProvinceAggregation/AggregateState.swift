import Foundation
import MeetingExtraction

/// Every province's state plus the ids already applied, so that applying a document twice changes nothing.
public struct AggregateState: Codable, Equatable, Sendable {
    public var provinces: [String: ProvinceState]
    public var appliedIDs: Set<String>
    /// How many documents have been applied; increases by one per new document.
    public var sequence: UInt64

    public init() {
        provinces = [:]
        appliedIDs = []
        sequence = 0
    }

    public func hasApplied(_ documentID: String) -> Bool { appliedIDs.contains(documentID) }

    /// This state with the record applied, or unchanged when the document was applied before.
    public func applying(_ record: MeetingRecord, documentID: String) -> AggregateState {
        guard !appliedIDs.contains(documentID) else { return self }
        var next = self
        next.appliedIDs.insert(documentID)
        next.sequence += 1
        for mention in record.provinces {
            let current = next.provinces[mention.name] ?? ProvinceState(name: mention.name)
            next.provinces[mention.name] = current.applying(record, documentID: documentID)
        }
        return next
    }

    /// Applies in place: the same as `self = applying(record, documentID:)`, without copying every province.
    public mutating func apply(_ record: MeetingRecord, documentID: String) -> Bool {
        guard appliedIDs.insert(documentID).inserted else { return false }
        sequence += 1
        for mention in record.provinces {
            let current = provinces.removeValue(forKey: mention.name) ?? ProvinceState(name: mention.name)
            provinces[mention.name] = current.applying(record, documentID: documentID)
        }
        return true
    }

    /// The province whose name matches `query` ignoring case and diacritics (`binh phuoc` finds Bình Phước).
    public func province(matching query: String) -> ProvinceState? {
        let key = ProvinceName.fold(query)
        return provinces.values.first { ProvinceName.fold($0.name) == key }
    }
}

/// Loose matching of province names typed by people.
public enum ProvinceName {
    public static func fold(_ text: String) -> String {
        let scalars = text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { !(0x300...0x36F).contains($0.value) }
            .map { $0 == "đ" ? "d" : Character($0) }
        return String(scalars).split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "." }).joined(separator: " ")
    }
}
