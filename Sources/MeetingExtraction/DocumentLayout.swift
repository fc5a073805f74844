/// The parts of an article: headline, publication line, photo captions, and the body's sentences.
/// A class, as every pass reads it: sharing one reference costs less than copying its arrays.
final class DocumentLayout {
    let tokens: TokenizedText
    let lexicon: Lexicon
    private(set) var headline: Range<Int>?
    private(set) var publicationLine: Range<Int>?
    /// Token ranges of captions and photo credits, kept out of the body.
    private(set) var captions: [Range<Int>] = []
    /// An author's name on a line of its own (`Thái Bình` before a teaser for another article), kept with the
    /// captions and credits.
    private(set) var bylines: [Range<Int>] = []
    /// Token ranges of the body's sentences, in order.
    private(set) var sentences: [Range<Int>] = []
    /// The captions that are not bylines, in order.
    private(set) var captionsWithoutBylines: [Range<Int>] = []

    /// The headline and the body's first two sentences, where a report says what its meeting is.
    var lead: [Range<Int>] { (headline.map { [$0] } ?? []) + sentences.prefix(2) }

    init(tokens: TokenizedText, lexicon: Lexicon) {
        self.tokens = tokens
        self.lexicon = lexicon
        let lines = Self.lineRanges(tokens)
        var bodyLines: [Range<Int>] = []
        var leadPassed = false
        bodyLines.reserveCapacity(lines.count)
        sentences.reserveCapacity(tokens.count / 12 + 4)
        for (number, line) in lines.enumerated() {
            if number == 0 && lines.count > 1 && !isHeadline(line) && isHeadlineWithStop(line, before: lines[1]) && !isPublicationLine(line) {
                // Read as the body's too, as it was before it was known for a headline: its kind and people stay found.
                headline = line
                bodyLines.append(line)
            } else if number == 0 && lines.count > 1 && isHeadline(line) && !isPublicationLine(line) {
                if let publication = gluedPublication(line) {
                    headline = line.lowerBound..<publication
                    publicationLine = publication..<line.upperBound
                } else {
                    headline = withoutOutletTag(line)
                }
            } else if number <= 2 && publicationLine == nil && isPublicationLine(line) {
                publicationLine = line
            } else if number > 0 && (isByline(line) || number == lines.count - 1 && isSourceLine(line)) {
                captions.append(line)
                bylines.append(line)
            } else if isSubhead(line) {
                continue
            } else if isCaptionLine(line) || leadPassed && showsSomeoneDoing(line) {
                captions.append(line)
            } else {
                bodyLines.append(line)
                // The lead: the first body line with a number (its date), or the second after a teaser without one.
                leadPassed = leadPassed || bodyLines.count >= 2 || tokens[line].contains(where: \.isNumber)
            }
        }
        for line in bodyLines { splitSentences(line) }
        let bylineSet = Set(bylines)
        captionsWithoutBylines = captions.filter { !bylineSet.contains($0) }
    }

    func string(_ range: Range<Int>) -> String { tokens.string(range) }

    /// The headline's text: its whole line, or up to the publication time glued after it (``gluedPublication(_:)``).
    func headlineString(_ range: Range<Int>) -> String {
        let glued = publicationLine.map { $0.lowerBound == range.upperBound && !tokens[$0.lowerBound].gap.hasNewline } ?? false
        return glued ? string(range) : lineString(range, quoted: isQuotation(range))
    }

    /// The whole line a token range starts, punctuation included (with `quoted`, the opening quotation mark before its
    /// first word too), without its trailing spaces.
    func lineString(_ range: Range<Int>, quoted: Bool = false) -> String {
        guard !range.isEmpty else { return "" }
        let text = tokens.scalars
        var start = tokens[range.lowerBound].offset
        while quoted, start > 0, text[start - 1] == "\"" || text[start - 1] == "“" { start -= 1 }
        var end = start
        while end < text.count && text[end] != "\n" { end += 1 }
        while end > start && text[end - 1] == " " { end -= 1 }
        return tokens.string(scalars: start..<end)
    }

