import CSVFormat

extension UnitImportError {
    /// A file that cannot be read as a table at all, as the `file` field's error on its line.
    init(_ error: CSV.TableError) {
        switch error {
        case .malformed(let line): self.init(line: line, error: FieldError("file", "csv.malformed"))
        case .empty: self.init(line: 1, error: FieldError("file", "csv.empty"))
        case .missingColumns(let missing):
            self.init(line: 1, error: FieldError("file", "csv.missing_columns", ["columns": missing.joined(separator: ", ")]))
        }
    }
}
