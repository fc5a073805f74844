import ArgumentParser
import IngestServices

/// The release, said by `ingest --version` and `ingest version`; change it here only.
enum Version {
    static let release = "report-ingest 0.4.0"

    /// The release and the libzmq this process runs against (read when first asked, not at build time).
    static var full: String { "\(release) (libzmq \(LibraryVersions.zeroMQ))" }
}

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print the release and the libzmq version, as --version does.")

    func run() {
        print(Version.full)
    }
}
