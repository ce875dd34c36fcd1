import CGit2
import Foundation

extension GitPackBuffer {
    /// How many small packs a repository may hold before a flush merges them into one.
    public static let smallPackLimit = 48
    /// Packs below this size count as small (the corpus's own packs are far larger).
    public static let smallPackBytes = 16 << 20

    /// Every flush adds a pack; a repository that records many runs would gather thousands, and
    /// every object lookup would slow down. Past `smallPackLimit` small packs, this writes their
    /// objects into one pack and removes them — once at a time per repository (a lock file;
    /// whoever finds it taken skips), and only after the new pack is on disk, so a reader never
    /// misses an object. Packs with a `.keep` file are left alone, as git does.
    func consolidateSmallPacksIfNeeded() throws {
        let packDirectory = repository.gitDirectory.appendingPathComponent("objects/pack", isDirectory: true)
        guard Self.smallPacks(in: packDirectory).count > Self.smallPackLimit else { return }
        let lock = packDirectory.appendingPathComponent("fsctx-consolidate.lock").path
        let descriptor = open(lock, O_CREAT | O_EXCL | O_WRONLY, 0o644)
        guard descriptor >= 0 else { return }  // another writer is consolidating
        close(descriptor)
        defer { unlink(lock) }
        // Listed again under the lock: a consolidation that ended since the first look has
        // removed the packs it merged.
        let small = Self.smallPacks(in: packDirectory)
        guard small.count > Self.smallPackLimit else { return }
        var oids: [GitOID] = []
        for base in small {
            oids += try Self.objectIDs(inIndex: packDirectory.appendingPathComponent(base + ".idx"))
        }
        try repository.withHandle { _ in
            try Self.writePack(Array(Set(oids)).sorted(), from: target, into: repository.gitDirectory)
            try LibGit2.check(git_odb_refresh(target), "cannot reload the object database")
        }
        for base in small {
            for suffix in [".pack", ".idx", ".rev"] {
                unlink(packDirectory.appendingPathComponent(base + suffix).path)
            }
        }
        try repository.withHandle { _ in
            try LibGit2.check(git_odb_refresh(target), "cannot reload the object database")
        }
    }

    /// The base names (`pack-<sha>`) of the indexed packs below `smallPackBytes` without a `.keep`.
    static func smallPacks(in packDirectory: URL) -> [String] {
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: packDirectory.path)) ?? []
        return names.filter { $0.hasPrefix("pack-") && $0.hasSuffix(".pack") }.compactMap { name -> String? in
            let base = String(name.dropLast(".pack".count))
            guard names.contains(base + ".idx"), !names.contains(base + ".keep"),
                  let size = (try? manager.attributesOfItem(atPath: packDirectory.appendingPathComponent(name).path))?[.size] as? Int,
                  size < smallPackBytes
            else { return nil }
            return base
        }
    }

    /// The object ids listed in a version-2 pack index.
    static func objectIDs(inIndex url: URL) throws -> [GitOID] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw FSContextError(.io, "cannot read \(url.path)")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 8 + 1024, bytes[0..<4] == [0xFF, 0x74, 0x4F, 0x63], bytes[7] == 2 else {
            throw FSContextError(.git, "\(url.lastPathComponent) is not a version-2 pack index")
        }
        let count = Int(bytes[8 + 1020]) << 24 | Int(bytes[8 + 1021]) << 16 | Int(bytes[8 + 1022]) << 8 | Int(bytes[8 + 1023])
        let start = 8 + 1024
        guard bytes.count >= start + count * 20 else { throw FSContextError(.git, "\(url.lastPathComponent) is truncated") }
        return (0..<count).map { GitOID(bytes: Array(bytes[(start + $0 * 20)..<(start + $0 * 20 + 20)])) }
    }
}
