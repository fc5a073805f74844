import ArgumentParser
import DeliveryRules
import Foundation
import IngestServices
import IngestStorage

/// Key pairs and allow-lists for CURVE.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Make CURVE key pairs and put them on the allow-lists.",
        subcommands: [NewKey.self, ServerKey.self])

    struct NewKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Write NAME.key (secret, 0600) and NAME.public, and allow the key in each --role.",
            discussion: "Roles: producer (submit, status), worker (take jobs, send records), reader (query, status). Daemons re-read the allow-lists on SIGHUP; to revoke a key, delete allow/<role>/NAME.public and send SIGHUP.")
        @OptionGroup var options: CommonOptions

        @Option(name: .long, help: "A role for the key: producer, worker or reader; repeat for several.")
        var role: [String] = []

        @Argument(help: "The key's name (a-z A-Z 0-9 . _ -).")
        var name: String

        func validate() throws {
            for role in role where Role(rawValue: role) == nil { throw ValidationError("--role must be producer, worker or reader, got \(role)") }
        }

        func run() async throws {
            let config = try options.loadConfig()
            let keys = KeyFiles(directory: config.keysDirectory)
            do {
                let pair = try keys.createKeyPair(named: name)
                for role in role.compactMap(Role.init(rawValue:)) { try keys.allow(name, publicZ85: pair.publicZ85, role: role) }
                print("\(keys.keyPath(name))  public \(pair.publicZ85)  roles \(role.isEmpty ? "none" : role.joined(separator: ","))")
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }

    struct ServerKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "server", abstract: "Write the broker's and aggregator's key pair (server.key, server.public) if there is none.")
        @OptionGroup var options: CommonOptions

        func run() async throws {
            let config = try options.loadConfig()
            let keys = KeyFiles(directory: config.keysDirectory)
            if FileManager.default.fileExists(atPath: keys.serverKeyPath) {
                let pair = try keys.loadKeyPair(path: keys.serverKeyPath)
                if try keys.restoreServerPublic(from: pair) { print("\(keys.serverPublicPath) written again from \(keys.serverKeyPath)") }
                print("\(keys.serverKeyPath) exists; public \(pair.publicZ85)")
                return
            }
            // A server.public left without its server.key was given to workers and clients: the new pair replaces it,
            // and they reach the daemons no more until they get the new one (start-cluster.sh --secure runs this).
            let previous = try? String(decoding: AtomicFile.read(keys.serverPublicPath), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                let pair = try keys.createKeyPair(named: "server")
                print("\(keys.serverKeyPath)  public \(pair.publicZ85)")
                if let previous, !previous.isEmpty, previous != pair.publicZ85 {
                    printError("warning: \(keys.serverKeyPath) was missing, so this is a new server key; \(keys.serverPublicPath) held \(previous), "
                        + "which workers and clients elsewhere may still hold: copy them the new server.public, or restore the old server.key and run this again")
                }
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }
}
