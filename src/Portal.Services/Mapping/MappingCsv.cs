using System.Text;
using Lakeport.Services.Common;

namespace Lakeport.Services.Mapping;

/// <summary>
/// Column rules as RFC 4180 CSV: header <c>source_path,source_type,target_name,target_type,drop</c>, CRLF line ends,
/// fields quoted when they hold a comma, quote, CR or LF (quotes doubled), so any name round-trips.
/// </summary>
public static class MappingCsv
{
    public const string Header = "source_path,source_type,target_name,target_type,drop";

    private static readonly string[] Columns = Header.Split(',');

    public static string Write(IReadOnlyList<ColumnRule> rules)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var rule in rules)
        {
            csv.Append(Quote(rule.SourcePath)).Append(',').Append(Quote(rule.SourceType)).Append(',')
                .Append(Quote(rule.TargetName)).Append(',').Append(Quote(rule.TargetType)).Append(',')
                .Append(rule.Drop ? "true" : "false").Append("\r\n");
        }

        return csv.ToString();
    }

    public static IReadOnlyList<ColumnRule> Read(string csv)
    {
        var records = Parse(csv ?? "");
        if (records.Count == 0)
        {
            throw new InvalidInputException($"The CSV is empty: its first line must be the header {Header}.");
        }

        var (headerLine, header) = records[0];
        if (!header.Select(h => h.Trim().ToLowerInvariant()).SequenceEqual(Columns))
        {
            throw new InvalidInputException($"Line {headerLine}: the header is '{string.Join(',', header)}', expected {Header}.");
        }

        var rules = new List<ColumnRule>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count != Columns.Length)
            {
                throw new InvalidInputException($"Line {line}: expected {Columns.Length} fields ({Header}), found {fields.Count}.");
            }

            var drop = fields[4].Trim().ToLowerInvariant() switch
            {
                "true" => true,
                "false" or "" => false,
                _ => throw new InvalidInputException($"Line {line}: drop is '{fields[4]}'; write true or false."),
            };
            rules.Add(new ColumnRule(fields[0], fields[1], fields[2], fields[3], drop));
        }

        return rules;
    }

    private static string Quote(string? field)
    {
        field ??= "";
        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || field != field.Trim()
            ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : field;
    }

    /// <summary>Records with the line each starts on; a blank line between records (or at the end) is skipped.</summary>
    private static List<(int Line, List<string> Fields)> Parse(string text)
    {
        var records = new List<(int, List<string>)>();
        var line = 1;
        var i = 0;
        if (text.StartsWith('\uFEFF'))
        {
            i = 1;
        }

        while (i < text.Length)
        {
            if (text[i] is '\r' or '\n')
            {
                i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                continue;
            }

            var start = line;
            var fields = new List<string>();
            while (true)
            {
                var field = new StringBuilder();
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw new InvalidInputException($"Line {start}: a quoted field is not closed.");
                        }

                        var c = text[i++];
                        if (c == '"')
                        {
                            if (i < text.Length && text[i] == '"')
                            {
                                field.Append('"');
                                i++;
                                continue;
                            }

                            break;
                        }

                        if (c == '\n' || (c == '\r' && (i >= text.Length || text[i] != '\n')))
                        {
                            line++;
                        }

                        field.Append(c);
                    }

                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        throw new InvalidInputException($"Line {line}: unexpected '{text[i]}' after a closing quote (quotes inside a field are doubled).");
                    }
                }
                else
                {
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        if (text[i] == '"')
                        {
                            throw new InvalidInputException($"Line {line}: a quote inside an unquoted field; quote the field and double the quote.");
                        }

                        field.Append(text[i++]);
                    }
                }

                fields.Add(field.ToString());
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }

                break;
            }

            records.Add((start, fields));
        }

        return records;
    }
}
