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

    /// The province `query` means, as people type it (`binh phuoc`, `TP.HCM`, `tinh ca mau`, `Hue` for
    /// `Thừa Thiên Huế`): see ``ProvinceQuery``.
    public func province(matching query: String) -> ProvinceState? {
        guard case .found(let name) = lookUpProvince(query) else { return nil }
        return provinces[name]
    }

    /// The province `query` means, or the nearest names when none does.
    public func lookUpProvince(_ query: String) -> ProvinceQuery.Outcome {
        ProvinceQuery.match(query, among: provinces.keys)
    }
}

/// Loose matching of province names typed by people.
public enum ProvinceName {
    /// Lower case, no diacritics, `đ` as `d`, runs of anything but letters and digits as one space.
    public static func fold(_ text: String) -> String { ProvinceQuery.fold(text) }
}
