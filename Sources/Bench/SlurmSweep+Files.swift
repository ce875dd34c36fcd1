import Foundation
import SharedValues

extension SlurmSweep {
    /// Writes the sweep's folder: `sweep.conf`, `shard.sh`, `merge.sh` and `logs/`. Refuses a folder
    /// that already holds a sweep (retry that one instead).
    public func create() throws {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: configuration.path) else {
            throw BenchError(.badTarget, "\(directory.path) already holds a sweep; retry it (fsctx bench slurm retry \(directory.path)) or pick a new --slurm-dir")
        }
        do {
            try manager.createDirectory(at: directory.appendingPathComponent("logs"), withIntermediateDirectories: true)
            try configurationText().write(to: configuration, atomically: true, encoding: .utf8)
            let header = "#!/usr/bin/env bash\nset -euo pipefail\nsource \(ShellWords.quote(configuration.path))\n"
            for (name, body) in [("shard.sh", Self.shardScript), ("merge.sh", Self.mergeScript)] {
                let url = directory.appendingPathComponent(name)
                try (header + body).write(to: url, atomically: true, encoding: .utf8)
                try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            }
        } catch let error as BenchError {
            throw error
        } catch {
            throw BenchError(.io, "cannot write the sweep into \(directory.path): \(error.localizedDescription)")
        }
    }

    /// Reads the sweep in `directory` back (written by `create()`).
    public static func open(_ directory: URL) throws -> SlurmSweep {
        let configuration = directory.appendingPathComponent("sweep.conf")
        guard let text = try? String(contentsOf: configuration, encoding: .utf8) else {
            throw BenchError(.notFound, "\(directory.path) holds no sweep (no sweep.conf); submit one first with fsctx bench … --slurm N --slurm-dir DIR")
        }
        var values: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            var value = String(line[line.index(after: equals)...])
            if value.hasPrefix("("), value.hasSuffix(")") { value = String(value.dropFirst().dropLast()) }
            values[String(line[..<equals])] = ShellWords.split(value)
        }
        func one(_ key: String) throws -> String {
            guard let words = values[key], words.count <= 1 else {
                throw BenchError(.badInput, "\(configuration.path) has no \(key) line; it was not written by fsctx bench --slurm")
            }
            return words.first ?? ""
        }
        guard let shards = Int(try one("SWEEP_SHARDS")) else {
            throw BenchError(.badInput, "\(configuration.path): SWEEP_SHARDS is not a number")
        }
        return try SlurmSweep(directory: URL(fileURLWithPath: try one("SWEEP_DIR")), shards: shards,
                              executable: try one("SWEEP_FSCTX"), benchArguments: values["SWEEP_ARGS"] ?? [],
                              sbatchLine: try one("SWEEP_SBATCH"), workingDirectory: try one("SWEEP_WORKDIR"))
    }

    /// `sweep.conf`: Bash assignments, one a line.
    func configurationText() -> String {
        let q = ShellWords.quote
        return """
        SWEEP_SHARDS=\(q(String(shards)))
        SWEEP_FSCTX=\(q(executable))
        SWEEP_DIR=\(q(directory.path))
        SWEEP_SBATCH=\(q(sbatchLine))
        SWEEP_WORKDIR=\(q(workingDirectory))
        SWEEP_ARGS=(\(benchArguments.map(q).joined(separator: " ")))

        """
    }

    /// One shard of the sweep (a Slurm array task). Slurm runs a copy of the script from its spool
    /// folder, so the scripts name sweep.conf by its full path.
    static let shardScript = """
        # One shard of the sweep (a Slurm array task).
        i="${SLURM_ARRAY_TASK_ID:?run as a Slurm array task}"
        cd "$SWEEP_WORKDIR"
        "$SWEEP_FSCTX" bench "${SWEEP_ARGS[@]}" --shard "$i/$SWEEP_SHARDS" --out "$SWEEP_DIR/shard-$i.jsonl"
        touch "$SWEEP_DIR/shard-$i.ok"

        """

    /// Joins the shards' rows once every shard is done.
    static let mergeScript = """
        # Joins the shards' rows once every shard is done.
        files=()
        for ((i = 0; i < SWEEP_SHARDS; i++)); do
            [ -f "$SWEEP_DIR/shard-$i.ok" ] || { echo "shard $i did not finish" >&2; exit 1; }
            files+=("$SWEEP_DIR/shard-$i.jsonl")
        done
        "$SWEEP_FSCTX" bench merge "${files[@]}" --out "$SWEEP_DIR/results.jsonl" --force

        """
}
