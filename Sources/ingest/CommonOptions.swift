import ArgumentParser
import Foundation
import IngestConfig
import IngestServices
import Logging
import MeetingModel

/// Options every subcommand takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The cluster configuration file (default: $INGEST_CONFIG, else Config/cluster.toml here or beside the binary's project).")
    var config: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    /// Loads the configuration, exiting with a one-line error when it is missing or malformed.
    func loadConfig() throws -> ClusterConfig {
        let path = try resolvedConfigPath()
        do {
            return try ClusterConfig.load(path: path)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    func makeLogger(label: String) -> Logger {
        let level = logLevel
        LoggingSystem.bootstrap { name in
            var handler = StreamLogHandler.standardError(label: name)
            handler.logLevel = level
            return PrintableLogHandler(wrapping: handler)
        }
        return Logger(label: label)
    }

    private func resolvedConfigPath() throws -> String {
        if let config { return config }
        if let fromEnvironment = ProcessInfo.processInfo.environment["INGEST_CONFIG"], !fromEnvironment.isEmpty { return fromEnvironment }
        let local = "Config/cluster.toml"
        if FileManager.default.fileExists(atPath: local) { return local }
        // Beside the project the binary was built in: .build/<config>/ingest -> project root.
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent(local).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw CommandFailure("config file not found: \(local) (pass --config FILE or set INGEST_CONFIG)")
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// A runtime failure reported as one line, without the usage text that ``ValidationError`` adds.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    /// The line made printable: it often names a file or quotes what a document or a peer said.
    init(_ description: String) { self.description = PrintableText.escaping(description) }
}
