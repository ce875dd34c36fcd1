import Foundation
import SharedValues

/// Needle-threading tasks: chains `key → key → … → value` scattered across a haystack.
///
/// Links read "The thread from {a} leads to {b}." and a chain ends with
/// "The thread from {z} ends at the value {v}." (v is a 7-digit number). Each corpus holds
/// `chains` chains of `hops` links at random positions, and one task per chain asks where the
/// chain that starts at its first key ends — so the chains are each other's distractors and all
/// tasks of a corpus share it. Corpus: `threading/hops<h>-<haystack>-<tokens>-s<sample>.txt`.
public struct ThreadingGenerator: BenchGenerator {
    /// Links per chain (key → key steps before the value); at least 1.
    public var hops: Int
    /// Chains per corpus (one question each).
    public var chains: Int
    /// The haystack filler.
    public var haystack: HaystackKind
    /// Target lengths in approximate tokens.
    public var lengths: [Int]
    /// Corpora per length.
    public var samples: Int
    /// The seed.
    public var seed: UInt64

    /// Creates a generator.
    public init(hops: Int = 3, chains: Int = 4, haystack: HaystackKind = .prose, lengths: [Int] = [4096],
                samples: Int = 1, seed: UInt64 = 0) {
        self.hops = hops
        self.chains = chains
        self.haystack = haystack
        self.lengths = lengths
        self.samples = samples
        self.seed = seed
    }

    /// Writes one haystack per length × sample and one task per chain in it.
    public func generate(into directory: URL) throws -> [BenchTask] {
        try GeneratorSupport.validate(lengths: lengths, depths: [0])
        guard (1...20).contains(hops), (1...50).contains(chains), samples >= 1 else {
            throw BenchError(.badInput, "threading needs 1–20 hops, 1–50 chains and at least 1 sample")
        }
        let folder = try GeneratorSupport.makeFolder("threading", in: directory)
        var tasks: [BenchTask] = []
        for length in lengths {
            for sample in 0..<samples {
                let name = "hops\(hops)-\(haystack.rawValue)-\(length)-s\(sample)"
                var random = SeededGenerator(seed: seed).derived(name)
                let keys = GeneratorSupport.keys(chains * (hops + 1), random: &random)
                var needles: [HaystackWriter.Needle] = []
                var chainTasks: [(start: String, value: String)] = []
                for chain in 0..<chains {
                    let chainKeys = Array(keys[(chain * (hops + 1))..<((chain + 1) * (hops + 1))])
                    let value = String(1_000_000 + random.below(9_000_000))
                    for index in 0..<hops {
                        needles.append(.init(depth: Double(random.below(1001)) / 1000,
                                             text: "The thread from \(chainKeys[index]) leads to \(chainKeys[index + 1])."))
                    }
                    needles.append(.init(depth: Double(random.below(1001)) / 1000,
                                         text: "The thread from \(chainKeys[hops]) ends at the value \(value)."))
                    chainTasks.append((chainKeys[0], value))
                }
                let writer = HaystackWriter(kind: haystack, random: random.derived("haystack"))
                _ = try writer.write(to: folder.appendingPathComponent(name + ".txt"),
                                     targetCharacters: TokenEstimate.characters(forTokens: length), needles: needles)
                for (index, chain) in chainTasks.enumerated() {
                    let question = "The text contains threads: a sentence \"The thread from X leads to Y.\" moves a thread on "
                        + "from key X to key Y, and \"The thread from Z ends at the value V.\" ends it. "
                        + "Follow the thread that starts at \(chain.start). What value does it end at?"
                    tasks.append(BenchTask(
                        id: "threading-\(name)-c\(index)", suite: .threading, variant: "hops-\(hops)",
                        contextTokens: length, question: question, answers: [chain.value], scorer: .stringMatchAll,
                        corpus: "threading/\(name).txt", corpusFormat: .text))
                }
            }
        }
        return tasks
    }
}
