import ArgumentParser
import DeliveryRules
import Foundation
import IngestConfig
import IngestProtocol
import IngestServices
import MeetingExtraction
import MeetingModel
import ProvinceAggregation
import RecordStore

/// Where the aggregator keeps its records store, opened read-only (the aggregator may be running).
enum RecordsLocation {
    static func path(_ config: ClusterConfig) -> String { config.journalsDirectory + "/" + RecordStore.fileName }

    static func open(_ config: ClusterConfig) throws -> RecordStore {
        do {
            return try RecordStore.openForReading(path: path(config))
        } catch .missing(let path) {
            throw CommandFailure("no records store at \(path): nothing has been applied in \(config.dataDirectory) yet (or this is not the cluster's data directory)")
        } catch {
            throw CommandFailure(error.description)
        }
    }
}

struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print one applied document's record and the provinces and roles it counted for (no daemon needed).",
        discussion: "DOCUMENT is a document id (or its first 8 hex digits or more, as `records` prints 16), or a file, identified as `ingest submit` identifies it (the SHA-256 of its canonical text: no BOM, LF line ends, no trailing blanks, NFC).")

    @OptionGroup var options: CommonOptions

    @Argument(help: "A document id or a file.")
    var document: String

    @Option(help: "table (the record's main fields and its provinces) or json (everything stored).")
    var format: Format = .table

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() async throws {
        let config = try options.loadConfig()
        let store = try RecordsLocation.open(config)
        let id = try Self.identify(document, limit: config.maxDocumentBytes)
        guard let entry = try store.entry(id: id) ?? Self.wholeID(id, in: store).flatMap({ try store.entry(id: $0) }) else {
            // As `deadletter show` says it: only when some id does start so.
            if id == document, (1..<8).contains(id.utf8.count), id.allSatisfy(\.isHexDigit),
               try !store.ids(startingWith: id.lowercased(), limit: 1).isEmpty {
                throw CommandFailure("\(id) is too short to pick a document: give the whole id or at least its first 8 hex digits")
            }
            throw CommandFailure("\(id) has not been applied (\(store.path))" + (id == document ? "" : "; it is the id of \(document)"))
        }
        switch format {
        case .json:
            StandardStreams.writeOutput(RecordLines.json(entry))
        case .table:
            print(try Self.describe(entry))
        }
    }

    /// The id `argument` names: a readable file's id, else the argument itself when it is a valid id. A file is read
    /// up to `limit` bytes (`max_document_bytes`): a longer one was never applied, and a device or a pipe that never
    /// ends is not read on.
    static func identify(_ argument: String, limit: Int) throws -> String {
        let path = DocumentSources.rawArgument(argument)
        if path.kind == .directory { throw CommandFailure("\(argument) is a folder; show takes one file or a document id") }
        if path.kind != nil {
            let bytes: [UInt8]
            do {
                bytes = try DocumentSource(path: path).read(atMost: limit)
            } catch let failure as CommandFailure {
                throw CommandFailure("\(argument): \(failure), so it was never applied")
            }
            guard let text = String(validating: bytes, as: UTF8.self) else { throw CommandFailure("\(argument) is not valid UTF-8, so it was never applied") }
            return DocumentIdentity.id(for: text).rawValue
        }
        guard DocumentID(argument) != nil else { throw CommandFailure("\(argument.debugDescription) is neither a file nor a document id") }
        return argument
    }

    /// The stored id an abbreviation names: 8 hex digits or more in any case (`records` prints 16), when exactly one
    /// stored id starts with them; several is an error naming how to tell them apart.
    static func wholeID(_ given: String, in store: RecordStore) throws -> String? {
        let hex = given.lowercased()
        guard (8...64).contains(hex.utf8.count), hex.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }) else {
            return nil
        }
        let found = try store.ids(startingWith: hex, limit: 2)
        guard found.count < 2 else { throw CommandFailure("\(given) is the start of more than one document id; give more of it") }
        return found.first
    }

    static func describe(_ entry: StoredEntry) throws -> String {
        var lines = ["id          \(entry.id)", "sequence    \(entry.sequence)", "received    \(entry.receivedAt)"]
        if let source = entry.source { lines.append("source      \(source)") }
        if let published = entry.published { lines.append("published   \(published)") }
        guard let record = try entry.record() else {
            lines.append("record      not kept (its id came from a snapshot written before the records store, or salvage-records kept it when its record was on a damaged page)")
            return lines.map { PrintableText.escaping($0) }.joined(separator: "\n")
        }
        if let title = record.title { lines.append("title       \(title)") }
        lines.append("date        \(record.date ?? "unknown")" + (record.endDate.map { " to \($0)" } ?? ""))
        if let kind = record.meetingKind { lines.append("kind        \(kind)") }
        if let format = record.format { lines.append("format      \(format.rawValue)") }
        if let chair = record.chair { lines.append("chair       \(([chair.name] + chair.titles).joined(separator: ", "))") }
        for chair in record.coChairs { lines.append("co-chair    \(([chair.name] + chair.titles).joined(separator: ", "))") }
        lines.append("participants \(record.participants.count), organizations \(record.organizations.count), figures \(record.figures.count)")
        lines.append("")
        lines.append("counted for (province of its era -> 2025 unit: roles)")
        for mention in record.provinces {
            let key = ProvinceState.key(name: mention.name, formedIn2025: mention.formedIn2025)
            lines.append("  \(key) -> \(mention.mergedInto): \(mention.roles.map(\.rawValue).joined(separator: ", "))")
        }
        if record.provinces.isEmpty { lines.append("  no province") }
        return lines.map { PrintableText.escaping($0) }.joined(separator: "\n")
    }
}

