using System.Text;
using Lakeport.Services.Common;
using Lakeport.Services.Local.DuckDb;

namespace Lakeport.Services.Query.Local;

/// <summary>
/// Athena (Trino) functions that DuckDB names or shapes differently, as TEMP macros created in each session: a temp
/// macro shadows DuckDB's built-in of the same name (measured on 1.5.6), so <c>date_diff</c> and <c>split_part</c>
/// behave as in Trino. Typed overloads keep <c>date_add</c> on a DATE a DATE. <c>date_parse</c> needs a constant
/// format in DuckDB, so it is rewritten in the SQL text instead (<see cref="Rewrite"/>).
/// </summary>
public static class AthenaFunctions
{
    /// <summary>Interval of <c>n</c> units named as Trino names them.</summary>
    private const string Interval =
        "CASE lower(u) WHEN 'millisecond' THEN to_milliseconds(n) WHEN 'second' THEN to_seconds(n) WHEN 'minute' THEN to_minutes(n) "
        + "WHEN 'hour' THEN to_hours(n) WHEN 'day' THEN to_days(CAST(n AS INTEGER)) WHEN 'week' THEN to_weeks(CAST(n AS INTEGER)) "
        + "WHEN 'month' THEN to_months(CAST(n AS INTEGER)) WHEN 'quarter' THEN to_months(CAST(n * 3 AS INTEGER)) "
        + "WHEN 'year' THEN to_years(CAST(n AS INTEGER)) ELSE error('date_add: unknown unit ' || u) END";

    /// <summary>
    /// The macros a statement can reach: those whose name appears in it, and the macros those call (a macro's body
    /// only names macros defined before it). Creating all of them costs every session tens of milliseconds; most
    /// statements need none. A name met inside a string or another identifier only adds a macro that goes unused.
    /// </summary>
    public static IReadOnlyList<string> MacrosFor(string sql)
    {
        var needed = new List<string>();
        var text = sql;
        for (var i = Macros.Count - 1; i >= 0; i--)
        {
            if (text.Contains(MacroNames[i], StringComparison.OrdinalIgnoreCase))
            {
                needed.Insert(0, Macros[i]);
                text += " " + Macros[i];
            }
        }

        return needed;
    }

    public static IReadOnlyList<string> Macros { get; } =
    [
        // Joda patterns (format_datetime) to strftime: longest letters first, so MM never eats part of MMMM.
        "CREATE TEMP MACRO athena_joda_format(f) AS replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(f, "
            + "'yyyy', '%Y'), 'yy', '%y'), 'MMMM', '%B'), 'MMM', '%b'), 'MM', '%m'), 'dd', '%d'), 'HH', '%H'), 'hh', '%I'), 'mm', '%M'), 'SSS', '%g'), 'ss', '%S'), 'EEEE', '%A'), 'EEE', '%a')",
        "CREATE TEMP MACRO format_datetime(x, f) AS strftime(x, athena_joda_format(f))",
        "CREATE TEMP MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)",
        "CREATE TEMP MACRO from_unixtime(x) AS make_timestamp(CAST(round(CAST(x AS DOUBLE) * 1000000) AS BIGINT))",
        "CREATE TEMP MACRO to_unixtime(x) AS epoch(x)",
        $"CREATE TEMP MACRO date_add(u, n, x DATE) AS CAST(x + {Interval} AS DATE), (u, n, x) AS x + {Interval}",
        // Trino counts whole units elapsed (23:00 → 01:00 is 0 days); DuckDB's date_sub does, its date_diff counts boundaries.
        "CREATE TEMP MACRO date_diff(u, a, b) AS date_sub(u, a, b)",
        "CREATE TEMP MACRO approx_distinct(x) AS approx_count_distinct(x)",
        "CREATE TEMP MACRO approx_percentile(x, p) AS approx_quantile(x, p)",
        "CREATE TEMP MACRO regexp_like(s, p) AS regexp_matches(s, p)",
        // Trino gives NULL when nothing matches (DuckDB gives an empty string); a macro cannot call the built-in it shadows.
        "CREATE TEMP MACRO regexp_extract(s, p) AS regexp_extract_all(s, p, 0)[1], (s, p, g) AS regexp_extract_all(s, p, g)[1]",
        // Trino gives NULL past the last field (DuckDB gives an empty string).
        "CREATE TEMP MACRO split_part(s, d, i) AS string_split(s, d)[i]",
        // DuckDB's len takes lists only and its cardinality maps only; a macro's branches must bind for both types.
        "CREATE TEMP MACRO cardinality(x) AS CASE WHEN typeof(x) LIKE 'MAP(%' THEN CAST(len(json_keys(to_json(x))) AS BIGINT) ELSE CAST(json_array_length(to_json(x)) AS BIGINT) END",
        // Trino keeps a DATE a DATE (DuckDB's date_trunc gives a TIMESTAMP); datetrunc is DuckDB's other name for it.
        "CREATE TEMP MACRO date_trunc(u, x DATE) AS CAST(datetrunc(u, x) AS DATE), (u, x) AS datetrunc(u, x)",
        // Trino's division and modulo (TrinoArithmetic points / // % divide mod here): a zero divisor fails integer and
        // decimal arithmetic and gives IEEE Infinity/NaN for floating point; NULL in, NULL out. The float branch adds a
        // string literal to a zero of the operands' type, so every branch keeps that type (measured on 1.5.6).
        "CREATE TEMP MACRO athena_float(a, b) AS typeof(a) IN ('FLOAT', 'DOUBLE') OR typeof(b) IN ('FLOAT', 'DOUBLE')",
        "CREATE TEMP MACRO athena_divide(a, b) AS CASE WHEN b = 0 AND a IS NOT NULL THEN CASE WHEN NOT athena_float(a, b) THEN error('Division by zero') "
            + "WHEN isnan(a) OR a = 0 THEN (a * 0 + b * 0) - 'NaN' WHEN (a > 0) <> signbit(b) THEN (a * 0 + b * 0) - '-Infinity' "
            + "ELSE (a * 0 + b * 0) - 'Infinity' END ELSE a / b END",
        "CREATE TEMP MACRO athena_int_divide(a, b) AS CASE WHEN b = 0 AND a IS NOT NULL AND NOT athena_float(a, b) THEN error('Division by zero') ELSE a // b END",
        "CREATE TEMP MACRO athena_mod(a, b) AS CASE WHEN b = 0 AND a IS NOT NULL AND NOT athena_float(a, b) THEN error('Division by zero') ELSE a % b END",
        "CREATE TEMP MACRO element_at(x, i) AS x[i]",
        // A JSON object or array is not a scalar: NULL, as in Trino.
        "CREATE TEMP MACRO json_extract_scalar(j, p) AS CASE WHEN json_type(j, p) NOT IN ('OBJECT', 'ARRAY') THEN json_extract_string(j, p) END",
        "CREATE TEMP MACRO arbitrary(x) AS any_value(x)",
    ];

