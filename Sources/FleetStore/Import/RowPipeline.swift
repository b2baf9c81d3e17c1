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
/// of a `String` per field and value takes most allocations out of the import. Built by the
/// reading thread as values, then read-only (constants: no run-time exclusivity checks).
final class ParsedBatch {
    let fields: RawFields
    let items: [ParsedItem]
    let values: PackedValues

    init(fields: RawFields, items: [ParsedItem], values: PackedValues) {
        self.fields = fields; self.items = items; self.values = values
    }

    /// The row's fields as strings (for an invalid row's report, or a kind without a fast path).
    func fieldStrings(_ item: ParsedItem) -> [String] {
        (0..<item.fieldCount).map { fields.string(item.firstField + $0) }
    }

    /// A packed row's values as `SQLValue`s (for the paths that are not the hot one).
    func sqlValues(_ row: PackedRow) -> [SQLValue] { Self.sqlValues(row, fields: fields, values: values) }

    static func sqlValues(_ row: PackedRow, fields: RawFields, values: PackedValues) -> [SQLValue] {
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
    /// The CPU time the reading thread used (known once it is done; for `PhaseClock`).
    private(set) var readerCPU = 0.0

    /// Starts reading `reader` on a new thread; `fast` (tried first) and `parse` run there.
    /// Unless `keepPacked` (the import loop binds packed rows), the fast path's rows are turned
    /// into `SQLValue`s there too, not on the database thread.
    func start<Fast: RowFastPath>(reader: CSVReader, headerCount: Int, fast: Fast, keepPacked: Bool,
                                  parse: @escaping ([String]) -> RowOutcome) {
        let thread = Thread { [self] in
            var fast = fast
            var blankCount = 0
            var strings: [String] = []
            // The batch being filled, as local values (see `ParsedBatch`).
            var fields = RawFields(capacity: Self.batchSize * 160)
            var items: [ParsedItem] = []
            var values = PackedValues()
            func reserve() {
                fields.ends.reserveCapacity(Self.batchSize * (headerCount + 1))
                items.reserveCapacity(Self.batchSize)
                values.items.reserveCapacity(Self.batchSize * 20)
                values.extra.reserveCapacity(Self.batchSize * 48)
            }
            reserve()
            do {
                try reader.withScanner { scanner in
                    while true {
                        let first = fields.ends.count
                        let rowStart = fields.count
                        guard let line = try scanner.next(appendingTo: &fields) else { break }
                        let count = fields.ends.count - first
                        // Every field empty (fields are trimmed): a blank row, dropped.
                        if fields.count == rowStart {
                            blankCount += 1
                            fields.ends.removeLast(count)
                            continue
                        }
                        var item = ParsedItem(line: line, firstField: first, fieldCount: count, outcome: .row([]), packed: nil)
                        if count > headerCount && fields.range(first + headerCount).lowerBound < fields.count {
                            item.outcome = .invalid([FieldError(column: -1, value: "", reason: Reason.extraFields(count, header: headerCount))])
                        } else if let packed = fast.parse(fields, first: first, count: count, into: &values) {
                            if keepPacked {
                                item.packed = packed
                            } else {
                                item.outcome = .row(ParsedBatch.sqlValues(packed, fields: fields, values: values))
                            }
                        } else {
                            strings.removeAll(keepingCapacity: true)
                            for i in 0..<count { strings.append(fields.string(first + i)) }
                            item.outcome = parse(strings)
                        }
                        items.append(item)
                        if items.count == Self.batchSize {
                            guard put(ParsedBatch(fields: fields, items: items, values: values)) else { return }
                            fields = RawFields(capacity: Self.batchSize * 160); items = []; values = PackedValues()
                            reserve()
                        }
                    }
                }
                _ = put(ParsedBatch(fields: fields, items: items, values: values))
                readerCPU = PhaseClock.threadCPU()
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
