import CCHCCore
import FluentKit
import FluentSQL
import SQLKit

/// Accent-insensitive search over a column of folded text (`SearchText.fold`): every word must occur.
enum SearchFilter {
    static func apply<M: Model>(_ text: String?, column: String, to builder: QueryBuilder<M>) {
        for word in SearchText.fold(text ?? "").split(separator: " ") {
            builder.filter(.sql(contains(column: column, word: String(word))))
        }
    }

    /// `column LIKE '%word%' ESCAPE '\'`, with the word's own % and _ matched literally.
    static func contains(column: String, word: String) -> any SQLExpression {
        let escaped = word.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return SQLBinaryExpression(
            left: SQLColumn(column), op: SQLBinaryOperator.like,
            right: SQLKit.SQLList([SQLBind("%\(escaped)%"), SQLRaw("ESCAPE '\\'")], separator: SQLRaw(" ")))
    }
}
