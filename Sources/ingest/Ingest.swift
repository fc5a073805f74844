import ArgumentParser

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
}
