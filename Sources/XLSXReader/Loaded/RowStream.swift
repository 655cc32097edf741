import XLSXCore

/// The rows of a sheet produced as the file is read, for a format that is streamed rather than read whole
/// (CSV and TSV).
protocol RowStream: AnyObject {
    /// The next row in order, or nil after the last one.
    func next() throws -> Row?
    /// Everything outside the cells; complete once `next()` has returned nil.
    var metadata: SheetMetadata { get }
}

/// Opens a fresh stream of a sheet's rows for each reader of it.
struct RowSource: Sendable {
    let open: @Sendable () throws -> any RowStream
}
