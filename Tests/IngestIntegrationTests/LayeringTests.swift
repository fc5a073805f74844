import Foundation
import Testing

/// The README's table of layers against the sources: every target is in it, in the order the imports allow.
@Suite("Layers")
struct LayeringTests {
    /// The targets the README's layer table names, lowest first.
    static func tableOrder() throws -> [String] {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "One target per layer; imports point down only").dropFirst().first)
        let rows = section.split(separator: "\n").drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
        return rows.compactMap { row in
            let cells = row.split(separator: "|", omittingEmptySubsequences: false)
            guard cells.count > 1 else { return nil }
            let name = cells[1].trimmingCharacters(in: .whitespaces)
            return name.hasPrefix("`") && name.hasSuffix("`") ? String(name.dropFirst().dropLast()) : nil
        }
    }

    /// The modules a file imports: `import X`, after attributes and an access level (`@testable`, `@preconcurrency`,
    /// `public`, `package`...), and `import struct X.Y`.
    static func imports(in text: String) -> [String] {
        let levels: Set<Substring> = ["public", "package", "internal", "fileprivate", "private"]
        let kinds: Set<Substring> = ["struct", "class", "enum", "protocol", "typealias", "func", "var", "let"]
        return text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard let at = words.firstIndex(of: "import"), words[..<at].allSatisfy({ $0.hasPrefix("@") || levels.contains($0) }) else { return nil }
            let rest = words[(at + 1)...].drop { kinds.contains($0) }
            return rest.first.flatMap { $0.split(separator: ".").first }.map(String.init)
        }
    }

    @Test("import lines are read with their attributes, access levels and kinds")
    func importLines() {
        let text = "@preconcurrency import A\npackage import B\nimport struct C.D\n@testable internal import E\n// import F\nlet x = 1"
        #expect(Self.imports(in: text) == ["A", "B", "C", "E"])
    }

    @Test("every library and the executable are in the README's layer table, and each imports only targets listed before it")
    func importsPointDown() throws {
        let order = try Self.tableOrder()
        #expect(order.first == "CZeroMQ" && order.last == "ingest", "\(order)")
        let sources = packageRoot.appendingPathComponent("Sources")
        // The benchmark and the hand-made hostile peers are tools beside the layers, free to use any of them.
        let targets = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { !$0.hasPrefix("ingest-") && !$0.hasPrefix(".") }
        for target in targets {
            guard let position = order.firstIndex(of: target) else {
                Issue.record("\(target) is not in the README's layer table")
                continue
            }
            let files = FileManager.default.enumerator(atPath: sources.appendingPathComponent(target).path)?
                .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            for file in files {
                let text = try String(contentsOf: sources.appendingPathComponent(target).appendingPathComponent(file), encoding: .utf8)
                for module in Self.imports(in: text) {
                    guard let imported = order.firstIndex(of: module) else { continue }
                    #expect(imported < position, "\(target)/\(file) imports \(module), listed at or after it")
                }
            }
        }
    }
}
