import DeliveryRules
import IngestProtocol
import MeetingModel
import Testing

/// The README's table of roles, as a table: every request against every set of roles a key can hold.
@Suite("Access rules")
struct AccessRulesTests {
    static let id = DocumentID("doc-1")!
    static let producerRequests: [(String, ProducerRequest)] = [
        ("SUBMIT", .submit(id: nil, metadata: DocumentMetadata(), body: Array("a".utf8))),
        ("RETRY", .retry(id: id, metadata: DocumentMetadata(), body: Array("a".utf8))),
        ("STATUS", .status),
        ("DEADLETTERED?", .deadLettered([id])),
    ]
    static let aggregatorRequests: [(String, AggregatorRequest)] = [
        ("RESULT", .result(id, record: [], ticket: Ticket(expiresAt: 0, code: []), metadata: DocumentMetadata())),
        ("QUERY", .query(province: nil)),
        ("APPLIED?", .applied([id])),
        ("STATUS", .status),
        ("HELLO", .hello(features: [AggregatorRequest.Feature.storedBatches])),
    ]
    /// What each single role may send, from the README's table.
    static let broker: [Role: Set<String>] = [.producer: ["SUBMIT", "RETRY", "STATUS", "DEADLETTERED?"], .worker: [],
                                               .reader: ["STATUS", "DEADLETTERED?"]]
    static let aggregator: [Role: Set<String>] = [.producer: ["APPLIED?", "STATUS"], .worker: ["RESULT", "HELLO"], .reader: ["QUERY", "APPLIED?", "STATUS"]]

    /// Every set of roles, the empty one included.
    static var roleSets: [Set<Role>] {
        (0..<(1 << Role.allCases.count)).map { mask in Set(Role.allCases.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)) }
    }

    @Test("a key may send a message exactly when one of its roles may: SUBMIT and RETRY for producers, QUERY for readers, RESULT and the worker port for workers")
    func table() {
        for roles in Self.roleSets {
            let principal = Principal(name: "k", roles: roles)
            for (name, request) in Self.producerRequests {
                let expected = roles.contains { Self.broker[$0]?.contains(name) == true }
                #expect(AccessRules.allowed(request, for: principal) == expected, "\(name) from \(roles.sorted())")
            }
            for (name, request) in Self.aggregatorRequests {
                let expected = roles.contains { Self.aggregator[$0]?.contains(name) == true }
                #expect(AccessRules.allowed(request, for: principal) == expected, "\(name) from \(roles.sorted())")
            }
            #expect(AccessRules.allowedToWork(principal) == roles.contains(.worker), "the worker port from \(roles.sorted())")
        }
    }

    @Test("without CURVE every peer holds every role")
    func anyone() {
        #expect(Self.producerRequests.allSatisfy { AccessRules.allowed($0.1, for: .anyone) })
        #expect(Self.aggregatorRequests.allSatisfy { AccessRules.allowed($0.1, for: .anyone) })
        #expect(AccessRules.allowedToWork(.anyone))
    }
}
