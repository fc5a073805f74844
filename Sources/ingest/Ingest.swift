import ArgumentParser
import Foundation

@main
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest Vietnamese reports of official meetings into per-province state, over ZeroMQ.",
        // A static let is made on first use, so the libzmq version is the one loaded at run time.
        version: Version.full,
        subcommands: [
            BrokerCommand.self, WorkerCommand.self, AggregatorCommand.self,
            SubmitCommand.self, SnapshotCommand.self, ShowCommand.self, RecordsCommand.self, DeadLetterCommand.self, SalvageCommand.self, ReportCommand.self, ExtractCommand.self, StatusCommand.self, KeysCommand.self, VersionCommand.self,
        ])

    /// As ArgumentParser's own, and then what `print` buffered is written, a failure said with exit 1 rather than lost
    /// (`snapshot --format json > /dev/full` exited 0 having written nothing); help and the version too.
    static func main() async {
        StandardStreams.guardClosedDescriptors()
        do {
            var command = try parseAsRoot()
            if command is BrokerCommand || command is WorkerCommand || command is AggregatorCommand {
                ignoreBrokenPipes()
            } else {
                StandardStreams.requireOutput()
            }
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // Help, the version and a clean exit: their text is the command's output.
            if exitCode(for: error) == .success {
                let message = fullMessage(for: error)
                if !message.isEmpty { StandardStreams.writeOutput(Array((message + "\n").utf8)) }
                StandardStreams.flushPrinted()
                Foundation.exit(0)
            }
            StandardStreams.flushPrinted()
            exit(withError: error)
        }
        StandardStreams.flushPrinted()
    }
}