    /// <summary>The name each macro of <see cref="Macros"/> defines (CREATE TEMP MACRO name(…)).</summary>
    private static readonly string[] MacroNames = Macros.Select(m => m["CREATE TEMP MACRO ".Length..m.IndexOf('(', StringComparison.Ordinal)]).ToArray();

    /// <summary>
    /// Rewrites <c>date_parse(x, 'MySQL format')</c> as <c>strptime(x, 'strftime format')</c> on the tokens, so
    /// nothing inside strings or comments is touched. A format that is not a literal is refused with a reason.
    /// </summary>
    public static string Rewrite(string sql, IReadOnlyList<SqlToken> tokens)
    {
        var edits = new List<(int Start, int Length, string Text)>();
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (!tokens[i].Is("date_parse") || tokens[i + 1].Text != "(" || (i > 0 && tokens[i - 1].Text == "."))
            {
                continue;
            }

            var (comma, close) = TopLevelCommaAndClose(tokens, i + 1);
            if (comma < 0 || close != comma + 2 || tokens[comma + 1].Kind != SqlTokenKind.String || !tokens[comma + 1].Text.StartsWith('\''))
            {
                throw new InvalidInputException("date_parse needs its format as a string literal, such as date_parse(s, '%Y-%m-%d %H:%i:%s').");
            }

            var format = tokens[comma + 1].Text[1..^1].Replace("''", "'", StringComparison.Ordinal);
            edits.Add((tokens[i].Start, tokens[i].Text.Length, "strptime"));
            edits.Add((tokens[comma + 1].Start, tokens[comma + 1].Text.Length, DuckDbSql.Literal(MySqlToStrftime(format))));
        }

        if (edits.Count == 0)
        {
            return sql;
        }

        var builder = new StringBuilder(sql);
        foreach (var (start, length, text) in edits.OrderByDescending(e => e.Start))
        {
            builder.Remove(start, length).Insert(start, text);
        }

        return builder.ToString();
    }

    /// <summary>MySQL's date_parse specifiers (Trino's) in strftime's spelling.</summary>
    public static string MySqlToStrftime(string format)
    {
        var builder = new StringBuilder(format.Length);
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length)
            {
                builder.Append(format[i]);
                continue;
            }

            var specifier = format[++i];
            builder.Append(specifier switch
            {
                'i' => "%M",
                's' or 'S' => "%S",
                'M' => "%B",
                'T' => "%H:%M:%S",
                'r' => "%I:%M:%S %p",
                'h' or 'I' => "%I",
                'c' => "%m",
                'e' => "%d",
                'k' => "%H",
                'l' => "%I",
                'W' => "%A",
                _ => $"%{specifier}",
            });
        }

        return builder.ToString();
    }

    private static (int Comma, int Close) TopLevelCommaAndClose(IReadOnlyList<SqlToken> tokens, int open)
    {
        var depth = 0;
        var comma = -1;
        for (var j = open; j < tokens.Count; j++)
        {
            switch (tokens[j].Text)
            {
                case "(" or "[" when tokens[j].Kind == SqlTokenKind.Symbol:
                    depth++;
                    break;
                case ")" or "]" when tokens[j].Kind == SqlTokenKind.Symbol:
                    if (--depth == 0)
                    {
                        return (comma, j);
                    }

                    break;
                case "," when tokens[j].Kind == SqlTokenKind.Symbol && depth == 1:
                    comma = j;
                    break;
            }
        }

        return (-1, -1);
    }
}
