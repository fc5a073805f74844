/// Finds province mentions, leaving out those inside people's names.
struct ProvinceFinder {
    let gazetteer: Gazetteer

    func find(_ tokens: [Token], in ranges: [Range<Int>]) -> [ProvinceSpan] {
        var spans: [ProvinceSpan] = []
        for range in ranges {
            var index = range.lowerBound
            while index < range.upperBound {
                if let match = gazetteer.match(tokens, at: index), index + match.length <= range.upperBound {
                    if let unit = match.unit { spans.append(ProvinceSpan(range: index..<(index + match.length), unit: unit)) }
                    index += match.length
                } else {
                    index += 1
                }
            }
        }
        return spans
    }
}
