import Foundation
import SharedValues

/// Streams a haystack of about `targetCharacters` characters to a file, inserting needle
/// sentences at their depths (fractions of the text, snapped to a sentence boundary).
/// Memory stays bounded (`BufferedFileWriter`), so a 1M-token file costs nothing.
struct HaystackWriter {
    /// A sentence to insert and where, as a fraction of the text (0 = start, 1 = end).
    struct Needle {
        var depth: Double
        var text: String
    }

    var kind: HaystackKind
    var random: SeededGenerator

    /// Writes the file; returns the byte offset of each needle, in the order given.
    func write(to url: URL, targetCharacters: Int, needles: [Needle]) throws -> [Int] {
        let file = try BufferedFileWriter(url: url)
        let order = needles.indices.sorted { needles[$0].depth < needles[$1].depth }
        let needleCharacters = needles.reduce(0) { $0 + $1.text.utf8.count + 1 }
        let haystackBudget = max(0, targetCharacters - needleCharacters)
        var offsets = [Int](repeating: 0, count: needles.count)
        var haystackWritten = 0, next = 0
        var prose = ProseGenerator(random: random), noiseIndex = 0

        func emitNeedlesDue(upTo position: Int) throws {
            while next < order.count, Int(needles[order[next]].depth * Double(haystackBudget)) <= position {
                offsets[order[next]] = file.bytesWritten
                try file.write(needles[order[next]].text + " ")
                next += 1
            }
        }
        while haystackWritten < haystackBudget {
            try emitNeedlesDue(upTo: haystackWritten)
            let unit: String
            switch kind {
            case .noise:
                unit = Vocabulary.noiseSentences[noiseIndex % 5] + (noiseIndex % 5 == 4 ? "\n" : " ")
                noiseIndex += 1
            case .prose: unit = prose.nextUnit()
            }
            try file.write(unit)
            haystackWritten += unit.utf8.count
        }
        try emitNeedlesDue(upTo: Int.max)
        try file.write("\n")
        try file.close()
        return offsets
    }
}
