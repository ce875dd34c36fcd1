/// Facts read from a source tree by `SourceScanner`, each true of one file.
struct SourceFacts {
    /// A type declaration: `struct`/`class`/`enum`/`actor`/`protocol` (Swift), `class` (Python),
    /// `type … struct|interface` (Go).
    struct TypeDeclaration { var name: String, kind: String, path: String }
    /// An enum with its number of cases (Swift).
    struct EnumCases { var name: String, path: String, count: Int }
    /// A function with its parameters, each `name: Type` (Swift), as written (Python) or `name type` (Go).
    struct Function { var name: String, path: String, parameters: [String] }

    var types: [TypeDeclaration] = []
    var enums: [EnumCases] = []
    var functions: [Function] = []
    /// Relative paths of the scanned files with their sizes in bytes.
    var files: [(path: String, bytes: Int)] = []
}
