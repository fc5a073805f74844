import MeetingModel

/// A province's roles as four bits: cheaper than a `Set` in the per-mention loops.
struct RoleSet {
    private var bits: UInt8 = 0

    init(_ role: MeetingRecord.ProvinceRole) { insert(role) }

    mutating func insert(_ role: MeetingRecord.ProvinceRole) { bits |= Self.bit(role) }

    mutating func formUnion(_ other: RoleSet) { bits |= other.bits }

    func contains(_ role: MeetingRecord.ProvinceRole) -> Bool { bits & Self.bit(role) != 0 }

    /// The roles the record prints, host first; `mentioned` only when there is no other.
    var printed: [MeetingRecord.ProvinceRole] {
        let specific = bits & ~Self.bit(.mentioned)
        if specific == 0 { return [.mentioned] }
        return MeetingRecord.ProvinceRole.allCases.filter { specific & Self.bit($0) != 0 }
    }

    private static func bit(_ role: MeetingRecord.ProvinceRole) -> UInt8 {
        switch role {
        case .host: 1
        case .bridgePoint: 2
        case .discussant: 4
        case .mentioned: 8
        }
    }
}
