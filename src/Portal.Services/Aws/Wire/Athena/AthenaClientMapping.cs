using System.Globalization;
using System.Text.RegularExpressions;
using Lakeport.Services.Query;

namespace Lakeport.Services.Aws.Wire.Athena;

/// <summary>Athena's answers → Lakeport's query model: the client side's reverse of <see cref="AthenaQueryMapping"/>.</summary>
public static partial class AthenaClientMapping
{
    /// <summary>
    /// What Athena says of a running or finished execution, laid over the portal's own record of it: who ran it, the
    /// SQL, database and parameters stay as recorded; state, reason, error, completion and statistics come from Athena.
    /// </summary>
    public static QueryExecution Refresh(this QueryExecution recorded, AthenaQueryExecution wire)
    {
        var status = wire.Status;
        var state = Enum.TryParse<QueryState>(status?.State, ignoreCase: false, out var parsed) ? parsed : recorded.State;
        var statistics = wire.Statistics;
        return recorded with
        {
            State = state,
            StateChangeReason = status?.StateChangeReason ?? recorded.StateChangeReason,
            Error = status?.AthenaError?.ToDomain() ?? (state == QueryState.FAILED && status?.StateChangeReason is { } reason ? FromMessage(2, null, reason) : recorded.Error),
            CompletedAt = status?.CompletionDateTime is { } completed && state is QueryState.SUCCEEDED or QueryState.FAILED or QueryState.CANCELLED ? completed : recorded.CompletedAt,
            Statistics = statistics is null ? recorded.Statistics : new QueryStatistics(
                statistics.DataScannedInBytes ?? 0,
                statistics.EngineExecutionTimeInMillis ?? 0,
                statistics.TotalExecutionTimeInMillis ?? 0,
                statistics.QueryQueueTimeInMillis ?? 0,
                recorded.Statistics.ResultRows),
            OutputLocation = wire.ResultConfiguration?.OutputLocation is { Length: > 0 } output ? ResultFile(output, recorded.Id) : recorded.OutputLocation,
        };
    }

    /// <summary>
    /// The result file of an execution: Athena names the object itself (<c>…/&lt;id&gt;.csv</c>); a location that is
    /// still a folder (an emulator echoing the request) gets the object name Athena would give it.
    /// </summary>
    public static string ResultFile(string outputLocation, string executionId) =>
        outputLocation.EndsWith('/') ? $"{outputLocation}{executionId}.csv" : outputLocation;

    /// <summary>
    /// Athena's error: category and numeric type, and a message that (as Trino's do) may lead with the engine's error
    /// name and say where in the SQL it went wrong (<c>SYNTAX_ERROR: line 1:8: …</c>).
    /// </summary>
    public static QueryError ToDomain(this AthenaError error) =>
        FromMessage(error.ErrorCategory ?? 2, error.ErrorType, error.ErrorMessage ?? "The query failed.");

    private static QueryError FromMessage(int category, int? type, string message)
    {
        var named = ErrorName().Match(message);
        var name = named.Success ? named.Groups["name"].Value : type switch
        {
            206 => "EXCEEDED_TIME_LIMIT",
            1001 => "DATA_ERROR",
            _ when category == 1 => "GENERIC_INTERNAL_ERROR",
            _ => "USER_ERROR",
        };
        var text = named.Success ? message[named.Length..] : message;
        var at = Position().Match(text);
        return at.Success
            ? new QueryError(category, name, text, int.Parse(at.Groups["line"].Value, CultureInfo.InvariantCulture), int.Parse(at.Groups["column"].Value, CultureInfo.InvariantCulture))
            : new QueryError(category, name, text);
    }

    /// <summary>
    /// A result column from Athena's metadata: the type name as Athena gives it, with a decimal's precision and scale
    /// written back into it (<c>decimal(10,2)</c>), as the local engine spells its types.
    /// </summary>
    public static ResultColumn ToResultColumn(this AthenaColumnInfo column)
    {
        var type = column.Type.Trim().ToLowerInvariant();
        return new ResultColumn(column.Name, type == "decimal" && column.Precision is > 0 ? $"decimal({column.Precision},{column.Scale ?? 0})" : type);
    }

    /// <summary>One row's cells; a datum without <c>VarCharValue</c> is SQL NULL, an empty string stays empty.</summary>
    public static IReadOnlyList<string?> ToCells(this AthenaRow row) => (row.Data ?? []).Select(d => d.VarCharValue).ToList();

    [GeneratedRegex(@"^(?<name>[A-Z][A-Z0-9_]+): ")]
    private static partial Regex ErrorName();

    [GeneratedRegex(@"^line (?<line>\d+):(?<column>\d+)")]
    private static partial Regex Position();
}
