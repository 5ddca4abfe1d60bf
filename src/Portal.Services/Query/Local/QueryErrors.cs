using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Lakeport.Services.Common;
using Lakeport.Services.Local.DuckDb;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// Athena's AthenaError for a failure: category 2 (user) for what the SQL or the data got wrong, 1 (system) for the
/// rest. DuckDB's messages name the line (<c>LINE 3:</c>, counted in the query DuckDB saw) with a caret under the
/// column; both are mapped back to the statement as written.
/// </summary>
public static partial class QueryErrors
{
    /// <param name="plan">The plan that ran, for positions in the statement as written; null when planning failed.</param>
    public static QueryError From(Exception exception, QueryPlan? plan)
    {
        if (exception is SqlSyntaxException syntax)
        {
            return new QueryError(2, "SYNTAX_ERROR", syntax.Message, syntax.Line, syntax.Column);
        }

        if (exception is PortalException portal)
        {
            return new QueryError(2, portal is EntityNotFoundException ? "ENTITY_NOT_FOUND" : "GENERIC_USER_ERROR", portal.Message);
        }

        var prefix = exception is PrefixedQueryException prefixed ? prefixed.PrefixLength : 0;
        var engine = exception is PrefixedQueryException ? exception.InnerException : exception;
        if (engine is not (DuckDBException or DuckDbStatementException))
        {
            return new QueryError(1, "GENERIC_INTERNAL_ERROR", $"The query failed inside the engine: {exception.Message}");
        }

        var message = engine.Message;
        var first = message.Split('\n', 2)[0].Trim();
        var (line, column) = plan is null ? (null, null) : Position(message, plan, prefix);
        var type = first switch
        {
            _ when first.StartsWith("Parser Error", StringComparison.Ordinal) => "SYNTAX_ERROR",
            _ when first.StartsWith("Catalog Error", StringComparison.Ordinal) && first.Contains("Table", StringComparison.Ordinal) => "TABLE_NOT_FOUND",
            _ when first.StartsWith("Binder Error", StringComparison.Ordinal) && first.Contains("not found", StringComparison.OrdinalIgnoreCase) => "COLUMN_NOT_FOUND",
            _ when first.StartsWith("Catalog Error", StringComparison.Ordinal) => "FUNCTION_NOT_FOUND",
            _ when first.StartsWith("Conversion Error", StringComparison.Ordinal) => "INVALID_CAST_ARGUMENT",
            _ when first.Contains("division by zero", StringComparison.OrdinalIgnoreCase) => "DIVISION_BY_ZERO",
            _ when first.StartsWith("Permission Error", StringComparison.Ordinal) => "PERMISSION_DENIED",
            _ when first.StartsWith("Binder Error", StringComparison.Ordinal) || first.StartsWith("Invalid Input Error", StringComparison.Ordinal)
                || first.StartsWith("Out of Range Error", StringComparison.Ordinal) || first.StartsWith("IO Error", StringComparison.Ordinal) => "GENERIC_USER_ERROR",
            _ => "GENERIC_INTERNAL_ERROR",
        };
        var where = line is null ? "" : $"line {line}:{column}: ";
        // Trino's words for Trino's error (the macros raise it as "Invalid Input Error: Division by zero").
        var text = type == "DIVISION_BY_ZERO" ? "Division by zero" : first;
        return new QueryError(type == "GENERIC_INTERNAL_ERROR" ? 1 : 2, type, where + text, line, column);
    }

    private static (int? Line, int? Column) Position(string message, QueryPlan plan, int prefix)
    {
        var match = LinePattern().Match(message);
        if (!match.Success)
        {
            return (null, null);
        }

        var queryLine = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var (startLine, startColumn) = SqlText.LineAndColumn(plan.BoundSql, plan.Statement.QueryOffset);
        int? column = null;
        // DuckDB echoes the line (cut with "..." when long) and puts a caret under the spot.
        var echoed = match.Groups[2].Value;
        var caret = match.Groups[3].Value;
        if (!echoed.StartsWith("...", StringComparison.Ordinal) && caret.Length > 0)
        {
            column = caret.Length - ("LINE " + match.Groups[1].Value + ": ").Length;
            column = column < 0 ? null : column + 1 + (queryLine == 1 ? startColumn - 1 - prefix : 0);
        }

        if (column is null)
        {
            return (startLine + queryLine - 1, null);
        }

        // Positions so far count in the text after parameters were bound; shown in the text the user wrote.
        var (userLine, userColumn) = plan.Binding.UserPosition(startLine + queryLine - 1, column.Value);
        return (userLine, userColumn);
    }

    [GeneratedRegex(@"LINE (\d+): ([^\n]*)\n( *)\^")]
    private static partial Regex LinePattern();
}
