/// Splits corpus files into line-preserving chunks of about `bytes` bytes, for `rag` and `coa`.
enum CorpusChunker {
    static func chunks(_ documents: [(path: String, text: String)], bytes: Int) -> [BM25Index.Chunk] {
        var result: [BM25Index.Chunk] = []
        for document in documents {
            var current = ""
            var start = 1
            var line = 0
            for text in document.text.split(separator: "\n", omittingEmptySubsequences: false) {
                line += 1
                if !current.isEmpty, current.utf8.count + text.utf8.count > bytes {
                    result.append(.init(path: document.path, startLine: start, text: current))
                    current = ""
                    start = line
                }
                current += text + "\n"
            }
            if !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                result.append(.init(path: document.path, startLine: start, text: current))
            }
        }
        return result
    }
}