struct RecordsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records",
        abstract: "List the applied documents a filter selects, streaming, oldest applied first (no daemon needed).",
        discussion: """
            Dates are the meeting's (the publication date when the text gave none), compared as text: --since and \
            --until take YYYY-MM-DD, YYYY-MM or YYYY, and --until keeps every date it is a prefix of. Documents \
            imported from a snapshot written before the records store have no record and are not listed.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, csv, table }

    @OptionGroup var options: CommonOptions

    @Option(help: "Only documents that counted for this province, as people type it (`binh phuoc`, `TP.HCM`).")
    var province: String?

    @Option(help: "historical: --province is a unit of its era; current: a 2025 unit (its old units' documents included).")
    var units: Snapshot.Units = .historical

    @Option(help: "Meetings on or after this date.")
    var since: String?

    @Option(help: "Meetings on or before this date.")
    var until: String?

    @Option(help: "Meeting kinds containing this text (`hội nghị`, `tiếp xúc cử tri`).")
    var kind: String?

    @Option(help: "Documents naming an official whose name contains this, ignoring case and diacritics.")
    var official: String?

    @Option(help: "jsonl (everything stored, one document per line), csv or table.")
    var format: Format = .table

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            guard let value else { continue }
            guard Self.isDatePrefix(value) else { throw ValidationError("\(name) must be a date that exists, as YYYY-MM-DD, YYYY-MM or YYYY, got \(value)") }
        }
    }

    /// A day, month or year that exists: `YYYY-MM-DD` (a calendar date), `YYYY-MM` (month 01–12) or `YYYY`, the year
    /// 1000–9999 as records write it (`2024-13` or `2023-99` matched nothing, or everything up to the year's end,
    /// without a word).
    static func isDatePrefix(_ text: String) -> Bool {
        switch text.utf8.count {
        case 10: return MetadataRules.isCalendarDate(text)
        case 7: return MetadataRules.isCalendarDate(text + "-01")
        case 4: return MetadataRules.isCalendarDate(text + "-01-01")
        default: return false
        }
    }

    func run() async throws {
        let config = try options.loadConfig()
        let store = try RecordsLocation.open(config)
        var filter = RecordFilter(currentUnits: units == .current, since: since, until: until, kind: kind, official: official)
        // Without --province one pass over everything; with it, one per unit the name stands for.
        var provinces: [String?] = [nil]
        if let province {
            switch ProvinceQuery.matchUnits(province, among: try store.provinceNames(current: units == .current)) {
            case .found(let keys): provinces = keys
            case .missing(let suggestions, let region):
                throw CommandFailure(SnapshotCommand.missMessage(province, path: store.path, suggestions: suggestions, region: region))
            }
        }
        let output = BufferedOutput()
        if format == .csv { output.write(Array((RecordLines.csvHeader + "\n").utf8)) }
        if format == .table { output.write(Array((RecordLines.tableHeader + "\n").utf8)) }
        var count = 0
        for key in provinces {
            filter.province = key
            try store.select(filter, withRecords: format == .jsonl) { entry in
                count += 1
                switch format {
                case .jsonl: output.write(RecordLines.json(entry))
                case .csv: output.write(Array((RecordLines.csv(entry) + "\n").utf8))
                case .table: output.write(Array((RecordLines.table(entry) + "\n").utf8))
                }
            }
        }
        output.flush()
        if format == .table { StandardStreams.writeError(Array("\(count) documents\n".utf8)) }
    }
}

/// One stored document as a line of each format.
enum RecordLines {
    /// Everything stored: the metadata, then the record (the binary form decoded and written as JSON; a JSON body, as a
    /// first-version worker sent it, parsed and written again on one line, as JSONSerialization reads it: a number past
    /// 64 bits as a double, a member named twice once; `null` for one that is not a JSON object), so that every line
    /// is one JSON value whatever a worker stored.
    static func json(_ entry: StoredEntry) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.string("date", entry.date)
        json.string("id", entry.id)
        json.string("kind", entry.kind)
        json.string("published", entry.published)
        json.string("receivedAt", entry.receivedAt)
        json.integer("sequence", Int(clamping: entry.sequence))
        json.string("source", entry.source)
        json.key("record")
        switch entry.body {
        case let body? where body.first == MeetingRecord.binaryFormMarker:
            if let record = try? MeetingRecord(binary: body) { RecordJSON.write(record, into: &json) } else { json.raw(Array("null".utf8)) }
        case let body?:
            if let object = try? JSONSerialization.jsonObject(with: Data(body)), object is [String: Any],
               let compact = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
                json.raw(Array(compact))
            } else {
                json.raw(Array("null".utf8))
            }
        case nil: json.raw(Array("null".utf8))
        }
        json.endObject()
        return json.bytes + [UInt8(ascii: "\n")]
    }

    static let csvHeader = "sequence,id,date,kind,source,provinces"

    /// `provinces` as stored: `Cà Mau:host;Bạc Liêu:mentioned` (roles joined by `+`).
    static func csv(_ entry: StoredEntry) -> String {
        ([CSVText.cell(entry.sequence)] + [entry.id, entry.date ?? "", entry.kind ?? "", entry.source ?? "", entry.provinces].map(CSVText.cell))
            .joined(separator: ",")
    }

    static let tableHeader = "Seq       Date        Kind                  Provinces                       Id"

    static func table(_ entry: StoredEntry) -> String {
        let provinces = entry.provinceRoles.map(\.key).joined(separator: ", ")
        return [pad("\(entry.sequence)", 9), pad(entry.date ?? "-", 11), pad(entry.kind ?? "-", 21), pad(provinces, 31), String(entry.id.prefix(16))]
            .joined(separator: " ")
    }

    /// Cells in terminal columns (``PrintableText``): a control character a document or a file name held is shown
    /// escaped, and a wide character counts two.
    private static func pad(_ text: String, _ width: Int) -> String { PrintableText.fitted(text, columns: width) }
}

/// Standard output in 64 KiB writes, so that a million lines cost a few hundred system calls.
final class BufferedOutput {
    private var buffer: [UInt8] = []

    func write(_ bytes: [UInt8]) {
        buffer += bytes
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        StandardStreams.writeOutput(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
