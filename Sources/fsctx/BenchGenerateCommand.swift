import ArgumentParser
import Bench
import Foundation

/// `fsctx bench generate <suite>`: write a task file and its corpus inputs.
struct BenchGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate benchmark tasks (no download; the same seed gives the same bytes).",
        discussion: "Each writes <out>/tasks.jsonl and the corpus inputs next to it. Lengths are approximate tokens: 4 characters ≈ 1 token.",
        subcommands: [NIAH.self, Threading.self, Aggregate.self, CodeQA.self]
    )

    /// Options every generator takes.
    struct Common: ParsableArguments {
        @Option(help: "The folder to write (must be new or empty, unless --force).")
        var out: String
        @Option(help: "The random seed.")
        var seed: UInt64 = 0
        @Flag(help: "Replace --out if it exists.")
        var force = false
    }

    struct NIAH: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "niah", abstract: "Needle in a haystack, RULER wording (single, multikey, multivalue, multiquery).")
        @OptionGroup var common: Common
        @Option(help: "single, multikey, multivalue or multiquery.") var variant: String = "single"
        @Option(help: "Needle values: number, word or uuid.") var values: String = "number"
        @Option(help: "Haystack: noise (RULER's repeated sentences) or prose (generated).") var haystack: String = "noise"
        @Option(help: "Target lengths in tokens, comma-separated (4096,8k,128k,1m).") var lengths: String = "4k"
        @Option(help: "Needle depths, fractions, comma-separated.") var depths: String = "0,0.25,0.5,0.75,1"
        @Option(help: "Samples per length × depth.") var samples: Int = 1
        @Option(help: "Distractor needles (multikey).") var distractors: Int = 3
        @Option(help: "Values per key (multivalue).") var valuesPerKey: Int = 4
        @Option(help: "Keys asked about (multiquery).") var queries: Int = 4

        func run() async throws {
            do {
                guard let variant = NIAHGenerator.Variant(rawValue: variant) else { throw BenchError(.badInput, "unknown --variant \(variant): use single, multikey, multivalue or multiquery") }
                guard let kind = NIAHGenerator.ValueKind(rawValue: values) else { throw BenchError(.badInput, "unknown --values \(values): use number, word or uuid") }
                guard let haystack = HaystackKind(rawValue: haystack) else { throw BenchError(.badInput, "unknown --haystack \(haystack): use noise or prose") }
                let generator = NIAHGenerator(
                    variant: variant, valueKind: kind, haystack: haystack, lengths: try BenchCLI.lengths(lengths),
                    depths: try BenchCLI.depths(depths), samples: samples, distractors: distractors,
                    valuesPerKey: valuesPerKey, queries: queries, seed: common.seed)
                try BenchCLI.write(generator, to: common.out, force: common.force)
            } catch { throw BenchCLI.fail("bench generate niah", error) }
        }
    }

    struct Threading: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "threading", abstract: "Needle threading: follow key → key → … → value chains scattered across a haystack.")
        @OptionGroup var common: Common
        @Option(help: "Links per chain.") var hops: Int = 3
        @Option(help: "Chains per corpus (one question each).") var chains: Int = 4
        @Option(help: "Haystack: noise or prose.") var haystack: String = "prose"
        @Option(help: "Target lengths in tokens, comma-separated.") var lengths: String = "4k"
        @Option(help: "Corpora per length.") var samples: Int = 1

        func run() async throws {
            do {
                guard let haystack = HaystackKind(rawValue: haystack) else { throw BenchError(.badInput, "unknown --haystack \(haystack): use noise or prose") }
                let generator = ThreadingGenerator(hops: hops, chains: chains, haystack: haystack,
                                                   lengths: try BenchCLI.lengths(lengths), samples: samples, seed: common.seed)
                try BenchCLI.write(generator, to: common.out, force: common.force)
            } catch { throw BenchCLI.fail("bench generate threading", error) }
        }
    }

    struct Aggregate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "aggregate", abstract: "OOLONG-style counts and comparisons over records with hidden labels.")
        @OptionGroup var common: Common
        @Option(help: "Target lengths in tokens, comma-separated.") var lengths: String = "4k"
        @Option(help: "Corpora per length.") var samples: Int = 1

        func run() async throws {
            do {
                let generator = AggregateGenerator(lengths: try BenchCLI.lengths(lengths), samples: samples, seed: common.seed)
                try BenchCLI.write(generator, to: common.out, force: common.force)
            } catch { throw BenchCLI.fail("bench generate aggregate", error) }
        }
    }

    struct CodeQA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "codeqa", abstract: "Questions about a local source tree (Swift, Python, Go): defining files, enum cases, parameters.")
        @OptionGroup var common: Common
        @Option(help: "The source tree to ask about.") var source: String = "Sources"
        @Option(help: "Questions per kind at most.") var questions: Int = 10

        func run() async throws {
            do {
                let generator = CodeQAGenerator(source: URL(fileURLWithPath: source), questionsPerKind: questions, seed: common.seed)
                try BenchCLI.write(generator, to: common.out, force: common.force)
            } catch { throw BenchCLI.fail("bench generate codeqa", error) }
        }
    }
}
