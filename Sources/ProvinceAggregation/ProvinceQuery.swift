/// Finds a province among the names a snapshot holds from what a person types: `hcm`, `TP.HCM`,
/// `tinh ca mau`, `Huế` for `Thừa Thiên Huế`... and, on a miss, the nearest names.
///
/// Pure: the only inputs are the query and the names. Aliases are built from those names plus a small
/// built-in table of common abbreviations, so a snapshot alone is enough (the gazetteer is not read).
public enum ProvinceQuery {
    public enum Outcome: Equatable, Sendable {
        /// The name, exactly as the snapshot spells it.
        case found(String)
        /// Nothing matches; up to three names of the snapshot nearest to the query, nearest first.
        /// `region` is set when the query names a region (`ĐBSCL`), which is no single province.
        case missing(suggestions: [String], region: String?)
    }

    public enum UnitsOutcome: Equatable, Sendable {
        /// The keys, exactly as stored, the unit of its era first.
        case found([String])
        case missing(suggestions: [String], region: String?)
    }

    /// The units of `keys` (``ProvinceState/key``) that `query` means, as people read them: by name, so a name two
    /// units share (Gia Lai before the 2025 merger and the `Gia Lai (2025)` formed by it) means both, the older first;
    /// a 2025 unit's whole key, as tables print it (`Gia Lai (2025)`), means that unit alone.
    public static func matchUnits(_ query: String, among keys: [String]) -> UnitsOutcome {
        let folded = fold(query)
        let units = keys.map { (key: $0, unit: ProvinceState.unit(ofKey: $0)) }
        if let whole = units.first(where: { $0.unit.formedIn2025 && fold($0.key) == folded }) { return .found([whole.key]) }
        var names: [String] = []
        for entry in units where !names.contains(entry.unit.name) { names.append(entry.unit.name) }
        switch match(query, among: names) {
        case .found(let name):
            let named = units.filter { $0.unit.name == name }
            return .found((named.filter { !$0.unit.formedIn2025 } + named.filter { $0.unit.formedIn2025 }).map(\.key))
        case .missing(let suggestions, let region):
            return .missing(suggestions: suggestions, region: region)
        }
    }

    /// The province of `names` that `query` means.
    public static func match(_ query: String, among names: some Collection<String>) -> Outcome {
        let index = Index(names)
        let words = significantWords(query)
        let key = words.joined()
        if let name = index.lookup(key) { return .found(name) }
        // `tphcm`, `tinhcamau`: a designator glued to the name.
        for glued in ["tp", "tinh"] where key.hasPrefix(glued) && key.count > glued.count {
            if let name = index.lookup(String(key.dropFirst(glued.count))) { return .found(name) }
        }
        let region = regions[key]
        return .missing(suggestions: region == nil ? index.nearest(to: key) : [], region: region)
    }

