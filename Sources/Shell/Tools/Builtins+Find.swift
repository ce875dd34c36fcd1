import Foundation

extension Builtins {
    static func find(_ execution: Execution, _ arguments: [String], _ io: inout CommandIO) async -> Int32 {
        var roots: [String] = []
        var index = 0
        while index < arguments.count && !arguments[index].hasPrefix("-") { roots.append(arguments[index]); index += 1 }
        if roots.isEmpty { roots = ["."] }
        var tests: [(String, String)] = []
        while index < arguments.count {
            let test = arguments[index]
            guard ["-name", "-iname", "-path", "-type", "-size", "-maxdepth", "-mindepth"].contains(test) else {
                io.error("find: unknown predicate '\(test)' (supported: -name, -iname, -path, -type f|d, -size [+-]N[ckMG], -maxdepth, -mindepth)\n")
                return 1
            }
            guard index + 1 < arguments.count else { io.error("find: missing argument to '\(test)'\n"); return 1 }
            tests.append((test, arguments[index + 1]))
            index += 2
        }
        var maxDepth = Int.max, minDepth = 0
        for (test, value) in tests {
            switch test {
            case "-type" where !["f", "d"].contains(value):
                io.error("find: -type: only f (file) and d (folder) exist in a corpus\n"); return 1
            case "-size" where sizePredicate(value) == nil:
                io.error("find: invalid -size '\(value)'; use e.g. +10k, -2M, 100c\n"); return 1
            case "-maxdepth", "-mindepth":
                guard let depth = Int(value), depth >= 0 else { io.error("find: \(test) needs a number\n"); return 1 }
                if test == "-maxdepth" { maxDepth = depth } else { minDepth = depth }
            default: break
            }
        }
        var failed = false
        for root in roots {
            let failure = execution.walk(root) { virtual, real, kind, depth in
                if depth > maxDepth { return false }
                if depth >= minDepth && matches(tests, virtual: virtual, real: real, kind: kind) { io.print(virtual + "\n") }
                return depth < maxDepth
            }
            if let failure { io.error("find: \(failure)\n"); failed = true }
        }
        return failed ? 1 : 0
    }

    static func matches(_ tests: [(String, String)], virtual: String, real: String, kind: Execution.EntryKind) -> Bool {
        let name = String(virtual.split(separator: "/").last ?? Substring(virtual))
        for (test, value) in tests {
            switch test {
            case "-name": if fnmatch(value, name, 0) != 0 { return false }
            case "-iname": if fnmatch(value.lowercased(), name.lowercased(), 0) != 0 { return false }
            case "-path": if fnmatch(value, virtual, 0) != 0 { return false }
            case "-type": if (value == "f") != (kind == .file) { return false }
            case "-size":
                var info = stat()
                guard kind == .file, lstat(real, &info) == 0, let predicate = sizePredicate(value),
                      predicate(Int(info.st_size)) else { return false }
            default: continue
            }
        }
        return true
    }

    /// `-size` as find reads it: units round up (`-size -1M` means 0 blocks), `c` bytes, `k`, `M`, `G`, default 512-byte blocks.
    static func sizePredicate(_ text: String) -> ((Int) -> Bool)? {
        var body = Substring(text)
        let sign = body.first.flatMap { "+-".contains($0) ? $0 : nil }
        if sign != nil { body = body.dropFirst() }
        var unit = 512
        if let last = body.last, !last.isNumber {
            switch last {
            case "c": unit = 1
            case "w": unit = 2
            case "b": unit = 512
            case "k": unit = 1024
            case "M": unit = 1 << 20
            case "G": unit = 1 << 30
            default: return nil
            }
            body = body.dropLast()
        }
        guard let count = Int(body) else { return nil }
        return { size in
            let units = (size + unit - 1) / unit
            switch sign {
            case "+": return units > count
            case "-": return units < count
            default: return units == count
            }
        }
    }
}
