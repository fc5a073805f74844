import Foundation
import Testing

/// A small run of Scripts/chaos.sh (kill -9 of workers, the aggregator twice and the broker once), and one fault of
/// Scripts/faults.sh, so that the scripts the README offers for these promises are run by the suite.
@Suite("Chaos", .serialized)
struct ChaosTests {
    /// Runs `Scripts/NAME` with the binaries of this build and the project's config: its exit status and standard output.
    static func runScript(_ name: String, _ arguments: [String], binary: String = ingestBinary,
                          environment extra: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [packageRoot.appendingPathComponent("Scripts/" + name).path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["INGEST_BIN"] = binary
        environment["INGEST_FAULTS_BIN"] = URL(fileURLWithPath: ingestBinary).deletingLastPathComponent().appendingPathComponent("ingest-faults").path
        environment["INGEST_CONFIG"] = packageRoot.appendingPathComponent("Config/cluster.toml").path
        environment.merge(extra) { $1 }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test("nothing lost, nothing counted twice, every province's listing whole when daemons are killed mid-stream")
    func chaos() throws {
        let (status, text) = try Self.runScript("chaos.sh", ["--docs", "300", "--workers", "3"])
        #expect(text.contains("lost=0 duplicated=0 mismatched_provinces=0 mislisted_provinces=0 faults=workers:"), "\(text)")
        // The faults really happened: a run whose kills missed their daemons proves nothing.
        let faults = text.components(separatedBy: "faults=").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        let kills = Dictionary(faults.split(separator: ",").compactMap { part -> (String, Int)? in
            let pair = part.split(separator: ":")
            return pair.count == 2 ? (String(pair[0]), Int(pair[1]) ?? 0) : nil
        }, uniquingKeysWith: { $1 })
        #expect((kills["workers"] ?? 0) >= 6 && kills["aggregator"] == 2 && kills["broker"] == 1, "\(faults)")
        #expect(status == 0)
    }

    @Test("chaos.sh's fault check can fail: a run whose kill -9 of the broker misses (bash's kill made to fail for the broker's pid, in chaos.sh only) counts broker:0 and exits 1, though nothing is lost, doubled or mismatched")
    func chaosCountsAMissedFault() throws {
        // Bash takes `BASH_FUNC_kill%%` from the environment as a function `kill`, which stands before the builtin.
        let missBroker = """
            () { if [[ $0 == */chaos.sh && $1 == -9 ]] && tr '\\0' ' ' < "/proc/$2/cmdline" 2>/dev/null | grep -q ' broker'; then return 1; fi; builtin kill "$@"; }
            """
        let (status, text) = try Self.runScript("chaos.sh", ["--docs", "60", "--workers", "2"], environment: ["BASH_FUNC_kill%%": missBroker])
        #expect(text.contains("lost=0 duplicated=0 mismatched_provinces=0 mislisted_provinces=0 faults=workers:"), "\(text)")
        #expect(text.contains(",aggregator:2,broker:0"), "\(text)")
        #expect(status == 1)
    }

    /// An empty folder of its own for a test (the caller removes it), and the path its `ingest` wrapper would take.
    static func wrapperFolder(_ name: String) throws -> (folder: URL, wrapper: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder, folder.appendingPathComponent("ingest"))
    }

    /// Writes `script` as an executable `ingest` at `wrapper`: a binary the scripts run instead of this build's.
    static func writeWrapper(_ script: String, at wrapper: URL) throws {
        try script.write(to: wrapper, atomically: true, encoding: .utf8)
        chmod(wrapper.path, 0o755)
    }

    /// Runs chaos.sh over 60 generated reports with `ingest` wrapped so that the faulted cluster's `submit` leaves out
    /// one report: from every pass (`dropped`), or from the slices only, the last pass sending it (`forgotten`: to the
    /// script, a document acknowledged during the faults and accepted again at the end); or so that its snapshot counts
    /// one document twice (`doubled`), or its listings leave out each province's first document (`mislisted`).
    static func chaosMissing(_ mode: String) throws -> (status: Int32, output: String) {
        let (folder, wrapper) = try wrapperFolder("chaos-missing-\(mode)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus")
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        make.arguments = [packageRoot.appendingPathComponent("Scripts/make-corpus.py").path, "60", corpus.path]
        make.standardOutput = FileHandle.nullDevice
        try make.run()
        make.waitUntilExit()
        try writeWrapper("""
        #!/bin/bash
        victim=article-000007.txt
        if [ "$1" = submit ] && [ "$(basename "$INGEST_DATA")" = chaos ] && { [ "\(mode)" = dropped ] || [ "\(mode)" = forgotten ]; }; then
            shift
            arguments=()
            for argument in "$@"; do
                if [ -d "$argument" ] && [ "\(mode)" = dropped ]; then
                    while IFS= read -r file; do arguments+=("$file"); done < <(find "$argument" -name '*.txt' ! -name "$victim" | sort)
                elif [ "$(basename "$argument")" != "$victim" ]; then
                    arguments+=("$argument")
                fi
            done
            exec \(ingestBinary) submit "${arguments[@]}"
        fi
        if [ "$1" = snapshot ] && [ "$(basename "$INGEST_DATA")" = chaos ] && [ "\(mode)" = doubled ]; then
            # The faulted cluster's state as it would be had it applied one document twice.
            \(ingestBinary) "$@" | python3 -c 'import json, sys
        state = json.load(sys.stdin)
        state["documentsApplied"] += 1
        state["provinces"][0]["documents"] += 1
        json.dump(state, sys.stdout)'
            exit
        fi
        if [ "$1" = records ] && [ "$(basename "$INGEST_DATA")" = chaos ] && [ "\(mode)" = mislisted ]; then
            # The faulted cluster's listing of a province as it would be had it left out the province's first document.
            \(ingestBinary) "$@" | sed 2d
            exit
        fi
        exec \(ingestBinary) "$@"
        """, at: wrapper)
        return try runScript("chaos.sh", ["--corpus", corpus.path, "--workers", "2"], binary: wrapper.path)
    }

    @Test("chaos.sh's checks can fail: a report the faulted cluster never applied is lost=1, and one acknowledged during the faults that the last pass gets ACCEPTED for is lost=1 too; both exit 1",
          arguments: ["dropped", "forgotten"])
    func chaosCountsALoss(mode: String) throws {
        let (status, text) = try Self.chaosMissing(mode)
        #expect(text.contains("lost=1 duplicated=0 "), "\(text)")
        if mode == "forgotten" {
            // The last pass applied it, so the states and listings agree: only the acknowledgement was broken.
            #expect(text.contains(" mismatched_provinces=0 mislisted_provinces=0 "), "\(text)")
        } else {
            #expect(!text.contains(" mismatched_provinces=0 "), "\(text)")
        }
        #expect(status == 1)
    }

    @Test("chaos.sh's double-count check can fail: a faulted cluster whose state counts one document twice (its snapshot wrapped so) is duplicated=2 (the count and the province), mismatched, exit 1")
    func chaosCountsADuplicate() throws {
        let (status, text) = try Self.chaosMissing("doubled")
        #expect(text.contains("lost=0 duplicated=2 "), "\(text)")
        #expect(!text.contains(" mismatched_provinces=0 "), "\(text)")
        #expect(status == 1)
    }

    @Test("chaos.sh's listing check can fail: a faulted cluster whose listings each leave out a document (`records` wrapped so) is mislisted in every province, with nothing lost or mismatched, exit 1")
    func chaosCountsAMislisting() throws {
        let (status, text) = try Self.chaosMissing("mislisted")
        #expect(text.contains("lost=0 duplicated=0 mismatched_provinces=0 mislisted_provinces="), "\(text)")
        let mislisted = text.components(separatedBy: "mislisted_provinces=").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        #expect(mislisted > 10, "every province the clean run lists: \(text)")
        #expect(status == 1)
    }

    @Test("Scripts/faults.sh lists its twelve faults, and runs one (a second broker on the data directory) to a check=ok line and an overall line, exit 0")
    func faultsScript() throws {
        let listed = try Self.runScript("faults.sh", ["--list"])
        #expect(listed.status == 0 && listed.output.split(separator: "\n").count == 12, "\(listed.output)")
        let second = try Self.runScript("faults.sh", ["--quick", "second-broker"])
        #expect(second.status == 0, "\(second.output)")
        let line = second.output.split(separator: "\n").first { $0.hasPrefix("fault=second-broker ") }.map(String.init) ?? ""
        #expect(line.contains(" lost=0 duplicated=0 ") && line.contains("second_refused=1") && line.hasSuffix("check=ok"), "\(second.output)")
        #expect(second.output.contains("overall faults=1 failed=0 lost=0 duplicated=0"), "\(second.output)")
    }

    /// Runs faults.sh's second-broker fault with `ingest` wrapped by `wrapping` (bash lines run before this build's
    /// `ingest` is run with the same arguments; `FOLDER` is a scratch folder of the run's own) and returns the fault's
    /// result line and the whole run.
    static func secondBrokerFault(wrapping: String, name: String) throws -> (line: String, run: (status: Int32, output: String)) {
        let (folder, wrapper) = try Self.wrapperFolder(name)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.writeWrapper("#!/bin/bash\nFOLDER=\(folder.path)\n\(wrapping)\nexec \(ingestBinary) \"$@\"\n", at: wrapper)
        let run = try Self.runScript("faults.sh", ["--quick", "second-broker"], binary: wrapper.path)
        return (run.output.split(separator: "\n").first { $0.hasPrefix("fault=second-broker ") }.map(String.init) ?? "", run)
    }

    @Test("Scripts/faults.sh's checks can fail: a second broker that refuses without naming the first's pid (ingest wrapped so) is check=FAILED with the reason, counted in the overall line, exit 1")
    func faultsScriptFails() throws {
        // The fault starts a broker, then the second, then restarts the first: the second start says too little.
        let (line, run) = try Self.secondBrokerFault(wrapping: """
        if [ "$1" = broker ]; then
            echo x >> "$FOLDER/brokers"
            if [ "$(wc -l < "$FOLDER/brokers")" = 2 ]; then echo "broker: cannot start" >&2; exit 1; fi
        fi
        """, name: "faults-failing")
        #expect(line.contains("second_refused=1") && line.contains("names_holder=0")
                && line.hasSuffix("check=FAILED(the second broker refused but its message does not name the holder (pid))"), "\(run.output)")
        #expect(run.output.contains("overall faults=1 failed=1 lost=0 duplicated=0"), "\(run.output)")
        #expect(run.status == 1)
    }