    /// The name folded for comparison: lower case, no diacritics, `đ` as `d`, every run of anything
    /// but letters and digits (spaces, `-`, `–`, `.`) as one space.
    public static func fold(_ text: String) -> String {
        var folded = ""
        var pendingSpace = false
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }
            let letter: Unicode.Scalar = scalar == "đ" ? "d" : scalar
            if letter.properties.isAlphabetic || ("0"..."9").contains(letter) {
                if pendingSpace && !folded.isEmpty { folded.append(" ") }
                pendingSpace = false
                folded.unicodeScalars.append(letter)
            } else {
                pendingSpace = true
            }
        }
        return folded
    }

    /// The folded words without a leading designator (`tỉnh`, `thành phố`, `tp`, `t.p.`, `thủ đô`) or a
    /// trailing English one (`province`, `city`); the words themselves when nothing else is left.
    static func significantWords(_ text: String) -> [String] {
        var words = fold(text).split(separator: " ").map(String.init)
        let original = words
        for designator in leadingDesignators where words.starts(with: designator) {
            words.removeFirst(designator.count)
            break
        }
        if let last = words.last, ["province", "city"].contains(last) { words.removeLast() }
        return words.isEmpty ? original : words
    }

    static let leadingDesignators: [[String]] = [["thanh", "pho"], ["thu", "do"], ["tinh"], ["tp"], ["t", "p"]]

    /// Common forms that are not the name with its spaces, marks or designator changed, keyed by their
    /// folded form without spaces, each to the names it may mean (folded, without spaces), first that the
    /// snapshot has wins. Huế was `Thừa Thiên Huế` until 2024, so each of its names finds the other.
    /// Ambiguous abbreviations (`DN`: Đà Nẵng or Đồng Nai) are left out on purpose.
    static let builtInAliases: [String: [String]] = {
        var table: [String: [String]] = [:]
        let groups: [([String], [String])] = [
            (["hochiminh"], ["hcm", "tphcm", "hcmc", "sg", "saigon", "tpsg"]),
            (["hanoi"], ["hn", "tphn"]),
            (["bariavungtau"], ["brvt"]),
            (["thuathienhue", "hue"], ["thuathienhue", "hue", "tth", "tthue", "thuathien"]),
            (["daklak"], ["daclac", "daclak", "daklac"]),
            (["daknong"], ["dacnong"]),
            (["backan"], ["baccan"]),
        ]
        for (names, aliases) in groups {
            for alias in aliases { table[alias] = names }
        }
        return table
    }()

    /// Regions people type that are not provinces: a miss, said so, never matched to a province in them.
    static let regions: [String: String] = [
        "dbscl": "Đồng bằng sông Cửu Long", "dongbangsongcuulong": "Đồng bằng sông Cửu Long", "mientay": "Đồng bằng sông Cửu Long",
        "taynguyen": "Tây Nguyên", "taybac": "Tây Bắc", "dongnambo": "Đông Nam Bộ", "dbsh": "Đồng bằng sông Hồng",
        "dongbangsonghong": "Đồng bằng sông Hồng", "mientrung": "miền Trung", "nambo": "Nam Bộ", "bacbo": "Bắc Bộ",
    ]

    /// The snapshot's names by folded key, and every alias that leads to one of them.
    struct Index {
        /// key -> the snapshot's name.
        var keys: [String: String] = [:]

        init(_ names: some Collection<String>) {
            var byFolded: [String: String] = [:]
            for name in names.sorted() {
                let key = significantWords(name).joined()
                if byFolded[key] == nil { byFolded[key] = name }
            }
            keys = byFolded
            // An alias never hides a name the snapshot has: with both `Huế` and `Thừa Thiên Huế` (articles
            // from either side of 2025), each finds itself.
            for (alias, candidates) in ProvinceQuery.builtInAliases where byFolded[alias] == nil {
                if let name = candidates.lazy.compactMap({ byFolded[$0] }).first { keys[alias] = name }
            }
        }

        func lookup(_ key: String) -> String? { key.isEmpty ? nil : keys[key] }

        /// Up to three names whose keys (or aliases) are nearest to `key`, nearest first, within a
        /// distance that grows with the query's length (1 up to 5 letters, 2 up to 8, then 3).
        func nearest(to key: String) -> [String] {
            guard !key.isEmpty else { return [] }
            let limit = key.count <= 5 ? 1 : key.count <= 8 ? 2 : 3
            var best: [String: Int] = [:]
            for (candidate, name) in keys {
                // Aliases of one or two letters are too close to everything to suggest from.
                guard candidate.count > 2 || candidate == key else { continue }
                let distance = editDistance(Array(key.unicodeScalars), Array(candidate.unicodeScalars), limit: limit)
                if distance <= limit, distance < best[name, default: .max] { best[name] = distance }
            }
            return best.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(3).map(\.key)
        }
    }

    /// Optimal string alignment distance (insertions, deletions, substitutions and swaps of two
    /// neighbours, each 1); anything beyond `limit` is reported as `limit + 1`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, beforePrevious[j - 2] + 1) }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return min(previous[b.count], limit + 1)
    }
}
