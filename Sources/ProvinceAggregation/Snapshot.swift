import Foundation
import MeetingExtraction

/// The on-disk snapshot, schema 1: the whole aggregate state at one sequence number.
public struct Snapshot: Codable, Equatable, Sendable {
    public static let currentSchema = 1

    public var schema: Int
    public var sequence: UInt64
    public var createdAt: String
    public var documentsApplied: Int
    public var provinces: [ProvinceState]
    public var appliedIDs: [String]

    public init(state: AggregateState, createdAt: String) {
        schema = Self.currentSchema
        sequence = state.sequence
        self.createdAt = createdAt
        documentsApplied = state.appliedIDs.count
        provinces = state.provinces.values.sorted { $0.name < $1.name }
        appliedIDs = state.appliedIDs.sorted()
    }

    public var state: AggregateState {
        var state = AggregateState()
        state.sequence = sequence
        state.appliedIDs = Set(appliedIDs)
        for province in provinces { state.provinces[province.name] = province }
        return state
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> Snapshot {
        let snapshot = try JSONDecoder().decode(Snapshot.self, from: data)
        guard snapshot.schema == currentSchema else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "snapshot schema \(snapshot.schema), expected \(currentSchema)"))
        }
        return snapshot
    }
}
