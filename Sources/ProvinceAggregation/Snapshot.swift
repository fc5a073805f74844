import Foundation

/// The on-disk snapshot, schema 1: every province's state at one sequence number of the records store.
/// Snapshots written before the records store also list every applied id (`appliedIDs`); new ones do not.
public struct Snapshot: Codable, Equatable, Sendable {
    public static let currentSchema = 1

    public var schema: Int
    public var sequence: UInt64
    public var createdAt: String
    public var documentsApplied: Int
    public var provinces: [ProvinceState]
    /// The 2025 units with every old unit rolled up into its successor; nil in snapshots written before it existed.
    public var currentUnits: [ProvinceState]?
    /// Only in snapshots written before the records store: every applied id, imported into it once.
    public var appliedIDs: [String]?

    public init(state: AggregateState, createdAt: String) {
        schema = Self.currentSchema
        sequence = state.sequence
        self.createdAt = createdAt
        documentsApplied = state.documentsApplied
        provinces = state.provinces.values.sorted { $0.key < $1.key }
        currentUnits = state.currentUnits.values.sorted { $0.name < $1.name }
        appliedIDs = nil
    }

    public var state: AggregateState {
        var state = AggregateState()
        state.sequence = sequence
        state.documentsApplied = documentsApplied
        for province in provinces { state.provinces[province.key] = province }
        for unit in currentUnits ?? [] { state.currentUnits[unit.name] = unit }
        return state
    }

    /// Which view of the provinces a reader wants.
    public enum Units: String, Sendable, CaseIterable {
        /// As the articles name them: each unit of its era apart.
        case historical
        /// Every old unit rolled up into its 2025 successor.
        case current
    }

    /// The provinces of one view; nil for `current` in a snapshot written before that view existed.
    public func provinces(_ units: Units) -> [ProvinceState]? {
        switch units {
        case .historical: provinces
        case .current: currentUnits
        }
    }

    /// The snapshot file's bytes: pretty-printed JSON with sorted keys, as `JSONEncoder` with
    /// `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]` writes it, written without the encoder (see
    /// ``SnapshotJSON``).
    public func encodedBytes() -> [UInt8] { SnapshotJSON.encode(self) }

    public func encoded() -> Data { Data(encodedBytes()) }

    public static func decode(_ data: Data) throws -> Snapshot {
        let snapshot = try JSONDecoder().decode(Snapshot.self, from: data)
        guard snapshot.schema == currentSchema else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "snapshot schema \(snapshot.schema), expected \(currentSchema)"))
        }
        return snapshot
    }
}
