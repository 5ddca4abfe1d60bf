using System.Text;
using Lakeport.Services.Common;

namespace Lakeport.Services.Query.Local;

public enum SqlTokenKind
{
    Word,
    QuotedIdentifier,
    String,
    Number,
    Symbol,
    Placeholder,
}

/// <summary>A token of SQL text and where it starts (character offset).</summary>
public sealed record SqlToken(SqlTokenKind Kind, string Text, int Start)
{
    public bool Is(string keyword) => Kind == SqlTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>An identifier's name: a word as written, a quoted identifier without its quotes.</summary>
    public string Name => Kind == SqlTokenKind.QuotedIdentifier ? Text[1..^1].Replace($"{Text[0]}{Text[0]}", $"{Text[0]}", StringComparison.Ordinal) : Text;
}

/// <summary>
/// A lexer for the statement guard: comments (<c>--</c>, <c>/* */</c>), string literals (<c>'…'</c>, <c>E'…'</c>,
/// dollar-quoted) and quoted identifiers are single tokens, so nothing inside them can pose as a keyword, a second
/// statement or a placeholder. It does not parse; DuckDB's own parser checks the statement afterwards.
/// </summary>
public static class SqlText
{
    public static IReadOnlyList<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && At(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && At(sql, i + 1) == '*')
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? throw Unterminated("comment", sql, start) : end + 2;
            }
            else if (c == '\'' || ((c is 'e' or 'E' or 'x' or 'X' or 'b' or 'B') && At(sql, i + 1) == '\''))
            {
                i = Quoted(sql, c == '\'' ? i : i + 1, '\'', backslash: c is 'e' or 'E');
                tokens.Add(new SqlToken(SqlTokenKind.String, sql[start..i], start));
            }
            else if (c is '"' or '`')
            {
                // Backticks quote identifiers in Athena's Hive-style DDL (DROP TABLE `db`.`t`).
                i = Quoted(sql, i, c, backslash: false);
                tokens.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, sql[start..i], start));
            }
            else if (c == '$' && DollarTag(sql, i) is { } tag)
            {
                var end = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = end < 0 ? throw Unterminated("string", sql, start) : end + tag.Length;
                tokens.Add(new SqlToken(SqlTokenKind.String, sql[start..i], start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Word, sql[start..i], start));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(At(sql, i + 1))))
            {
                while (i < sql.Length && (char.IsAsciiLetterOrDigit(sql[i]) || sql[i] is '.' or '_'))
                {
                    i++;
                }

                tokens.Add(new SqlToken(SqlTokenKind.Number, sql[start..i], start));
            }
            else
            {
                i++;
                tokens.Add(new SqlToken(c == '?' ? SqlTokenKind.Placeholder : SqlTokenKind.Symbol, c.ToString(), start));
            }
        }

        return tokens;
    }

    /// <summary>The statements of the text, split at semicolons outside strings and comments; empty ones dropped.</summary>
    public static IReadOnlyList<IReadOnlyList<SqlToken>> Statements(IReadOnlyList<SqlToken> tokens)
    {
        var statements = new List<IReadOnlyList<SqlToken>>();
        var current = new List<SqlToken>();
        foreach (var token in tokens)
        {
            if (token is { Kind: SqlTokenKind.Symbol, Text: ";" })
            {
                if (current.Count > 0)
                {
                    statements.Add(current);
                }

                current = [];
            }
            else
            {
                current.Add(token);
            }
        }

        if (current.Count > 0)
        {
            statements.Add(current);
        }

        return statements;
    }

    /// <summary>The 1-based line and column of a character offset.</summary>
    public static (int Line, int Column) LineAndColumn(string sql, int offset)
    {
        offset = Math.Clamp(offset, 0, sql.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (sql[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, offset - lineStart + 1);
    }

    /// <summary>The character offset of a 1-based line and column (the inverse of <see cref="LineAndColumn"/>).</summary>
    public static int Offset(string sql, int line, int column)
    {
        var at = 0;
        for (var l = 1; l < line && at < sql.Length; l++)
        {
            var next = sql.IndexOf('\n', at);
            at = next < 0 ? sql.Length : next + 1;
        }

        return Math.Clamp(at + column - 1, 0, sql.Length);
    }

    /// <summary>
    /// Replaces each <c>?</c> placeholder by the next parameter, in order. Each parameter must be one SQL literal
    /// (a number, a quoted string, TRUE/FALSE/NULL, or a typed literal such as <c>DATE '2024-01-01'</c>): anything
    /// else is refused, so a parameter can never add SQL of its own.
    /// </summary>
    public static SqlBinding BindParameters(string sql, IReadOnlyList<SqlToken> tokens, IReadOnlyList<string> parameters)
    {
        var placeholders = tokens.Where(t => t.Kind == SqlTokenKind.Placeholder).ToList();
        if (placeholders.Count != parameters.Count)
        {
            throw new InvalidInputException(
                $"The statement has {placeholders.Count} parameter placeholder(s) (?) but {parameters.Count} execution parameter(s) were given.");
        }

        var builder = new StringBuilder(sql.Length);
        var substitutions = new List<SqlSubstitution>(placeholders.Count);
        var at = 0;
        for (var p = 0; p < placeholders.Count; p++)
        {
            builder.Append(sql, at, placeholders[p].Start - at);
            var literal = Literal(parameters[p], p + 1);
            substitutions.Add(new SqlSubstitution(builder.Length, literal.Length, placeholders[p].Start));
            builder.Append(literal);
            at = placeholders[p].Start + 1;
        }

        return new SqlBinding(sql, builder.Append(sql, at, sql.Length - at).ToString(), substitutions);
    }

    private static string Literal(string parameter, int position)
    {
        IReadOnlyList<SqlToken> tokens;
        try
        {
            tokens = Tokenize(parameter);
        }
        catch (SqlSyntaxException)
        {
            tokens = [];
        }

        var isLiteral = tokens switch
        {
            [{ Kind: SqlTokenKind.Number }] => true,
            [{ Kind: SqlTokenKind.Symbol, Text: "-" or "+" }, { Kind: SqlTokenKind.Number }] => true,
            [{ Kind: SqlTokenKind.String }] => true,
            [var w] when w.Is("true") || w.Is("false") || w.Is("null") => true,
            [var type, { Kind: SqlTokenKind.String }] when type.Is("date") || type.Is("timestamp") || type.Is("time") || type.Is("decimal") => true,
            _ => false,
        };
        return isLiteral
            ? " " + parameter.Trim() + " "
            : throw new InvalidInputException(
                $"Execution parameter {position} ({Shorten(parameter)}) is not a SQL literal: pass a number, a quoted string such as 'text', TRUE, FALSE, NULL or a typed literal such as DATE '2024-01-01'.");
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static char At(string sql, int i) => i < sql.Length ? sql[i] : '\0';

    private static int Quoted(string sql, int open, char quote, bool backslash)
    {
        var i = open + 1;
        while (i < sql.Length)
        {
            if (backslash && sql[i] == '\\')
            {
                i += 2;
                continue;
            }

            if (sql[i] == quote)
            {
                if (At(sql, i + 1) == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        throw Unterminated(quote == '\'' ? "string" : "quoted identifier", sql, open);
    }

    private static string? DollarTag(string sql, int i)
    {
        var end = i + 1;
        while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_'))
        {
            end++;
        }

        return end < sql.Length && sql[end] == '$' && (end == i + 1 || !char.IsAsciiDigit(sql[i + 1])) ? sql[i..(end + 1)] : null;
    }

    private static SqlSyntaxException Unterminated(string what, string sql, int offset)
    {
        var (line, column) = LineAndColumn(sql, offset);
        return new SqlSyntaxException($"line {line}:{column}: unterminated {what}.", line, column);
    }
}

/// <summary>Where a parameter's literal (<paramref name="BoundLength"/> characters at <paramref name="BoundStart"/>) replaced a <c>?</c> at <paramref name="OriginalStart"/>.</summary>
public sealed record SqlSubstitution(int BoundStart, int BoundLength, int OriginalStart);

/// <summary>
/// The statement as written, the text DuckDB sees after parameters were bound, and where each substitution went, so a
/// position DuckDB reports in the bound text is shown in the user's text (inside a parameter: at its <c>?</c>).
/// </summary>
public sealed record SqlBinding(string Original, string Bound, IReadOnlyList<SqlSubstitution> Substitutions)
{
    public static SqlBinding None(string sql) => new(sql, sql, []);

    public int OriginalOffset(int boundOffset)
    {
        var shift = 0;
        foreach (var s in Substitutions)
        {
            if (boundOffset < s.BoundStart)
            {
                break;
            }

            if (boundOffset < s.BoundStart + s.BoundLength)
            {
                return s.OriginalStart;
            }

            shift = s.BoundStart + s.BoundLength - (s.OriginalStart + 1);
        }

        return boundOffset - shift;
    }

    /// <summary>The 1-based line and column in the user's text of a line and column in the bound text.</summary>
    public (int Line, int Column) UserPosition(int boundLine, int boundColumn) =>
        SqlText.LineAndColumn(Original, OriginalOffset(SqlText.Offset(Bound, boundLine, boundColumn)));
}

/// <summary>A statement that does not parse, with where (1-based line and column) when known.</summary>
public sealed class SqlSyntaxException(string message, int? line, int? column) : PortalException(message)
{
    public int? Line { get; } = line;

    public int? Column { get; } = column;
}
