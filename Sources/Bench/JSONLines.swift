import Foundation

/// Reading and writing JSON Lines files of Codable rows, with line numbers in errors.
public enum JSONLines {
    /// One compact JSON line (sorted keys, no trailing newline) for a value.
    public static func line<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes every non-blank line of `url` as `T`.
    ///
    /// A malformed line is an error naming the file and line number. When
    /// `toleratingTruncatedTail` is set, a last line without a final newline that does not parse
    /// (a writer killed mid-line) is dropped instead, and reported through `truncatedTail`.
    public static func read<T: Decodable>(
        _ type: T.Type, from url: URL, toleratingTruncatedTail: Bool = false
    ) throws -> (rows: [T], truncatedTail: Bool) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw BenchError(.notFound, "cannot read \(url.path): \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw BenchError(.badInput, "\(url.path) is not valid UTF-8 text; expected JSON Lines")
        }
        let decoder = JSONDecoder()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var rows: [T] = []
        for (index, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                rows.append(try decoder.decode(T.self, from: Data(line.utf8)))
            } catch {
                let isTail = index == lines.count - 1 && !text.hasSuffix("\n")
                if toleratingTruncatedTail && isTail { return (rows, true) }
                throw BenchError(.badInput, "\(url.path):\(index + 1): not a valid \(T.self) row (\(describe(error)))")
            }
        }
        return (rows, false)
    }

    /// Writes rows to `url` atomically (temporary file, then rename): all or nothing.
    public static func write<T: Encodable>(_ rows: [T], to url: URL) throws {
        var text = ""
        for row in rows { text += try line(row) + "\n" }
        do { try Data(text.utf8).write(to: url, options: .atomic) } catch {
            throw BenchError(.io, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing key \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "bad value at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "not JSON" : "bad value at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: "\(error)"
        }
    }
}
