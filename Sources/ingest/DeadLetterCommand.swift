import ArgumentParser
import Foundation
import IngestConfig
import IngestProtocol
import IngestServices
import MeetingModel

struct DeadLetterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadletter",
        abstract: "List, show and retry the documents the broker gave up on.",
        subcommands: [List.self, Show.self, Retry.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "One line per dead letter: id, attempts, source, reason (no daemon needed).")

        @OptionGroup var options: CommonOptions

        @Option(help: "table or jsonl (everything but the body).")
        var format: Format = .table

        enum Format: String, ExpressibleByArgument, CaseIterable { case table, jsonl }

        func run() async throws {
            let config = try options.loadConfig()
            let letters = DeadLetters(directory: config.deadLetterDirectory)
            let ids = try letters.ids()
            for id in ids {
                guard let letter = try? letters.letter(id) else {
                    printError("\(id): the dead letter cannot be read")
                    continue
                }
                switch format {
                case .table:
                    print(PrintableText.escaping("\(id.prefix(16))  attempts \(letter.attempts)  \(letter.metadata.source ?? "-")  \(letter.reason.prefix(100))"))
                case .jsonl:
                    // Numbers as numbers; a source or publication date the letter does not have is left out, as
                    // `extract` and `records` leave out what a record does not have.
                    var json = JSONWriter()
                    json.beginObject()
                    json.integer("attempts", letter.attempts)
                    json.integer("bytes", letter.body.utf8.count)
                    json.string("id", letter.id)
                    json.string("published", letter.metadata.published)
                    json.string("reason", letter.reason)
                    json.string("source", letter.metadata.source)
                    json.endObject()
                    json.endLine()
                    StandardStreams.writeOutput(json.bytes)
                }
            }
            if format == .table { printError("\(ids.count) dead letters in \(config.deadLetterDirectory)") }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One dead letter whole: why, how many attempts, the metadata and the text.")

        @OptionGroup var options: CommonOptions

        @Argument(help: "The document's id (a unique prefix of 8 or more characters will do).")
        var id: String

        func run() async throws {
            let config = try options.loadConfig()
            let letters = DeadLetters(directory: config.deadLetterDirectory)
            let letter = try DeadLetterCommand.find(id, in: letters)
            let header = ["id          \(letter.id)", "attempts    \(letter.attempts)", "reason      \(letter.reason)",
                          "source      \(letter.metadata.source ?? "-")", "published   \(letter.metadata.published ?? "-")",
                          "bytes       \(letter.body.utf8.count)"]
            for line in header { print(PrintableText.escaping(line)) }
            print("")
            // The text whole, its lines and tabs kept (a CRLF as a line end); anything else that would act on the
            // terminal shown escaped.
            print(PrintableText.escaping(letter.body.replacingOccurrences(of: "\r\n", with: "\n"), keeping: ["\n", "\t"]))
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry",
            abstract: "Send dead-lettered documents through the broker again, their attempts at zero.",
            discussion: "A retried document's dead letter is removed by the broker once the aggregator has stored it; with --wait this command waits for that.")

        @OptionGroup var options: CommonOptions

        @Argument(help: "Ids (or unique prefixes of 8 or more characters).")
        var ids: [String] = []

        @Flag(help: "Retry every dead letter.")
        var all = false

        @Flag(help: "Wait until every retried document is applied.")
        var wait = false

        @Option(help: "How long --wait waits, in seconds.")
        var waitTimeout: Double = 600

        func validate() throws {
            guard all != !ids.isEmpty else { throw ValidationError("give ids or --all, not both and not neither") }
            guard waitTimeout > 0, waitTimeout <= 7 * 86_400 else { throw ValidationError("--wait-timeout must be more than 0 and at most 604800 seconds, got \(waitTimeout)") }
        }

        func run() async throws {
            let config = try options.loadConfig()
            let letters = DeadLetters(directory: config.deadLetterDirectory)
            var failed = 0
            var chosen: [DeadLetters.Letter] = []
            if all {
                // A letter that cannot be read is named and left; it does not keep the others from being retried.
                for id in try letters.ids() {
                    do {
                        if let letter = try letters.letter(id) { chosen.append(letter) }
                    } catch {
                        failed += 1
                        printError("\(id): the dead letter cannot be read, left as it is: \(error)")
                    }
                }
            } else {
                chosen = try ids.map { try DeadLetterCommand.find($0, in: letters) }
            }
            let client = StatusClient(config: config, timeoutMilliseconds: 5000)
            var requeued = PackedDocumentIDs()
            for letter in chosen {
                guard let id = DocumentID(letter.id) else { continue }
                let reply = try client.retryBackingOff(id: id, metadata: letter.metadata, body: Array(letter.body.utf8))
                switch reply {
                case .accepted?:
                    requeued.append(id)
                    print("queued again \(letter.id)")
                case .rejected(_, let reason)?:
                    failed += 1
                    printError("refused \(letter.id): \(reason)")
                case nil:
                    throw CommandFailure(StatusClient.notAnswering("broker", at: config.frontend, config: config))
                case .error(let reason)?:
                    throw CommandFailure(BrokerRefusal(endpoint: config.frontend, reason: reason).description)
                default:
                    failed += 1
                    printError("\(letter.id): the broker answered \(String(describing: reply))")
                }
            }
            if wait, !requeued.isEmpty {
                let submitter = try Submitter(config: config, logger: options.makeLogger(label: "ingest.deadletter"))
                // A retried document can fail again: the broker is asked which it gave up on once more.
                let waited = try submitter.waitUntilApplied(requeued, timeout: waitTimeout, asksBroker: true)
                if waited.deadLettered > 0 { printError("\(waited.deadLettered) retried documents were dead-lettered again") }
                if waited.missing > 0 { printError("\(waited.missing) retried documents not applied within \(Int(waitTimeout)) s") }
                if waited.missing > 0 || waited.deadLettered > 0 { throw ExitCode(1) }
                print("applied \(requeued.count)")
            }
            if failed > 0 { throw ExitCode(1) }
        }
    }

    /// The letter whose id is `id`, or starts with it (8 characters or more, and only one such letter).
    static func find(_ id: String, in letters: DeadLetters) throws -> DeadLetters.Letter {
        if let letter = try letters.letter(id) { return letter }
        // As `show` takes ids: a whole id or a start of 8 or more characters, in any case.
        let wanted = id.lowercased()
        let matches = id.count >= 8 ? try letters.ids().filter { $0.lowercased().hasPrefix(wanted) } : []
        guard matches.count == 1, let letter = try letters.letter(matches[0]) else {
            if matches.count > 1 { throw CommandFailure("\(id) is the start of \(matches.count) dead letters; give more of it") }
            if id.count < 8, try letters.ids().contains(where: { $0.lowercased().hasPrefix(wanted) }) {
                throw CommandFailure("\(id) is too short to pick a dead letter: give the whole id or at least its first 8 characters")
            }
            throw CommandFailure("no dead letter for \(id) in \(letters.directory)")
        }
        return letter
    }
}
