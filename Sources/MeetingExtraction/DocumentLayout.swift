/// The parts of an article: headline, publication line, photo captions, and the body's sentences.
struct DocumentLayout {
    let tokens: [Token]
    let text: [Unicode.Scalar]
    var headline: Range<Int>?
    var publicationLine: Range<Int>?
    /// Token ranges of captions and photo credits, kept out of the body.
    var captions: [Range<Int>] = []
    /// Token ranges of the body's sentences, in order.
    var sentences: [Range<Int>] = []

    init(scalars: [Unicode.Scalar], tokens: [Token]) {
        self.tokens = tokens
        self.text = scalars
        let lines = Self.lineRanges(tokens)
        var bodyLines: [Range<Int>] = []
        for (number, line) in lines.enumerated() {
            if number == 0 && lines.count > 1 && isHeadline(line) {
                headline = line
            } else if number <= 2 && publicationLine == nil && isPublicationLine(line) {
                publicationLine = line
            } else if isCaptionLine(line) {
                captions.append(line)
            } else {
                bodyLines.append(line)
            }
        }
        for line in bodyLines { splitSentences(line) }
    }

    func string(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        let start = tokens[range.lowerBound].offset
        let last = tokens[range.upperBound - 1]
        let end = last.offset + last.text.unicodeScalars.count
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text[start..<end])
        return String(view)
    }

    /// The whole line a token range starts, punctuation included, without its trailing spaces.
    func lineString(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        let start = tokens[range.lowerBound].offset
        var end = start
        while end < text.count && text[end] != "\n" { end += 1 }
        while end > start && text[end - 1] == " " { end -= 1 }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text[start..<end])
        return String(view)
    }

    private static func lineRanges(_ tokens: [Token]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for index in tokens.indices where index > start && tokens[index].gapHasNewline {
            ranges.append(start..<index)
            start = index
        }
        if start < tokens.count { ranges.append(start..<tokens.count) }
        return ranges
    }

    /// What follows the last token of a range on its line: the closing punctuation.
    private func trailingPunctuation(_ range: Range<Int>) -> String {
        if range.upperBound < tokens.count { return tokens[range.upperBound].gap }
        let last = tokens[range.upperBound - 1]
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text[(last.offset + last.text.unicodeScalars.count)...])
        return String(view).filter { !$0.isWhitespace }
    }

    private func endsLikeSentence(_ range: Range<Int>) -> Bool {
        let tail = trailingPunctuation(range)
        return tail.hasPrefix(".") || tail.hasPrefix("!") || tail.hasPrefix("?") || tail.hasPrefix(":") || tail.hasPrefix(";")
            || tail.hasPrefix("…") || tail.hasPrefix("\"") || tail.hasPrefix("”")
    }

    private func isHeadline(_ line: Range<Int>) -> Bool {
        let tail = trailingPunctuation(line)
        let endsWithStop = tail.hasPrefix(".") || tail.hasPrefix("!") || tail.hasPrefix("?") || tail.hasPrefix("…")
        return line.count <= 40 && !endsWithStop || (line.count <= 40 && tokens[line].filter { !$0.isNumber }.allSatisfy(\.isAllCaps))
    }

    private func isPublicationLine(_ line: Range<Int>) -> Bool {
        let words = tokens[line]
        guard words.count <= 14, words.contains(where: \.isNumber) else { return false }
        let first = words.first!.folded
        let second = words.dropFirst().first?.folded ?? ""
        if ["cap", "dang", "thu", "xuat", "published", "posted", "updated"].contains(first) { return true }
        if first == "ngay" && ["dang", "cap", "xuat"].contains(second) { return true }
        if words.first!.gapHas("(") { return true }
        // A line that is only a date and maybe a time.
        return words.allSatisfy { $0.isNumber || ["ngay", "gmt", "am", "pm", "h"].contains($0.folded) }
    }

    private func isCaptionLine(_ line: Range<Int>) -> Bool {
        let words = tokens[line]
        if words.contains(where: { $0.folded == "anh" && $0.isCapitalized && ($0.gap.isEmpty || $0.gap == "(") })
            && zip(words, words.dropFirst()).contains(where: { $0.folded == "anh" && $0.isCapitalized && $1.gap.hasPrefix(":") }) {
            return line.count <= 60
        }
        return line.count >= 3 && line.count <= 30 && !endsLikeSentence(line)
    }

    private static let abbreviationsBeforeDot: Set<String> = ["tp", "gs", "ts", "pgs", "ths", "th", "st", "ths", "bs", "t", "q", "p", "tt"]

    private mutating func splitSentences(_ line: Range<Int>) {
        var start = line.lowerBound
        var index = line.lowerBound + 1
        while index < line.upperBound {
            let token = tokens[index]
            let previous = tokens[index - 1]
            // An inline photo credit ("... phát biểu. Ảnh: Hà Linh") ends a caption sentence.
            if previous.folded == "anh" && previous.isCapitalized && token.gap.hasPrefix(":") {
                var creditEnd = index
                while creditEnd < line.upperBound && tokens[creditEnd].isCapitalized && creditEnd - index < 4
                    && (creditEnd == index || tokens[creditEnd].gap.isEmpty) {
                    creditEnd += 1
                }
                if creditEnd - index >= 3, creditEnd < line.upperBound, tokens[creditEnd].isLowercaseWord {
                    creditEnd -= 1
                }
                var captionStart = start
                if start == index - 1, let last = sentences.last, last.upperBound == start, last.lowerBound >= line.lowerBound {
                    sentences.removeLast()
                    captionStart = last.lowerBound
                }
                captions.append(captionStart..<creditEnd)
                start = creditEnd
                index = creditEnd + 1
                continue
            }
            let gap = token.gap
            let endsSentence = (token.gapHas(".") || token.gapHas("!") || token.gapHas("?") || token.gapHas("…"))
                && token.gapHasSpace && (token.isCapitalized || token.isNumber || token.gapHas("\"") || token.gapHas("“"))
                && !(gap == "." && Self.abbreviationsBeforeDot.contains(previous.folded))
            if endsSentence {
                if index > start { sentences.append(start..<index) }
                start = index
            }
            index += 1
        }
        if start < line.upperBound { sentences.append(start..<line.upperBound) }
    }
}
