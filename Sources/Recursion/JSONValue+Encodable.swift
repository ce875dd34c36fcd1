import FSContext
import Foundation

extension JSONValue {
    /// The JSON form of any `Encodable` value (`.null` if it cannot be encoded).
    static func encoding(_ value: some Encodable) -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value),
              let json = try? JSONDecoder().decode(JSONValue.self, from: data) else { return .null }
        return json
    }

    /// Decodes a `Decodable` value from this JSON.
    func decoded<T: Decodable>(as type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(jsonText.utf8))
    }

    /// Pretty JSON text with sorted keys and a final newline, as records are written.
    var prettyText: String { (writtenText(pretty: true) ?? "null") + "\n" }
}
