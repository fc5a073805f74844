import Foundation
import MeetingModel

/// Every province's state, built from applied records. Whether a document was applied before is not kept here
/// (it would grow with every document): the records store's index answers that, and the aggregator applies a
/// document only once the store has taken it.
///
/// Two views of the same documents: ``provinces`` keeps each unit of its era apart (Gia Lai before the 2025 merger
/// and the Gia Lai formed by it are two entries, see ``ProvinceState/key``); ``currentUnits`` rolls every old
/// unit up into its 2025 successor, counting a document once per successor however many of its old units it names.
public struct AggregateState: Codable, Equatable, Sendable {
    public var provinces: [String: ProvinceState]
    /// The 34 units since 1 July 2025, keyed by name.
    public var currentUnits: [String: ProvinceState]
    /// How many documents have been applied.
    public var documentsApplied: Int
    /// The records store's sequence of the last record applied: equal to ``documentsApplied`` unless a store was
    /// salvaged with rows missing, or a record sent again after a fault left its number unused.
    public var sequence: UInt64

    public init() {
        provinces = [:]
        currentUnits = [:]
        documentsApplied = 0
        sequence = 0
    }

    /// This state with one more document applied (the caller makes sure it was not applied before).
    public func applying(_ record: MeetingRecord, documentID: String) -> AggregateState {
        var next = self
        next.apply(record, documentID: documentID)
        return next
    }

    /// Applies in place, as the record of sequence ``sequence`` + 1.
    public mutating func apply(_ record: MeetingRecord, documentID: String) {
        documentsApplied += 1
        sequence += 1
        let applied = AppliedRecord(record, documentID: documentID)
        // The officials of each mentioned unit, found once for both views.
        let officials = record.provinces.map { applied.officials(of: $0.name) }
        // In place: each province's dictionaries are updated, never copied.
        for (mention, officials) in zip(record.provinces, officials) {
            let key = ProvinceState.key(name: mention.name, formedIn2025: mention.formedIn2025)
            provinces[key, default: ProvinceState(mention)].apply(mention, of: applied, officials: officials)
        }
        for unit in Self.currentUnits(of: record, officials: officials) {
            currentUnits[unit.mention.name, default: ProvinceState(unit.mention)].apply(unit.mention, of: applied, officials: unit.officials)
        }
    }

    /// The record's provinces rolled up into their 2025 units: one mention per successor, with the roles of all the
    /// old units it absorbed, and the officials of any of them (`officials` holds each mention's participants, as
    /// indices, in order).
    static func currentUnits(of record: MeetingRecord, officials officialsByMention: [[Int]])
        -> [(mention: MeetingRecord.ProvinceMention, officials: [Int])] {
        var units: [(mention: MeetingRecord.ProvinceMention, officials: [Int])] = []
        for (mention, officials) in zip(record.provinces, officialsByMention) {
            if let index = units.firstIndex(where: { TextKey.sameBytes($0.mention.name, mention.mergedInto) }) {
                units[index].mention.roles = Array(Set(units[index].mention.roles).union(mention.roles)).sorted()
                units[index].officials += officials
            } else {
                // Records written before `mergedIntoCode` existed carry only their own unit's code.
                let code = mention.mergedIntoCode ?? mention.code
                units.append((MeetingRecord.ProvinceMention(name: mention.mergedInto, code: code, roles: mention.roles,
                                                            mergedInto: mention.mergedInto, mergedIntoCode: code), officials))
            }
        }
        return units
    }

    /// For a state loaded from a snapshot written before ``currentUnits`` existed: the current view summed from the
    /// historical one, given each old name's 2025 successor. A document that named two old units of one successor
    /// is counted twice there, which is why new snapshots carry the view instead.
    public mutating func deriveCurrentUnits(successor: (String) -> (name: String, code: Int)?) {
        currentUnits = [:]
        for province in provinces.values.sorted(by: { $0.key < $1.key }) {
            let target = province.formedIn2025 ? (province.name, province.code ?? 0) : successor(province.name) ?? (province.name, province.code ?? 0)
            var unit = currentUnits[target.0] ?? ProvinceState(name: target.0)
            unit.code = target.1
            unit.absorb(province)
            currentUnits[target.0] = unit
        }
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
