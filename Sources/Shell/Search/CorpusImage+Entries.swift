import Foundation

extension CorpusImage {
    /// One file of the image: where its path (relative to the corpus root) and its bytes are,
    /// as offsets from the start of the image file.
    struct Entry: Sendable, Equatable {
        let pathOffset: Int
        let pathLength: Int
        let offset: Int
        let length: Int
    }

    /// Ends the table of record offsets the writer puts between the entry records and the pair
    /// index. Readers of images without it (or older readers, which stop after the records)
    /// still work: they decode every record instead.
    static let entryTableMagic = Array("FSCTXET1".utf8)
    /// Bytes of one entry record before its path: data offset, length and path length.
    static let recordHeaderSize = 24

    /// The image's entries, decoded from the mapped file one at a time when asked for: a
    /// query that touches a few candidate files of a 78k-file image reads only theirs (the
    /// record offset table gives entry `i`'s record directly). Images written without that
    /// table are decoded whole when loaded.
    struct Entries: RandomAccessCollection, @unchecked Sendable {
        private let mapping: UnsafeRawPointer
        /// The record offset table's file offset; nil when `decoded` holds every entry.
        private let table: Int?
        private var decoded: [Entry] = []
        private let recordsStart: Int
        private let recordsEnd: Int
        private let dataLength: Int
        let startIndex = 0
        let endIndex: Int

        /// The entries of an image mapped at `mapping`, whose `count` records (and offset
        /// table) lie in `recordsStart..<recordsEnd`; nil when they do not fit there.
        init?(mapping: UnsafeRawPointer, count: Int, dataLength: Int, recordsStart: Int, recordsEnd: Int) {
            self.mapping = mapping
            self.recordsStart = recordsStart
            self.dataLength = dataLength
            endIndex = count
            let tableBytes = count * 8 + entryTableMagic.count
            if count < Int.max / 64, recordsEnd - recordsStart >= tableBytes + count * recordHeaderSize,
               memcmp(mapping + recordsEnd - entryTableMagic.count, entryTableMagic, entryTableMagic.count) == 0 {
                let table = recordsEnd - tableBytes
                self.table = table
                self.recordsEnd = table
                // The first and last records are whole and the last ends where the table starts.
                guard count == 0 || (Self.record(mapping, table, 0, recordsStart) == recordsStart
                                     && decode(Self.record(mapping, table, 0, recordsStart)) != nil),
                      count == 0 || decode(Self.record(mapping, table, count - 1, recordsStart)).map({ $0.pathOffset + $0.pathLength }) == table
                else { return nil }
                return
            }
            table = nil
            self.recordsEnd = recordsEnd
            var entries: [Entry] = []
            entries.reserveCapacity(count)
            var position = recordsStart
            while entries.count < count, let entry = decode(position) {
                entries.append(entry)
                position = entry.pathOffset + entry.pathLength
            }
            guard entries.count == count else { return nil }
            decoded = entries
        }

        private static func record(_ mapping: UnsafeRawPointer, _ table: Int, _ index: Int, _ recordsStart: Int) -> Int {
            recordsStart + Int(UInt64(littleEndian: mapping.loadUnaligned(fromByteOffset: table + index * 8, as: UInt64.self)))
        }

        private func word(_ at: Int) -> Int { Int(UInt64(littleEndian: mapping.loadUnaligned(fromByteOffset: at, as: UInt64.self))) }

        /// The entry whose record starts at `position`; nil when it does not fit the records'
        /// bounds or points outside the data.
        private func decode(_ position: Int) -> Entry? {
            guard position >= recordsStart, position <= recordsEnd - recordHeaderSize else { return nil }
            let offset = word(position), length = word(position + 8), nameLength = word(position + 16)
            guard nameLength >= 0, nameLength <= recordsEnd - position - recordHeaderSize,
                  offset >= 0, length >= 0, offset <= dataLength, length <= dataLength - offset else { return nil }
            return Entry(pathOffset: position + recordHeaderSize, pathLength: nameLength, offset: headerSize + offset, length: length)
        }

        /// Drops this process's mapping of the records (and their offsets) of `range`: a pass
        /// over a million entries would otherwise keep ~100 MB of them resident. The page cache
        /// keeps them and a later read maps them again, so other threads lose nothing.
        func releasePages(_ range: Range<Int>) {
            guard let table, let first = range.first, let last = range.last else { return }
            let lastRecord = Self.record(mapping, table, last, recordsStart)
            let recordsEnd = decode(lastRecord).map { $0.pathOffset + $0.pathLength } ?? lastRecord
            CorpusImage.release(mapping, Self.record(mapping, table, first, recordsStart)..<recordsEnd)
            CorpusImage.release(mapping, (table + first * 8)..<(table + (last + 1) * 8))
        }

        subscript(position: Int) -> Entry {
            guard let table else { return decoded[position] }
            precondition(position >= 0 && position < endIndex, "image entry out of range")
            // A damaged record reads as an empty file with an empty name.
            return decode(Self.record(mapping, table, position, recordsStart))
                ?? Entry(pathOffset: recordsStart, pathLength: 0, offset: headerSize, length: 0)
        }
    }
}
