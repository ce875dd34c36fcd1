import Foundation

/// Regex-level reading of a source tree (Swift, Python, Go): which file declares which type,
/// how many cases an enum has, what parameters a function takes. Not a compiler — it strips
/// `//`/`#` comments and string literals, then matches declarations and balances brackets.
struct SourceScanner {
    static let extensions: Set<String> = ["swift", "py", "go"]
    static let skippedFolders: Set<String> = [".build", ".git", "node_modules", "__pycache__", "vendor"]

    let root: URL

    /// The source files under `root`, relative paths, sorted.
    func sourceFiles() throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]) else {
            throw BenchError(.notFound, "cannot read source tree \(root.path)")
        }
        var paths: [String] = []
        let base = root.standardizedFileURL.path
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                if name.hasPrefix(".") || Self.skippedFolders.contains(name) { enumerator.skipDescendants() }
                continue
            }
            guard Self.extensions.contains(url.pathExtension), !name.hasPrefix(".") else { continue }
            paths.append(String(url.standardizedFileURL.path.dropFirst(base.count + 1)))
        }
        return paths.sorted()
    }

    /// Scans every source file.
    func scan() throws -> SourceFacts {
        var facts = SourceFacts()
        for path in try sourceFiles() {
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path),
                  let text = String(data: data, encoding: .utf8) else { continue }
            facts.files.append((path, data.count))
            switch (path as NSString).pathExtension {
            case "swift": scanSwift(text, path: path, into: &facts)
            case "py": scanPython(text, path: path, into: &facts)
            default: scanGo(text, path: path, into: &facts)
            }
        }
        return facts
    }

    private func scanSwift(_ source: String, path: String, into facts: inout SourceFacts) {
        let text = Self.stripped(source, comment: "//")
        let typePattern = #"(?m)^[ \t]*(?:@\w+(?:\([^)\n]*\))?\s+)*(?:(?:public|private|internal|fileprivate|open|final|indirect|package|nonisolated)\s+)*(struct|class|enum|actor|protocol)\s+([A-Za-z_]\w*)"#
        for match in Self.matches(typePattern, in: text) where !["func", "var", "let"].contains(match[2]) {
            facts.types.append(.init(name: match[2], kind: match[1], path: path))
            if match[1] == "enum", let body = Self.balanced(text, from: match.end, open: "{", close: "}") {
                facts.enums.append(.init(name: match[2], path: path, count: Self.enumCaseCount(body)))
            }
        }
        for match in Self.matches(#"func\s+([A-Za-z_]\w*)\s*(?:<[^>{]*>)?\s*(?=\()"#, in: text) {
            guard let list = Self.balanced(text, from: match.end, open: "(", close: ")") else { continue }
            let parameters = Self.splitTopLevel(list).compactMap { parameter -> String? in
                let declaration = Self.splitTopLevel(parameter, separator: "=")[0]
                guard let colon = declaration.firstIndex(of: ":") else { return nil }
                let name = declaration[..<colon].split(separator: " ").last.map(String.init) ?? ""
                let type = declaration[declaration.index(after: colon)...].split(whereSeparator: \.isWhitespace).joined(separator: " ")
                return name.isEmpty ? nil : "\(name): \(type)"
            }
            facts.functions.append(.init(name: match[1], path: path, parameters: parameters))
        }
    }

    private func scanPython(_ source: String, path: String, into facts: inout SourceFacts) {
        let text = Self.stripped(source, comment: "#")
        for match in Self.matches(#"(?m)^[ \t]*class\s+([A-Za-z_]\w*)"#, in: text) {
            facts.types.append(.init(name: match[1], kind: "class", path: path))
        }
        for match in Self.matches(#"(?m)^[ \t]*(?:async\s+)?def\s+([A-Za-z_]\w*)\s*(?=\()"#, in: text) {
            guard let list = Self.balanced(text, from: match.end, open: "(", close: ")") else { continue }
            var parameters: [String] = []
            for parameter in Self.splitTopLevel(list) {
                let declaration: String = Self.splitTopLevel(parameter, separator: "=")[0]
                let words: [Substring] = declaration.split(whereSeparator: { $0.isWhitespace })
                let normalized = words.joined(separator: " ")
                if !["", "self", "cls", "*", "/"].contains(normalized) { parameters.append(normalized) }
            }
            facts.functions.append(.init(name: match[1], path: path, parameters: parameters))
        }
    }

    private func scanGo(_ source: String, path: String, into facts: inout SourceFacts) {
        let text = Self.stripped(source, comment: "//")
        for match in Self.matches(#"(?m)^type\s+([A-Za-z_]\w*)\s+(struct|interface)\b"#, in: text) {
            facts.types.append(.init(name: match[1], kind: match[2], path: path))
        }
        for match in Self.matches(#"(?m)^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*(?=\()"#, in: text) {
            guard let list = Self.balanced(text, from: match.end, open: "(", close: ")") else { continue }
            // Go groups names before one type: `a, b int` means `a int, b int`.
            var parameters: [String] = [], type: String?
            for part in Self.splitTopLevel(list).reversed() {
                let words = part.split(separator: " ", maxSplits: 1).map(String.init)
                if words.count == 2 { type = words[1].trimmingCharacters(in: .whitespaces) }
                guard let type else { parameters = []; break }
                parameters.insert("\(words[0]) \(type)", at: 0)
            }
            facts.functions.append(.init(name: match[1], path: path, parameters: parameters))
        }
    }
}
