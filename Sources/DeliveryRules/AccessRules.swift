import IngestProtocol

/// What a key may be allowed to do. A key can hold several roles.
public enum Role: String, CaseIterable, Sendable, Comparable {
    /// Submits documents and asks the broker how it is doing.
    case producer
    /// Takes jobs from the broker and sends records to the aggregator.
    case worker
    /// Reads the aggregator's state and counters.
    case reader

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Who the authenticated peer of a message is: a key's name and its roles in the allow-lists. With CURVE off
/// every peer is ``anyone``.
public struct Principal: Equatable, Sendable {
    public let name: String
    public let roles: Set<Role>

    public init(name: String, roles: Set<Role>) {
        self.name = name
        self.roles = roles
    }

    /// The peer of a cluster without CURVE: every role, no name.
    public static let anyone = Principal(name: "", roles: Set(Role.allCases))
}

/// Which roles may send which messages: checked by the broker and the aggregator against the authenticated
/// peer of each message, never against what the message claims.
public enum AccessRules {
    public static func allowed(_ request: ProducerRequest, for principal: Principal) -> Bool {
        switch request {
        case .submit, .retry: principal.roles.contains(.producer)
        case .status, .deadLettered: !principal.roles.isDisjoint(with: [.producer, .reader])
        }
    }

    public static func allowedToWork(_ principal: Principal) -> Bool { principal.roles.contains(.worker) }

    public static func allowed(_ request: AggregatorRequest, for principal: Principal) -> Bool {
        switch request {
        case .result, .hello: principal.roles.contains(.worker)
        case .query: principal.roles.contains(.reader)
        // A producer's `submit --wait` asks whether its documents are applied; `status` asks for counters.
        case .applied, .status: !principal.roles.isDisjoint(with: [.producer, .reader])
        }
    }
}
