using System.Data.Common;
using System.Globalization;
using System.Numerics;

namespace Lakeport.Services.Local.DuckDb;

/// <summary>
/// Values as the portal displays them: invariant culture, dates and timestamps ISO-8601, booleans lowercase as Athena
/// shows them, NULL as null. Nested values and blobs are cast to VARCHAR in SQL (see <see cref="DisplayExpression"/>),
/// so they arrive in DuckDB's own text form (<c>{'a': 1}</c>, <c>[1, 2]</c>, <c>\xFF</c> escapes).
/// </summary>
public static class DuckDbValues
{
    /// <summary>The SQL that turns a column into something <see cref="Display"/> can show.</summary>
    public static string DisplayExpression(string expression, bool nestedOrBinary) =>
        nestedOrBinary ? $"CAST({expression} AS VARCHAR)" : expression;

    public static string? Display(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Display(reader.GetValue(ordinal));

    public static string? Display(object? value) => value switch
    {
        null or DBNull => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTime timestamp => timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateTimeOffset timestamp => timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => number.ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        BigInteger number => number.ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
