import Foundation
import FleetCore

/// One data row after parsing, on its way from the reading thread to the database thread.
/// Its fields and (for a row taken by a kind's fast path) its values live in its batch.
struct ParsedItem {
    var line: Int
    /// The row's first field in the batch's `fields`, and how many fields it has.
    var firstField: Int
    var fieldCount: Int
    /// The values for the kind's columns, or the row's problems. A row taken by the fast path
    /// is `.row([])` with `packed` set.
    var outcome: RowOutcome
    var packed: PackedRow?
}

/// Rows read and parsed together: their fields as bytes, and the packed values of the rows
/// the kind's fast path validated. Passing a few hundred rows as a handful of arrays instead
/// of a `String` per field and value takes most allocations out of the import.
final class ParsedBatch {
    var fields = RawFields()
    var items: [ParsedItem] = []
    var values = PackedValues()

    init() {
        items.reserveCapacity(RowPipeline.batchSize)
    }

    /// The row's fields as strings (for an invalid row's report, or a kind without a fast path).
    func fieldStrings(_ item: ParsedItem) -> [String] {
        (0..<item.fieldCount).map { fields.string(item.firstField + $0) }
    }

    /// A packed row's values as `SQLValue`s (for the paths that are not the hot one).
    func sqlValues(_ row: PackedRow) -> [SQLValue] {
        fields.bytes.withUnsafeBufferPointer { fb in
            values.extra.withUnsafeBufferPointer { eb in
                (0..<row.count).map { values.items[row.first + $0].sqlValue(fields: fb, extra: eb) }
            }
        }
    }
}

/// Reads and parses rows on a second thread while the database thread stores them: on a
/// two-core machine the import then takes about as long as the slower of the two halves
/// rather than their sum. A bounded queue keeps memory flat whatever the file size.
final class RowPipeline {
    private let condition = NSCondition()
    private var batches: [ParsedBatch] = []
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    private let capacity = 8
    static let batchSize = 512

    /// Blank rows skipped by the reader (every field empty).
    private(set) var blank = 0

    /// Starts reading `reader` on a new thread; `fast` (tried first, when given) and `parse`
    /// run there.
    func start(reader: CSVReader, headerCount: Int, fast: RowFastPath?, parse: @escaping ([String]) -> RowOutcome) {
        let thread = Thread { [self] in
            var batch = ParsedBatch()
            var blankCount = 0
            var strings: [String] = []
            do {
                while true {
                    let first = batch.fields.ends.count
                    let rowStart = batch.fields.bytes.count
                    guard let line = try reader.next(appendingTo: &batch.fields) else { break }
                    let count = batch.fields.ends.count - first
                    // Every field empty (fields are trimmed): a blank row, dropped.
                    if batch.fields.bytes.count == rowStart {
                        blankCount += 1
                        batch.fields.ends.removeLast(count)
                        continue
                    }
                    var item = ParsedItem(line: line, firstField: first, fieldCount: count, outcome: .row([]), packed: nil)
                    let extra = count > headerCount && batch.fields.range(first + headerCount).lowerBound < batch.fields.bytes.count
                    if extra {
                        item.outcome = .invalid([FieldError(column: -1, value: "", reason: Reason.extraFields(count, header: headerCount))])
                    } else if let fast, let packed = fast.parse(batch.fields, first: first, count: count, into: &batch.values) {
                        item.packed = packed
                    } else {
                        strings.removeAll(keepingCapacity: true)
                        for i in 0..<count { strings.append(batch.fields.string(first + i)) }
                        item.outcome = parse(strings)
                    }
                    batch.items.append(item)
                    if batch.items.count == Self.batchSize {
                        guard put(batch) else { return }
                        batch = ParsedBatch()
                    }
                }
                _ = put(batch)
                finish(error: nil, blank: blankCount)
            } catch {
                finish(error: error, blank: blankCount)
            }
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    private func put(_ batch: ParsedBatch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    private func finish(error: Error?, blank: Int) {
        condition.lock()
        failure = error
        self.blank = blank
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, nil at the end; rethrows what stopped the reading thread.
    func next() throws -> ParsedBatch? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            let b = batches.removeFirst()
            condition.broadcast()
            return b
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the reading thread (after an error on the database side).
    func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