    @Test("Scripts/faults.sh's accounting can fail: its step crashing (the extraction it reads wrapped to print a line that is not JSON) is check=FAILED saying nothing was counted, lost=NA, exit 1, not lost=0 and ok")
    func faultsAccountingCrash() throws {
        let (line, run) = try Self.secondBrokerFault(wrapping: "if [ \"$1\" = extract ]; then echo \"not a record\"; exit 0; fi", name: "faults-accounting")
        #expect(line.contains(" lost=NA duplicated=NA ") && line.contains("second_refused=1")
                && line.hasSuffix("check=FAILED(the accounting step failed (exit 1), so nothing was counted)"), "\(run.output)")
        #expect(run.output.contains("overall faults=1 failed=1 "), "\(run.output)")
        #expect(run.status == 1)
    }

    @Test("Scripts/faults.sh runs its disk-full fault on a private tmpfs (a tmpfs mounts sticky and world-writable, which the daemons refuse as a data directory: the fault could not start a cluster), to check=ok",
          .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func diskFullFault() throws {
        let run = try Self.runScript("faults.sh", ["--quick", "disk-full-broker"])
        #expect(run.status == 0, "\(run.output)")
        let line = run.output.split(separator: "\n").first { $0.hasPrefix("fault=disk-full-broker ") }.map(String.init) ?? ""
        #expect(line.contains(" lost=0 duplicated=0 ") && line.contains("resubmit_accepted_as_new=0") && line.hasSuffix("check=ok"), "\(run.output)")
    }

    @Test("Scripts/faults.sh fills the whole data directory (journal, records store, snapshots, logs) on a tmpfs while 500 documents are in flight, then frees it, and replaces the snapshots folder by a file: no daemon exits, nothing lost or counted twice",
          .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func diskFullWhileRunning() throws {
        let run = try Self.runScript("faults.sh", ["--quick", "disk-full-running"])
        #expect(run.status == 0, "\(run.output)")
        let line = run.output.split(separator: "\n").first { $0.hasPrefix("fault=disk-full-running ") }.map(String.init) ?? ""
        #expect(line.contains(" lost=0 duplicated=0 deadlettered=0 ") && line.contains("exited_disk_full= ") && line.contains("unacked=0")
                && line.hasSuffix("check=ok"), "\(run.output)")
    }
}
