/// Whether a sheet shows in the tab bar (`ST_SheetState`): the reader reports it, the writer sets it.
public enum SheetState: String, Sendable, Hashable, CaseIterable {
    case visible
    /// Hidden; the user can unhide it.
    case hidden
    /// Hidden so that only a program can unhide it.
    case veryHidden
}
