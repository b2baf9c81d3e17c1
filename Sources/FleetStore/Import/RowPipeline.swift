import Foundation
import FleetCore

/// One data row after parsing, on its way from the reading thread to the database thread.
struct ParsedItem {
    var line: Int
    var fields: [String]
    /// The values for the kind's columns, or the row's problems.
    var outcome: RowOutcome
}

/// Reads and parses rows on a second thread while the database thread stores them: on a
/// two-core machine the import then takes about as long as the slower of the two halves
/// rather than their sum. A bounded queue keeps memory flat whatever the file size.
final class RowPipeline {
    private let condition = NSCondition()
    private var batches: [[ParsedItem]] = []
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    private let capacity = 8
    static let batchSize = 512

    /// Blank rows skipped by the reader (every field empty).
    private(set) var blank = 0

    /// Starts reading `reader` on a new thread; `parse` runs there.
    func start(reader: CSVReader, headerCount: Int, parse: @escaping ([String]) -> RowOutcome) {
        let thread = Thread { [self] in
            var batch: [ParsedItem] = []
            batch.reserveCapacity(Self.batchSize)
            var fields: [String] = []
            var blankCount = 0
            do {
                while let line = try reader.next(into: &fields) {
                    if fields.allSatisfy(\.isEmpty) { blankCount += 1; continue }
                    let outcome: RowOutcome
                    if fields.count > headerCount, fields[headerCount...].contains(where: { !$0.isEmpty }) {
                        outcome = .invalid([FieldError(column: -1, value: "", reason: Reason.extraFields(fields.count, header: headerCount))])
                    } else {
                        outcome = parse(fields)
                    }
                    batch.append(ParsedItem(line: line, fields: fields, outcome: outcome))
                    if batch.count == Self.batchSize {
                        guard put(batch) else { return }
                        batch.removeAll(keepingCapacity: true)
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

    private func put(_ batch: [ParsedItem]) -> Bool {
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
    func next() throws -> [ParsedItem]? {
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
