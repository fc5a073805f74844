import MeetingModel

/// A journal entry's binary form: `B3 01`, a kind byte, then its fields (ids and bodies as length-prefixed
/// UTF-8, metadata as in its own form, counters as integers, a producer's routing id as length-prefixed bytes). The
/// first version wrote JSON records; the journal reads both, so an upgraded broker replays what its predecessor wrote.
/// A broker before `origins` skips those records as undecodable (logging how many) and replays the rest.
extension BrokerJournalEntry {
    public static let binaryFormMarker: UInt8 = 0xB3
    static let header: [UInt8] = [binaryFormMarker, 1]

    private enum Kind: UInt8 { case accepted = 1, done, deadLettered, retried, known, counters, origins }

    public func binaryEncoded() -> [UInt8] {
        var writer = BinaryWriter(header: Self.header, capacity: 64)
        switch self {
        case .accepted(let job):
            writer.byte(Kind.accepted.rawValue)
            write(job, to: &writer)
        case .done(let id):
            writer.byte(Kind.done.rawValue)
            writer.string(id.rawValue)
        case .deadLettered(let id):
            writer.byte(Kind.deadLettered.rawValue)
            writer.string(id.rawValue)
        case .retried(let job):
            writer.byte(Kind.retried.rawValue)
            write(job, to: &writer)
        case .known(let ids):
            writer.byte(Kind.known.rawValue)
            writer.strings(ids.map(\.rawValue))
        case .counters(let counters):
            writer.byte(Kind.counters.rawValue)
            for value in [counters.accepted, counters.duplicates, counters.rejected, counters.done, counters.deadLettered] { writer.int(value) }
        case .origins(let origins):
            writer.byte(Kind.origins.rawValue)
            writer.opaque(origins.producer.bytes)
            writer.strings(origins.ids.map(\.rawValue))
        }
        return writer.bytes
    }

    private func write(_ job: QueuedJob, to writer: inout BinaryWriter) {
        writer.string(job.id.rawValue)
        job.metadata.write(to: &writer)
        writer.utf8(job.body)
    }

    /// Decodes the binary form; an invalid id is ``BinaryFormError/invalidValue(what:value:at:)``.
    public init(binary bytes: [UInt8]) throws(BinaryFormError) {
        self = try BinaryReader.read(bytes, header: Self.header) { (reader: inout BinaryReader) throws(BinaryFormError) in
            let start = reader.position
            let raw = try reader.byte("kind")
            guard let kind = Kind(rawValue: raw) else { throw .invalidValue(what: "kind", value: UInt64(raw), at: start) }
            switch kind {
            case .accepted: return .accepted(try Self.job(&reader))
            case .done: return .done(try Self.id(&reader))
            case .deadLettered: return .deadLettered(try Self.id(&reader))
            case .retried: return .retried(try Self.job(&reader))
            case .known:
                let count = try reader.count("ids")
                var ids: [DocumentID] = []
                ids.reserveCapacity(count)
                for _ in 0..<count { ids.append(try Self.id(&reader)) }
                return .known(ids)
            case .counters:
                return .counters(BrokerCounters(accepted: try reader.int("accepted"), duplicates: try reader.int("duplicates"),
                                                rejected: try reader.int("rejected"), done: try reader.int("done"),
                                                deadLettered: try reader.int("deadLettered")))
            case .origins:
                let producer = PeerID(try reader.opaque("producer"))
                let count = try reader.count("ids")
                var ids: [DocumentID] = []
                ids.reserveCapacity(count)
                for _ in 0..<count { ids.append(try Self.id(&reader)) }
                return .origins(ProducerAcceptances(producer: producer, ids: ids))
            }
        }
    }

    private static func id(_ reader: inout BinaryReader) throws(BinaryFormError) -> DocumentID {
        let start = reader.position
        let text = try reader.string("id")
        guard let id = DocumentID(text) else { throw .invalidValue(what: "id", value: UInt64(text.utf8.count), at: start) }
        return id
    }

    private static func job(_ reader: inout BinaryReader) throws(BinaryFormError) -> QueuedJob {
        QueuedJob(id: try id(&reader), metadata: try DocumentMetadata.read(&reader), body: try reader.utf8("body"))
    }
}