    private static func lineRanges(_ tokens: TokenizedText) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(32)
        var start = 0
        for index in tokens.indices where index > start && tokens[index].gap.hasNewline {
            ranges.append(start..<index)
            start = index
        }
        if start < tokens.count { ranges.append(start..<tokens.count) }
        return ranges
    }

    /// The first punctuation after the last token of a range: the closing mark of its line, or nil.
    /// A number's sign (`giảm còn 3%.`) is passed over: the mark after it closes the line.
    func trailingPunctuation(_ range: Range<Int>) -> Unicode.Scalar? {
        if range.upperBound < tokens.count {
            let gap = tokens[range.upperBound].gap
            guard !gap.isEmpty else { return nil }
            if !(gap.starts(with: "%") || gap.starts(with: "‰")) { return Unicode.Scalar(gap.first) }
        }
        let text = tokens.scalars
        var position = tokens[range.upperBound - 1].offset + tokens[range.upperBound - 1].length
        while position < text.count, text[position] == "%" || text[position] == "‰" { position += 1 }
        if range.upperBound < tokens.count {
            while position < text.count, ScalarClass.of(text[position]) == .space { position += 1 }
            return position < text.count && text[position] != "\n" ? text[position] : nil
        }
        while position < text.count, text[position] == "\n" || ScalarClass.of(text[position]) == .space { position += 1 }
        return position < text.count ? text[position] : nil
    }

    func endsLikeSentence(_ range: Range<Int>) -> Bool {
        guard let tail = punctuationAfterBrackets(range) else { return false }
        return [".", "!", "?", ":", ";", "…", "\"", "”"].contains(tail)
    }

    /// The punctuation after a line's closing brackets: `... (sau khi sáp nhập).` ends with a stop, as a sentence does.
    /// A credit in brackets (`(ảnh: Minh Hiếu).`, `(Nguồn: Báo Nghệ An).`, `(TTXVN).`, `[Ảnh: Thành Chung].`) keeps the line
    /// a caption's.
    private func punctuationAfterBrackets(_ range: Range<Int>) -> Unicode.Scalar? {
        let trailing = trailingPunctuation(range)
        guard let first = trailing, first == ")" || first == "]" else { return trailing }
        if let opening = range.last(where: { tokens[$0].gap.has(.openingParenthesis) || tokens[$0].gap.starts(with: "[") }) {
            let inside = opening..<range.upperBound
            let credit = tokens[opening].is(.anh) || tokens[opening].is(.hinh)
                || inside.dropFirst().contains { tokens[$0].gap.starts(with: ":") } || tokens[inside].allSatisfy(\.isAllCaps)
            if credit { return first }
        }
        let text = tokens.scalars
        var position = tokens[range.upperBound - 1].offset + tokens[range.upperBound - 1].length
        while position < text.count, text[position] == ")" || text[position] == "]" || text[position] != "\n" && ScalarClass.of(text[position]) == .space {
            position += 1
        }
        return position < text.count && text[position] != "\n" ? text[position] : first
    }

    /// `(TTV) Phiên họp thường kỳ ...`: an outlet's tag in brackets, in capitals, opening the headline is not its text.
    private func withoutOutletTag(_ line: Range<Int>) -> Range<Int> {
        guard tokens[line.lowerBound].gap.has(.openingParenthesis),
              let after = line.dropFirst().prefix(3).first(where: { tokens[$0].gap.starts(with: ")") }), after + 1 < line.upperBound,
              tokens[line.lowerBound..<after].allSatisfy(\.isAllCaps) else { return line }
        return after..<line.upperBound
    }

    private func isHeadline(_ line: Range<Int>) -> Bool {
        // A stop after a bracket ends a sentence when the line opens as a report's lead does, with its day (`Ngày 01/7,
        // Phường ... (sau khi sáp nhập ).`); a headline may end so (`... quý I (Kỳ 1).`).
        let stops: [Unicode.Scalar] = [".", "!", "?", "…"]
        let endsWithStop = (trailingPunctuation(line).map(stops.contains) ?? false) && !isQuotation(line)
            || opensWithDay(line) && punctuationAfterBrackets(line).map(stops.contains) ?? false
        // Past 40 words only a line that reads as no lead: not opening with its day, closing on no mark at all.
        let long = line.count > 40 && (opensWithDay(line) || trailingPunctuation(line) != nil)
        return line.count <= 60 && !endsWithStop && !long || (line.count <= 60 && tokens[line].filter { !$0.isNumber }.allSatisfy(\.isAllCaps))
    }

    /// `"Xây dựng nông dân Nghệ An phát triển toàn diện, văn minh, nghĩa tình..."`: a line that is one quotation, whatever
    /// stop its words end on inside the quotes, as a headline may be.
    private func isQuotation(_ line: Range<Int>) -> Bool {
        guard !line.isEmpty, tokens[line.lowerBound].gap.has([.openingQuote, .straightQuote]) else { return false }
        let text = tokens.scalars
        var position = tokens[line.upperBound - 1].offset + tokens[line.upperBound - 1].length
        var last: Unicode.Scalar?
        while position < text.count, text[position] != "\n" {
            if ScalarClass.of(text[position]) != .space { last = text[position] }
            position += 1
        }
        return last == "\"" || last == "”"
    }

    /// "UBND xã Mỹ Lộc tổng kết công tác năm 2025." above "Sáng 20/12/2025, ...": a short first line with a stop, not
    /// opening with its day, over a lead that does, is the headline some outlets end with a stop (and stays a body line).
    private func isHeadlineWithStop(_ line: Range<Int>, before next: Range<Int>) -> Bool {
        line.count <= 25 && trailingPunctuation(line) == "." && !opensWithDay(line) && opensWithDay(next)
            && !line.dropFirst().contains { tokens[$0].gap.has([.dot, .exclamation, .question]) && tokens[$0].gap.hasSpace }
    }

    private func opensWithDay(_ line: Range<Int>) -> Bool { Self.opensWithDay(line, tokens: tokens) }

    /// `Ngày 01/7`, `Sáng 5/3`, `Chiều ngày 9/3/2018`, `Trưa 7/3` opening the line or sentence.
    static func opensWithDay(_ line: Range<Int>, tokens: TokenizedText) -> Bool {
        guard line.count >= 2 else { return false }
        let first = tokens[line.lowerBound]
        guard first.is(.ngay) || DateFinder.partOfDay(first) != nil || first.is(.trua) else { return false }
        let next = tokens[line.lowerBound + 1]
        return next.isNumber || line.count >= 3 && next.is(.ngay) && tokens[line.lowerBound + 2].isNumber
    }

    private func isPublicationLine(_ line: Range<Int>) -> Bool {
        let words = tokens[line]
        guard words.count <= 14, let first = words.first, words.contains(where: \.isNumber) else { return false }
        let second = words.dropFirst().first
        // `Cập nhật`, `Đăng`, `Thứ hai`, `Xuất bản` and a day or a clock time; not a headline that opens with a word
        // folded the same (`Thủ tướng yêu cầu xử lý 30 dự án`, `Xuất khẩu tăng 12%`).
        if first.is(.cap) || first.is(.dang) || first.is(.thu) || first.is(.xuat) || first.is(.published) || first.is(.posted) || first.is(.updated) {
            return holdsDayOrClock(line)
        }
        if first.is(.ngay), let second, second.is(.dang) || second.is(.cap) || second.is(.xuat) { return holdsDayOrClock(line) }
        // "(Cập nhật 12/5/2025 08:30)"; not a headline after an outlet's tag (`(TTV) Phiên họp thường kỳ ... tháng 6`).
        if first.gap.has(.openingParenthesis) { return holdsDayOrClock(line) }
        // A line that is only a date and maybe a time.
        if words.allSatisfy({ $0.isNumber || $0.is(.ngay) || $0.is(.gmt) || $0.is(.am) || $0.is(.pm) || $0.is(.h) }) { return true }
        // A section's name and a full date (`Chính trị 28-05-2024`, `Thời sự | 06:14 08/04/2022`): no sentence.
        return words.count <= 9 && words.filter({ !$0.isNumber }).count <= 4 && trailingPunctuation(line) == nil
            && DateFinder.dates(in: tokens, line).contains { $0.year != nil && $0.range.upperBound == line.upperBound }
    }

    /// A day (`12/5/2025`, `12/5`), a clock time (`08:30`) or an hour ago in the line.
    private func holdsDayOrClock(_ line: Range<Int>) -> Bool {
        line.dropFirst().contains { index in
            tokens[index].isNumber && tokens[index - 1].isNumber && tokens[index].gap.is(":")
                // "Cập nhật 3 giờ trước": hours or minutes ago.
                || tokens[index].is(.truoc) && (tokens[index - 1].is(.gio) || tokens[index - 1].is(.phut))
        } || !DateFinder.dates(in: tokens, line).isEmpty
    }

    /// `Góp ý dự thảo đề án 17/06/2025 17:22`: a day with its year and a clock time closing the headline line, as some
    /// outlets print the publication time after the headline; not a headline's own date (`... khai mạc 12/05/2025`).
    /// Where that day starts, three words or more into the line.
    private func gluedPublication(_ line: Range<Int>) -> Int? {
        guard let last = DateFinder.dates(in: tokens, line).last, last.year != nil, last.range.lowerBound - line.lowerBound >= 3,
              tokens[last.range.lowerBound].isNumber else { return nil }
        let end = last.range.upperBound
        let clock = end + 1 < line.upperBound && tokens[end].isNumber && tokens[end + 1].isNumber && tokens[end + 1].gap.is(":")
        return clock && end + 2 == line.upperBound ? last.range.lowerBound : nil
    }

    /// "TẬP TRUNG HOÀN THÀNH CÁC NHIỆM VỤ TRỌNG TÂM": a subhead in capitals (four words or more, no sentence's stop),
    /// neither a caption nor the body's text, whose meeting and bodies it would only repeat in capitals.
    private func isSubhead(_ line: Range<Int>) -> Bool {
        let words = tokens[line]
        return words.filter({ !$0.isNumber }).count >= 4 && words.allSatisfy({ $0.isAllCaps || $0.isNumber }) && !endsLikeSentence(line)
    }

    private static let abbreviationsBeforeDot: [Word] = [.tp, .gs, .ts, .pgs, .ths, .th, .st, .bs, .t, .q, .p, .tt]

    /// A sentence ends before the token at `index`: a stop and a space, then a capitalised word, a number or a quotation
    /// (not after an abbreviation's dot, `TP. Huế`).
    func endsSentence(before index: Int) -> Bool {
        let token = tokens[index], gap = token.gap
        return gap.has([.dot, .exclamation, .question, .ellipsis])
            && gap.hasSpace && (token.isCapitalized || token.isNumber || gap.has([.straightQuote, .openingQuote]))
            && !(gap.is(".") && Self.abbreviationsBeforeDot.contains(where: tokens[index - 1].is))
    }

    private func splitSentences(_ line: Range<Int>) {
        var start = line.lowerBound
        var index = line.lowerBound + 1
        while index < line.upperBound {
            let token = tokens[index]
            let previous = tokens[index - 1]
            // An inline photo credit ("... phát biểu. Ảnh: Hà Linh") ends a caption sentence.
            if previous.is(.anh) && previous.isCapitalized && token.gap.starts(with: ":") {
                if start == index - 1, describesPhoto(from: index, end: line.upperBound) {
                    captions.append(index..<line.upperBound)
                    return
                }
                var creditEnd = index
                // The credit's capitalised words, up to an honorific that starts the next sentence (`Ảnh: ĐOÀN KIÊN Ông
                // Trần Hồng Thái cho biết`) or, after a name in capitals, a word that is not.
                while creditEnd < line.upperBound && tokens[creditEnd].isCapitalized && creditEnd - index < 4
                    && (creditEnd == index || tokens[creditEnd].gap.isEmpty
                        && !(tokens[creditEnd].is(.ong) || tokens[creditEnd].is(.ba))
                        && !(tokens[creditEnd - 1].isAllCaps && !tokens[creditEnd].isAllCaps)) {
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
            if endsSentence(before: index) {
                if index > start { sentences.append(start..<index) }
                start = index
            }
            index += 1
        }
        if start < line.upperBound { sentences.append(start..<line.upperBound) }
    }
}
